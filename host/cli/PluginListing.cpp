#include "host/cli/PluginListing.hpp"

#include "host/log/Log.hpp"
#include "host/plugins/PluginDescriptor.hpp"

namespace pricefeed::host {
namespace {

// A plugin reached through a symlink is shown with the file that was loaded: the one that was checked.
std::string file_cell(const PluginFileReport& report) {
  if (!report.loaded() ||
      std::filesystem::absolute(report.file).lexically_normal() == report.library->file()) {
    return report.file.string();
  }
  return report.file.string() + " -> " + report.library->file().string();
}

}  // namespace

TextTable plugin_files_table(const std::vector<PluginFileReport>& plugins) {
  TextTable files({"FILE", "NAME", "VERSION", "ABI", "CLASSES", "CAPABILITIES", "STATUS"});
  for (const auto& p : plugins) {
    if (p.loaded()) {
      const auto& d = p.library->descriptor();
      files.add({file_cell(p), p.library->name(), p.library->version(),
                 abi_version_text(p.library->abi_version()), asset_class_names(d.asset_classes),
                 capability_names(d.capabilities), "loaded"});
    } else {
      files.add({p.file.string(), "-", "-", "-", "-", "-", "refused: " + p.refusal});
    }
  }
  return files;
}

std::string configured_cell(const SourceSpec& spec) {
  return spec.configured ? "yes" : "no (defaults)";
}

std::string source_status_cell(const SourceReport& report) {
  return report.running() ? "ready" : "not started: " + report.refusal;
}

TextTable routing_table(const std::vector<RoutingLink>& links) {
  TextTable routing({"CLASS", "SOURCE", "STATUS"});
  for (const RoutingLink& link : links) {
    routing.add({std::string(asset_class_name(link.asset_class)), link.source,
                 link.problem.empty() ? "ready" : link.problem});
    if (!link.problem.empty())
      log_warn("a [routing] chain names a source that cannot serve",
               {{"asset_class", asset_class_name(link.asset_class)},
                {"source", link.source},
                {"problem", link.problem}});
  }
  return routing;
}

}  // namespace pricefeed::host
