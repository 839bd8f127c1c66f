#include "host/plugins/PluginScanner.hpp"

#include <algorithm>
#include <map>

#include "host/log/Log.hpp"
#include "host/plugins/PluginDescriptor.hpp"

namespace pricefeed::host {
namespace {

std::vector<std::filesystem::path> shared_objects_in(const std::filesystem::path& dir, std::string& problem) {
  std::vector<std::filesystem::path> files;
  std::error_code ec;
  if (!std::filesystem::is_directory(dir, ec)) {
    problem = "plugin directory does not exist";
    return files;
  }
  for (auto it = std::filesystem::directory_iterator(dir, ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
    if (is_plugin_file_name(it->path().filename()) && !it->is_directory()) files.push_back(it->path());
  }
  if (ec) problem = "cannot read plugin directory: " + ec.message();
  std::sort(files.begin(), files.end());
  return files;
}

// The library of the last scan loaded from the file `opened` is, unchanged since; null when none.
std::shared_ptr<PluginLibrary> loaded_from(const PluginFile& opened,
                                           const std::vector<PluginFileReport>& loaded_before) {
  for (const auto& report : loaded_before) {
    if (report.loaded() && report.library->file() == opened.real_path() && opened.state() &&
        report.library->file_state() == opened.state())
      return report.library;
  }
  return nullptr;
}

}  // namespace

bool is_plugin_file_name(const std::filesystem::path& file_name) {
  const std::string name = file_name.string();
  return !name.starts_with('.') && file_name.extension() == ".so";
}

std::vector<PluginFileReport> scan_plugin_dirs(const std::vector<std::filesystem::path>& dirs,
                                               const pricefeed_host_api* host,
                                               const std::vector<PluginFileReport>& loaded_before) {
  std::vector<PluginFileReport> reports;
  std::map<std::string, std::filesystem::path> loaded_names;
  for (const auto& dir : dirs) {
    std::string problem;
    auto files = shared_objects_in(dir, problem);
    if (!problem.empty()) {
      log_warn("plugin directory skipped", {{"dir", dir.string()}, {"reason", problem}});
      reports.push_back({dir, nullptr, problem});
      continue;
    }
    for (const auto& file : files) {
      PluginFileReport report{file, nullptr, ""};
      try {
        PluginFile opened = PluginLibrary::open_checked(file);
        auto library = loaded_from(opened, loaded_before);
        const bool fresh_load = library == nullptr;
        if (fresh_load) library = PluginLibrary::load(std::move(opened), host);
        auto [it, fresh] = loaded_names.emplace(library->name(), file);
        if (!fresh) {
          throw PluginRefused("plugin name \"" + library->name() + "\" is already loaded from " +
                              it->second.string());
        }
        report.library = std::move(library);
        if (fresh_load) {
          log_info("plugin loaded", {{"file", file.string()},
                                     {"plugin", report.library->name()},
                                     {"version", report.library->version()},
                                     {"abi", abi_version_text(report.library->abi_version())}});
        }
      } catch (const PluginRefused& e) {
        report.refusal = e.what();
        log_error("plugin refused", {{"file", file.string()},
                                     {"reason", report.refusal},
                                     {"host_abi", abi_version_text(PRICEFEED_ABI_VERSION)}});
      }
      reports.push_back(std::move(report));
    }
  }
  return reports;
}

}  // namespace pricefeed::host
