#include "host/plugins/SourceRegistry.hpp"

#include <algorithm>
#include <set>

#include "host/log/Log.hpp"

namespace pricefeed::host {
namespace {

std::shared_ptr<PluginLibrary> library_named(const std::vector<PluginFileReport>& plugins,
                                             const std::string& name) {
  for (const auto& p : plugins) {
    if (p.loaded() && p.library->name() == name) return p.library;
  }
  return nullptr;
}

// The specs plus one for each loaded plugin no spec names, when unconfigured plugins run.
std::vector<SourceSpec> with_unconfigured(const std::vector<PluginFileReport>& plugins,
                                          std::vector<SourceSpec> specs,
                                          const UnconfiguredSpecFactory& unconfigured) {
  if (!unconfigured) return specs;
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
  return specs;
}

// Whether the file `instance` was loaded from is still in a plugin directory but was refused this
// time (a bad build put in its place, or its permissions changed): its source keeps running as it
// was. A file that is gone stops its sources.
bool file_now_refused(const SourceInstance& instance, const std::vector<PluginFileReport>& plugins) {
  return std::any_of(plugins.begin(), plugins.end(), [&](const PluginFileReport& p) {
    std::error_code ec;
    return !p.loaded() && std::filesystem::weakly_canonical(p.file, ec) == instance.plugin().file();
  });
}

}  // namespace

SourceRegistry::SourceRegistry(const std::vector<PluginFileReport>& plugins, std::vector<SourceSpec> specs,
                               const UnconfiguredSpecFactory& unconfigured,
                               const SourceContextFactory& make_context) {
  update(plugins, std::move(specs), unconfigured, make_context);
}

SourceRegistryChanges SourceRegistry::update(const std::vector<PluginFileReport>& plugins,
                                             std::vector<SourceSpec> specs,
                                             const UnconfiguredSpecFactory& unconfigured,
                                             const SourceContextFactory& make_context) {
  std::vector<Running> before;
  {
    std::lock_guard lock(mutex_);
    before = running_;
  }
  auto running_before = [&](const std::string& name) -> const Running* {
    const auto found =
        std::find_if(before.begin(), before.end(), [&](const Running& r) { return r.spec.name == name; });
    return found == before.end() ? nullptr : &*found;
  };

  SourceRegistryChanges changes;
  std::vector<Running> after;
  std::vector<SourceReport> reports;
  for (auto& spec : with_unconfigured(plugins, std::move(specs), unconfigured)) {
    SourceReport report{spec, ""};
    const Running* old = running_before(spec.name);
    const auto library = library_named(plugins, spec.plugin);
    if (old != nullptr && library != nullptr && old->spec == spec &&
        &old->instance->plugin() == library.get()) {
      after.push_back(*old);
      changes.unchanged.push_back(spec.name);
      reports.push_back(std::move(report));
      continue;
    }
    if (library != nullptr) {
      try {
        auto context = make_context ? make_context(spec) : std::make_unique<SourceContext>();
        context->name = spec.name;
        std::shared_ptr<SourceInstance> instance =
            SourceInstance::create(library, std::move(context), spec.config_json);
        after.push_back({spec, std::move(instance)});
        (old != nullptr ? changes.changed : changes.started).push_back(spec.name);
        log_info(old != nullptr ? "source replaced" : "source created",
                 {{"source", spec.name}, {"plugin", spec.plugin}, {"version", library->version()}});
      } catch (const std::exception& e) {
        report.refusal = e.what();
      }
    } else if (old != nullptr && file_now_refused(*old->instance, plugins)) {
      report.refusal = "its plugin file " + old->instance->plugin().file().string() + " was refused";
    } else {
      report.refusal = "no loaded plugin is named \"" + spec.plugin + "\"";
      old = nullptr;  // its plugin is gone: the source stops
    }
    if (!report.running()) {
      // A source that ran keeps running as it was: a bad plugin build or table never takes it down.
      if (old != nullptr) after.push_back(*old);
      log_error(old != nullptr ? "source not replaced; its running instance stays" : "source not started",
                {{"source", spec.name}, {"plugin", spec.plugin}, {"reason", report.refusal}});
      changes.refused.push_back(report);
    }
    reports.push_back(std::move(report));
  }
  for (const Running& old : before) {
    const bool kept = std::any_of(after.begin(), after.end(),
                                  [&](const Running& r) { return r.spec.name == old.spec.name; });
    if (!kept && !old.spec.configured && file_now_refused(*old.instance, plugins)) {
      // An unconfigured plugin whose new build was refused: no spec asked for it, but it ran.
      after.push_back(old);
      SourceReport report{old.spec,
                          "its plugin file " + old.instance->plugin().file().string() + " was refused"};
      changes.refused.push_back(report);
      reports.push_back(std::move(report));
    } else if (!kept) {
      changes.stopped.push_back(old.spec.name);
      log_info("source stopped; its calls in flight finish first", {{"source", old.spec.name}});
    }
  }

  {
    std::lock_guard lock(mutex_);
    running_.swap(after);
    reports_ = std::move(reports);
  }
  // `after` now holds the instances replaced or stopped: each is destroyed here, or when the last
  // call holding it returns.
  return changes;
}

std::shared_ptr<SourceInstance> SourceRegistry::find(std::string_view name) const {
  std::lock_guard lock(mutex_);
  for (const auto& r : running_) {
    if (r.spec.name == name) return r.instance;
  }
  return nullptr;
}

std::vector<std::shared_ptr<SourceInstance>> SourceRegistry::instances() const {
  std::lock_guard lock(mutex_);
  std::vector<std::shared_ptr<SourceInstance>> instances;
  for (const auto& r : running_)
    instances.push_back(r.instance);
  return instances;
}

std::vector<SourceReport> SourceRegistry::reports() const {
  std::lock_guard lock(mutex_);
  return reports_;
}

}  // namespace pricefeed::host
