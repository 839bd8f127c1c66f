#include "host/cli/Cli.hpp"

#include <cstdint>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "host/assets/AssetClass.hpp"
#include "host/cli/AssetsCommand.hpp"
#include "host/cli/BackfillCommand.hpp"
#include "host/cli/CalendarCommand.hpp"
#include "host/cli/CheckConfigCommand.hpp"
#include "host/cli/CommandContext.hpp"
#include "host/cli/DaemonCommand.hpp"
#include "host/cli/HostsCommand.hpp"
#include "host/cli/JobsCommand.hpp"
#include "host/cli/JobsRetryCommand.hpp"
#include "host/cli/MigrateCommand.hpp"
#include "host/cli/PluginsCommand.hpp"
#include "host/cli/QualityCommand.hpp"
#include "host/cli/RedactingOutput.hpp"
#include "host/cli/SeedCatalogCommand.hpp"
#include "host/cli/ServeCommand.hpp"
#include "host/cli/WorkerCommand.hpp"
#include "host/log/Log.hpp"

namespace pricefeed::host {
namespace {

constexpr int kFailed = 1;
constexpr int kUsage = 2;

spdlog::level::level_enum parse_level(const std::string& name) {
  auto level = spdlog::level::from_str(name);
  if (level == spdlog::level::off && name != "off") {
    throw CLI::ValidationError("--log-level", "unknown level \"" + name + "\" (debug, info, warn, error)");
  }
  return level;
}

}  // namespace

int run_cli(int argc, char** argv) {
  // Whatever a command prints, help and errors included, is redacted on its way out.
  const RedactingOutput redacted_output(std::cout);
  const RedactingOutput redacted_errors(std::cerr);
  CLI::App app{"pricefeed: keeps a portfolio database filled with price history and live prices"};
  app.require_subcommand(1);
  GlobalOptions options;
  std::string config_file;
  app.add_option("--config", config_file,
                 "Configuration file (default: ./config/pricefeed.toml, else /etc/pricefeed/pricefeed.toml)");
  app.add_option("--log-format", options.log_format, "json (one object per line) or text")
      ->check(CLI::IsMember({"json", "text"}))
      ->capture_default_str();
  app.add_option("--log-level", options.log_level, "debug, info, warn or error")->capture_default_str();

  auto* migrate = app.add_subcommand("migrate", "Apply the sql/ migrations to the database");
  auto* plugins = app.add_subcommand("plugins", "List every plugin found and every configured source");
  auto* check_config = app.add_subcommand(
      "check-config",
      "Check the configuration and plugins; show what a reload of the running serve would do");
  CheckConfigArguments check_config_args;
  check_config->add_flag("--json", check_config_args.json,
                         "One JSON object with the same content, for scripts");
  auto* serve = app.add_subcommand("serve", "Run everything: HTTP API, events, worker and daemon");
  auto* worker = app.add_subcommand("worker", "Run backfill jobs from the queue");
  bool worker_once = false;
  worker->add_flag("--once", worker_once, "Drain the due jobs, then exit");
  auto* daemon = app.add_subcommand("daemon", "Fetch latest prices on a schedule");
  DaemonArguments daemon_args;
  daemon->add_option("--interval", daemon_args.interval_minutes,
                     "Minutes between ticks (overrides daemon.interval_minutes)");
  daemon->add_flag("--once", daemon_args.once, "Run one tick, then exit");
  daemon->add_option("--at", daemon_args.at,
                     "With --once: judge trading hours as of this UTC instant, e.g. 2026-11-27T17:30:00Z");
  auto* seed = app.add_subcommand("seed-catalog", "Fill the assets table from every catalog source");
  auto* backfill = app.add_subcommand("backfill", "Queue a history job by hand");
  BackfillArguments backfill_args;
  backfill->add_option("SYMBOL", backfill_args.symbol, "Symbol, e.g. AAPL")->required();
  backfill->add_option("--class", backfill_args.asset_class, asset_class_choices(" or "))->required();
  backfill->add_option("--from", backfill_args.from, "First date, YYYY-MM-DD")->required();
  backfill->add_option("--to", backfill_args.to, "Last date, YYYY-MM-DD (default: today)");
  auto* jobs = app.add_subcommand("jobs", "List the backfill jobs, newest first");
  JobsArguments jobs_args;
  jobs->add_option("--status", jobs_args.status, "Only jobs in this status")
      ->check(CLI::IsMember({"pending", "in_progress", "rate_limited", "completed", "failed"}));
  jobs->add_option("--limit", jobs_args.limit, "At most this many jobs")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  jobs->add_flag("--json", jobs_args.json, "A JSON array of every column, for scripts");
  JobsRetryArguments jobs_retry_args;
  auto* jobs_retry =
      jobs->add_subcommand("retry", "Make a failed or waiting job due now, with a full attempt budget");
  std::int64_t retry_job_id = 0;
  auto* retry_id_option = jobs_retry->add_option("ID", retry_job_id, "The job's id (see `pricefeed jobs`)");
  jobs_retry->add_flag("--failed", jobs_retry_args.all_failed, "Every failed job")->excludes(retry_id_option);
  const std::vector<std::string_view> class_names = all_asset_class_names();
  auto* hosts = app.add_subcommand("hosts", "List the hosts of the cluster: alive or dead, version, jobs");
  HostsArguments hosts_args;
  hosts->add_flag("--json", hosts_args.json, "One JSON object, as GET /health/cluster answers, for scripts");
  auto* assets = app.add_subcommand("assets", "List the tracked assets: holders, stored history, freshness");
  AssetsArguments assets_args;
  assets->add_option("--class", assets_args.asset_class, "Only this asset class")
      ->check(CLI::IsMember(std::vector<std::string>(class_names.begin(), class_names.end())));
  assets->add_flag("--all", assets_args.all, "Also tracked assets nobody holds now, and inactive ones");
  assets->add_flag("--json", assets_args.json, "A JSON array, for scripts");
  auto* quality =
      app.add_subcommand("quality", "What the data-quality checks found: anomalies, gaps, divergences");
  QualityArguments quality_args;
  quality->add_option("--asset", quality_args.symbol, "Only this asset's findings (its symbol)");
  quality->add_flag("--json", quality_args.json, "One JSON object, for scripts");
  quality->add_flag("--check", quality_args.check, "Run the cross-source divergence check first");
  auto* calendar = app.add_subcommand("calendar", "Print an exchange's trading days, hours and holidays");
  CalendarArguments calendar_args;
  calendar->add_option("NAME", calendar_args.exchange, "Exchange name or alias, e.g. NYSE")->required();
  calendar->add_option("--from", calendar_args.from, "First date, YYYY-MM-DD (the exchange's local date)")
      ->required();
  calendar->add_option("--to", calendar_args.to, "Last date, YYYY-MM-DD, included")->required();
  calendar->add_option("--format", calendar_args.format, "text (for people), csv or json")
      ->capture_default_str();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : kUsage;
  }

  try {
    configure_logging(parse_log_format(options.log_format), parse_level(options.log_level));
    if (!config_file.empty()) options.config_file = config_file;

    if (migrate->parsed()) return run_migrate_command(options);
    if (plugins->parsed()) return run_plugins_command(options);
    if (check_config->parsed()) return run_check_config_command(options, check_config_args);
    if (serve->parsed()) return run_serve_command(options);
    if (worker->parsed()) return run_worker_command(options, worker_once);
    if (backfill->parsed()) return run_backfill_command(options, backfill_args);
    if (seed->parsed()) return run_seed_catalog_command(options);
    if (daemon->parsed()) return run_daemon_command(options, daemon_args);
    if (jobs_retry->parsed()) {
      if (retry_id_option->count() > 0) jobs_retry_args.job_id = retry_job_id;
      if (!jobs_retry_args.job_id && !jobs_retry_args.all_failed)
        throw CLI::RequiredError("jobs retry: give a job ID or --failed");
      return run_jobs_retry_command(options, jobs_retry_args);
    }
    if (jobs->parsed()) return run_jobs_command(options, jobs_args);
    if (hosts->parsed()) return run_hosts_command(options, hosts_args);
    if (assets->parsed()) return run_assets_command(options, assets_args);
    if (quality->parsed()) return run_quality_command(options, quality_args);
    if (calendar->parsed()) return run_calendar_command(options, calendar_args);
    return kUsage;
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : kUsage;
  } catch (const std::exception& e) {
    // The message already names what was wrong (file and line, the database URL, the directory).
    std::cerr << "pricefeed: " << e.what() << "\n";
    log_error(e.what());
    return kFailed;
  }
}

}  // namespace pricefeed::host
