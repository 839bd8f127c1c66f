#include "host/cli/DaemonCommand.hpp"

#include <iostream>
#include <stdexcept>

#include "host/calendar/ExchangeCalendarsLoader.hpp"
#include "host/calendar/ExchangesFile.hpp"
#include "host/cli/HostIdentityOfThisProcess.hpp"
#include "host/cli/ShutdownSignal.hpp"
#include "host/cli/SourceRuntime.hpp"
#include "host/cli/TextTable.hpp"
#include "host/cluster/HostHeartbeat.hpp"
#include "host/cluster/HostId.hpp"
#include "host/daemon/DaemonLoop.hpp"
#include "host/daemon/DaemonTick.hpp"
#include "host/db/ConnectionPool.hpp"
#include "host/db/Database.hpp"
#include "host/time/UtcTimestamp.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;

sys_seconds parse_instant(const std::string& text) {
  if (auto instant = parse_utc_timestamp(text)) return *instant;
  throw std::invalid_argument("--at: \"" + text + "\" is not an instant such as 2026-11-27T17:30:00Z");
}

void print_tick(const DaemonTickReport& report, sys_seconds at) {
  std::cout << "tick at " << format_utc_timestamp(at) << ": " << report.tracked << " tracked, " << report.due
            << " due, " << report.market_closed << " waiting for their market to open\n";
  if (report.streamed > 0)
    std::cout << report.streamed << " of the due assets are live on a stream and were left to it\n";
  if (report.claimed_elsewhere > 0)
    std::cout << report.claimed_elsewhere << " of the due assets were quoted at this tick by another host\n";
  if (!report.by_source.empty()) {
    TextTable table({"SOURCE", "REQUESTS", "QUOTED", "FAILED BATCHES", "DROPPED", "LAST ERROR"});
    for (const auto& [source, stats] : report.by_source) {
      table.add({source, std::to_string(stats.requests), std::to_string(stats.quoted),
                 std::to_string(stats.failed_batches), std::to_string(stats.dropped), stats.last_error});
    }
    table.print(std::cout);
  }
  std::cout << "latest prices written: " << report.written
            << "; portfolios valued: " << report.portfolios.valued << " (" << report.portfolios.skipped.size()
            << " left as they were)\n";
  for (const UnquotedAsset& unquoted : report.unquoted)
    std::cout << "no quote for " << unquoted.target.symbol << " ("
              << asset_class_name(unquoted.target.asset_class) << "): " << unquoted.reason << "\n";
  for (const RefusedQuote& refused : report.refused)
    std::cout << "refused quote for " << refused.symbol << " from " << refused.source << ": "
              << refused.reason << "\n";
  for (const SkippedPortfolio& skipped : report.portfolios.skipped)
    std::cout << "portfolio of " << skipped.user_id << " not valued: " << skipped.reason << "\n";
}

}  // namespace

int run_daemon_command(const GlobalOptions& options, const DaemonArguments& arguments) {
  if (!arguments.at.empty() && !arguments.once) throw std::invalid_argument("--at: only with --once");
  if (arguments.interval_minutes < 0) throw std::invalid_argument("--interval: must be at least 1 minute");
  const std::optional<sys_seconds> at =
      arguments.at.empty() ? std::nullopt : std::optional<sys_seconds>(parse_instant(arguments.at));
  Config config = load_command_config(options);
  if (arguments.interval_minutes > 0) config.daemon.interval_minutes = arguments.interval_minutes;
  const ExchangeCalendars calendars = load_exchange_calendars(locate_exchanges_file(config).path);
  SourceRuntime sources(config);

  if (arguments.once) {
    auto connection = open_database_connection(config.database.url);
    const sys_seconds now = at.value_or(floor<seconds>(system_clock::now()));
    const DaemonTickReport report = DaemonTick(config, sources.registry(), calendars, this_host_id())
                                        .run(*connection, now, &shutdown_requested());
    print_tick(report, now);
    return 0;
  }
  ConnectionPool pool(config.database.url, static_cast<std::size_t>(config.database.pool_size));
  HostHeartbeat heartbeat(config.database.url, host_identity_of_this_process({kDaemonRole}), config.cluster);
  heartbeat.start();
  DaemonLoop(config, sources.registry(), calendars, pool, heartbeat.identity().id).run(shutdown_requested());
  heartbeat.stop();
  return 0;
}

}  // namespace pricefeed::host
