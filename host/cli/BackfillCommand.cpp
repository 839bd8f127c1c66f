#include "host/cli/BackfillCommand.hpp"

#include <iostream>
#include <stdexcept>

#include <pqxx/pqxx>

#include "host/assets/AssetRegistry.hpp"
#include "host/assets/AssetTracking.hpp"
#include "host/db/Database.hpp"
#include "host/events/SymbolPattern.hpp"
#include "host/log/Log.hpp"
#include "host/queue/BackfillQueue.hpp"
#include "host/time/CalendarDate.hpp"
#include "host/time/Today.hpp"

namespace pricefeed::host {

int run_backfill_command(const GlobalOptions& options, const BackfillArguments& a) {
  const std::optional<AssetClass> asset_class = parse_asset_class(a.asset_class);
  if (!asset_class) {
    throw std::invalid_argument("--class: \"" + a.asset_class + "\" is not one of " + asset_class_choices());
  }
  if (auto problem = symbol_problem(*asset_class, a.symbol))
    throw std::invalid_argument("SYMBOL: " + *problem);
  const auto today = utc_today();
  const auto from = parse_iso_date(a.from);
  const auto to = a.to.empty() ? today : parse_iso_date(a.to);
  if (to < from) throw std::invalid_argument("--to: " + a.to + " is before --from " + a.from);
  if (to > today) throw std::invalid_argument("--to: " + a.to + " is in the future");

  Config config = load_command_config(options);
  auto connection = open_database_connection(config.database.url);
  pqxx::work tx(*connection);
  // Named after its symbol until a catalog tells its real name.
  const std::int64_t asset_id = AssetRegistry::activate(tx, *asset_class, a.symbol, a.symbol);
  AssetTracking::track_from(tx, asset_id, from);
  for (const Resolution resolution : config.worker.resolutions) {
    auto job = BackfillQueue::enqueue(tx, asset_id, from, to, resolution, config.worker.max_attempts);
    std::cout << (job.created ? "queued" : "already queued") << " job " << job.id << ": " << a.symbol << " ("
              << a.asset_class << ") " << resolution_name(resolution) << " " << a.from << " .. "
              << (a.to.empty() ? "today" : a.to) << "\n";
    log_info("backfill queued by hand",
             {{"job_id", job.id}, {"asset_id", asset_id}, {"resolution", resolution_name(resolution)}});
  }
  tx.commit();
  return 0;
}

}  // namespace pricefeed::host
