#include "host/plugins/SourceRegistry.hpp"

#include <set>

#include "host/log/Log.hpp"

namespace pricefeed::host {

SourceRegistry::SourceRegistry(const std::vector<PluginFileReport>& plugins, std::vector<SourceSpec> specs,
                               const UnconfiguredSpecFactory& unconfigured,
                               const SourceContextFactory& make_context) {
  auto library_named = [&](const std::string& name) -> std::shared_ptr<PluginLibrary> {
    for (const auto& p : plugins) {
      if (p.loaded() && p.library->name() == name) return p.library;
    }
    return nullptr;
  };

  if (unconfigured) {
    std::set<std::string> used;
    for (const auto& s : specs)
      used.insert(s.plugin);
    for (const auto& p : plugins) {
      if (p.loaded() && !used.contains(p.library->name())) {
        SourceSpec spec = unconfigured(p.library->name());
        spec.configured = false;
        specs.push_back(std::move(spec));
      }
    }
  }

  for (auto& spec : specs) {
    SourceReport report{spec, ""};
    if (auto library = library_named(spec.plugin)) {
      try {
        auto context = make_context ? make_context(spec) : std::make_unique<SourceContext>();
        context->name = spec.name;
        instances_.push_back(
            SourceInstance::create(std::move(library), std::move(context), spec.config_json));
        log_info("source created", {{"source", spec.name}, {"plugin", spec.plugin}});
      } catch (const std::exception& e) {
        report.refusal = e.what();
      }
    } else {
      report.refusal = "no loaded plugin is named \"" + spec.plugin + "\"";
    }
    if (!report.running()) {
      log_error("source not started",
                {{"source", spec.name}, {"plugin", spec.plugin}, {"reason", report.refusal}});
    }
    reports_.push_back(std::move(report));
  }
}

SourceInstance* SourceRegistry::find(std::string_view name) const {
  for (const auto& instance : instances_) {
    if (instance->name() == name) return instance.get();
  }
  return nullptr;
}

}  // namespace pricefeed::host
