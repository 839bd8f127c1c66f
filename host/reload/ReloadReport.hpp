// What one reload did (docs/reload.md): the answer of POST /v1/admin/reload, the "reload" log line,
// and GET /health's "reload".
#pragma once

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace pricefeed::host {

enum class ReloadOutcome {
  applied,    // something changed and all of it was applied
  unchanged,  // nothing differed from what runs
  partial,    // applied, but a source or plugin file was refused (a changed source keeps its old instance)
  refused,    // the configuration (or the work it describes) could not be read or built: nothing changed
};

std::string_view reload_outcome_name(ReloadOutcome outcome);

struct ReloadRefusal {
  std::string source;  // the source refused, or empty for a plugin file
  std::string file;    // the plugin file refused, or empty for a source
  std::string reason;
};

struct ReloadReport {
  ReloadOutcome outcome = ReloadOutcome::unchanged;
  std::chrono::system_clock::time_point at;
  std::string trigger;  // "SIGHUP", "POST /v1/admin/reload", "plugin directory changed"
  std::vector<std::string> started;
  std::vector<std::string> changed;
  std::vector<std::string> stopped;
  std::vector<std::string> unchanged;
  std::vector<ReloadRefusal> refused;
  std::vector<std::string> sections;        // changed sections applied at the next job or tick
  std::vector<std::string> restart_needed;  // changed keys that wait for a restart
  std::vector<std::string> errors;          // why it was refused: "file:line: key: problem"

  nlohmann::json to_json() const;
};

}  // namespace pricefeed::host
