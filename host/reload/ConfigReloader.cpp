#include "host/reload/ConfigReloader.hpp"

#include "host/log/Log.hpp"
#include "host/metrics/HostMetrics.hpp"
#include "host/reload/ConfigChanges.hpp"

namespace pricefeed::host {
namespace {

void add_source_changes(ReloadReport& report, const SourceReload& reload) {
  report.started = reload.sources.started;
  report.changed = reload.sources.changed;
  report.stopped = reload.sources.stopped;
  report.unchanged = reload.sources.unchanged;
  for (const auto& refused : reload.sources.refused)
    report.refused.push_back({refused.spec.name, "", refused.refusal});
  for (const auto& file : reload.refused_plugins)
    report.refused.push_back({"", file.file.string(), file.refusal});
}

ReloadOutcome outcome_of(const ReloadReport& report) {
  if (!report.refused.empty()) return ReloadOutcome::partial;
  if (report.started.empty() && report.changed.empty() && report.stopped.empty() && report.sections.empty())
    return ReloadOutcome::unchanged;
  return ReloadOutcome::applied;
}

std::string joined(const std::vector<std::string>& items, std::string_view separator = ",") {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += separator;
    out += item;
  }
  return out;
}

// The report as one log line's fields; what stayed unchanged is left out.
LogFields log_fields(const ReloadReport& report) {
  LogFields fields{{"outcome", reload_outcome_name(report.outcome)}, {"trigger", report.trigger}};
  auto add = [&](const char* key, const std::vector<std::string>& items, std::string_view separator = ",") {
    if (!items.empty()) fields.emplace_back(key, joined(items, separator));
  };
  add("started", report.started);
  add("changed", report.changed);
  add("stopped", report.stopped);
  std::vector<std::string> refused;
  for (const auto& r : report.refused)
    refused.push_back((r.source.empty() ? r.file : r.source) + ": " + r.reason);
  add("refused", refused, "; ");
  add("sections", report.sections);
  add("restart_needed", report.restart_needed);
  add("errors", report.errors, "; ");
  return fields;
}

}  // namespace

ConfigReloader::ConfigReloader(std::shared_ptr<const Config> running, ReloadSteps steps)
    : steps_(std::move(steps)), running_(std::move(running)) {}

ReloadReport ConfigReloader::reload(const std::string& trigger) {
  std::lock_guard one_at_a_time(reloading_);
  ReloadReport report = apply(trigger);
  record(report);
  return report;
}

ReloadReport ConfigReloader::apply(const std::string& trigger) {
  ReloadReport report;
  report.at = std::chrono::system_clock::now();
  report.trigger = trigger;
  const std::shared_ptr<const Config> before = running();

  // Everything that can fail for the whole reload is done before anything changes.
  std::shared_ptr<const Config> next;
  std::function<void()> start_work;
  ConfigChanges changes;
  try {
    next = std::make_shared<const Config>(with_restart_only_settings_of(*before, steps_.load_config()));
    changes = compare_configs(*before, *next);
    if (changes.work_changed() && steps_.prepare_work) start_work = steps_.prepare_work(next);
  } catch (const std::exception& error) {
    report.outcome = ReloadOutcome::refused;
    report.errors.emplace_back(error.what());
    return report;
  }
  // compare_configs against the file as read, so that the keys waiting for a restart are named.
  report.sections = changes.sections;
  report.restart_needed = changes.restart_needed;

  add_source_changes(report, steps_.reload_sources(*next));
  if (start_work) start_work();
  {
    std::lock_guard lock(state_mutex_);
    running_ = next;
  }
  report.outcome = outcome_of(report);
  return report;
}

void ConfigReloader::record(const ReloadReport& report) {
  {
    std::lock_guard lock(state_mutex_);
    last_ = report;
    ++count_;
  }
  host_metrics().reloads.labels({std::string(reload_outcome_name(report.outcome))}).inc();
  switch (report.outcome) {
    case ReloadOutcome::refused:
      log_error("reload refused; the running configuration stays", log_fields(report));
      break;
    case ReloadOutcome::partial:
      log_warn("reload applied in part; refused sources keep what they ran", log_fields(report));
      break;
    default:
      log_info("reload " + std::string(reload_outcome_name(report.outcome)), log_fields(report));
  }
  if (!report.restart_needed.empty())
    log_warn("these settings changed but apply only after a restart",
             {{"keys", joined(report.restart_needed)}});
}

std::shared_ptr<const Config> ConfigReloader::running() const {
  std::lock_guard lock(state_mutex_);
  return running_;
}

std::optional<ReloadReport> ConfigReloader::last() const {
  std::lock_guard lock(state_mutex_);
  return last_;
}

std::uint64_t ConfigReloader::count() const {
  std::lock_guard lock(state_mutex_);
  return count_;
}

}  // namespace pricefeed::host
