#include "host/daemon/DaemonTick.hpp"

#include <functional>
#include <set>

#include <pqxx/pqxx>

#include "host/assets/AssetRegistry.hpp"
#include "host/assets/AssetTracking.hpp"
#include "host/assets/SourceSymbol.hpp"
#include "host/daemon/CurrencyUnit.hpp"
#include "host/daemon/DaemonSchedule.hpp"
#include "host/daemon/FxRates.hpp"
#include "host/daemon/QuoteDue.hpp"
#include "host/db/ArrayLiteral.hpp"
#include "host/log/Log.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;

// Quotes written per statement: large enough to amortise the round trip, small enough that one
// statement never holds many row locks for long.
constexpr std::size_t kWriteBatch = 500;

// Due assets claimed per statement. Each host starts at a chunk of its own (by its id), so hosts
// that tick at the same moment mostly claim different chunks instead of racing for the first one.
constexpr std::size_t kClaimChunk = 500;

struct TrackedAsset {
  AssetIdentity target;
  std::string exchange;
  std::optional<sys_seconds> latest_updated;
  const ExchangeCalendar* calendar = nullptr;  // resolved once per tick: due-ness and trading dates
};

std::vector<TrackedAsset> load_tracked(pqxx::connection& connection, const std::vector<std::int64_t>& also) {
  pqxx::work tx(connection, "daemon: tracked assets");
  std::vector<TrackedAsset> assets;
  for (const auto& row :
       tx.exec_params("SELECT a.id, a.symbol, a.asset_class, COALESCE(a.exchange, ''), a.source_ids::text, "
                      "extract(epoch FROM p.updated_at)::bigint FROM tracked_assets t JOIN assets a ON a.id "
                      "= t.asset_id "
                      "LEFT JOIN latest_prices p ON p.asset_id = a.id "
                      "WHERE a.active AND (t.tracking_users > 0 OR a.id = ANY($1::bigint[])) ORDER BY a.id",
                      bigint_array_literal(also))) {
    TrackedAsset asset;
    asset.target.id = row[0].as<std::int64_t>();
    asset.target.symbol = row[1].as<std::string>();
    asset.target.asset_class = require_asset_class(row[2].c_str());
    asset.exchange = row[3].as<std::string>();
    asset.target.source_ids = parse_source_ids(row[4].c_str());
    if (!row[5].is_null()) asset.latest_updated = sys_seconds{seconds{row[5].as<std::int64_t>()}};
    assets.push_back(std::move(asset));
  }
  return assets;
}

}  // namespace

DaemonTick::DaemonTick(const Config& config, const SourceRegistry& sources,
                       const ExchangeCalendars& calendars, std::string host_id, const StreamCoverage* streams)
    : config_(config),
      calendars_(calendars),
      streams_(streams),
      claims_(std::move(host_id)),
      fetcher_(sources, config.routing),
      valuation_(config.portfolio.base_currency),
      anomalies_(config.quality, sources, config.routing) {}

void DaemonTick::check_anomalies(pqxx::connection& connection, const std::vector<std::int64_t>& written,
                                 const std::atomic<bool>* cancelled, DaemonTickReport& report) const {
  if (written.empty() || (cancelled != nullptr && *cancelled)) return;
  // A failed check costs the check, not the tick: the same latest bars are judged again next time.
  try {
    report.anomalies = anomalies_.after_tick(connection, written, cancelled).detected.size();
  } catch (const std::exception& e) {
    log_warn("anomaly check after the tick failed", {{"error", e.what()}});
  }
}

std::vector<std::int64_t> DaemonTick::track_needed_forex_pairs(pqxx::connection& connection) const {
  pqxx::work tx(connection, "daemon: forex pairs");
  std::set<std::string> currencies;
  for (const auto& row :
       tx.exec("SELECT DISTINCT COALESCE(p.currency, a.currency) FROM asset_holders h JOIN assets a ON a.id "
               "= h.asset_id "
               "LEFT JOIN latest_prices p ON p.asset_id = a.id WHERE h.quantity > 0 AND COALESCE(p.currency, "
               "a.currency) "
               "IS NOT NULL UNION SELECT DISTINCT currency FROM holding_costs WHERE amount > 0")) {
    currencies.insert(major_unit(row[0].as<std::string>()).currency);
  }
  const std::string& base = config_.portfolio.base_currency;
  std::vector<std::int64_t> ids;
  for (const std::string& currency : currencies) {
    if (currency == base || currency.size() != 3) continue;
    const std::string pair = forex_pair(currency, base);
    const std::int64_t id = AssetRegistry::keep_active(tx, AssetClass::forex, pair, currency + " / " + base);
    AssetTracking::ensure_tracked(tx, id);
    ids.push_back(id);
  }
  tx.commit();
  return ids;
}

std::vector<AssetIdentity> DaemonTick::claim_due(pqxx::connection& connection, sys_seconds now,
                                                 const std::vector<AssetIdentity>& due,
                                                 DaemonTickReport& report) const {
  const sys_seconds tick_at = tick_boundary_of(now, minutes{config_.daemon.interval_minutes});
  const std::size_t chunks = (due.size() + kClaimChunk - 1) / kClaimChunk;
  const std::size_t first = chunks == 0 ? 0 : std::hash<std::string>{}(claims_.host_id()) % chunks;
  std::map<std::int64_t, const AssetIdentity*> by_id;
  for (const AssetIdentity& asset : due)
    by_id[asset.id] = &asset;
  std::vector<AssetIdentity> claimed;
  for (std::size_t i = 0; i < chunks; ++i) {
    const std::size_t begin = ((first + i) % chunks) * kClaimChunk;
    const std::size_t end = std::min(due.size(), begin + kClaimChunk);
    std::vector<std::int64_t> ids;
    for (std::size_t k = begin; k < end; ++k)
      ids.push_back(due[k].id);
    const std::vector<std::int64_t> mine = claims_.claim(connection, tick_at, ids);
    report.claimed_elsewhere += ids.size() - mine.size();
    for (std::int64_t id : mine)
      claimed.push_back(*by_id.at(id));
  }
  return claimed;
}

DaemonTickReport DaemonTick::run(pqxx::connection& connection, sys_seconds now,
                                 const std::atomic<bool>* cancelled) {
  const auto started = steady_clock::now();
  DaemonTickReport report;
  const std::vector<std::int64_t> pairs = track_needed_forex_pairs(connection);
  std::vector<TrackedAsset> tracked = load_tracked(connection, pairs);
  report.tracked = tracked.size();

  // One snapshot for the whole tick: an asset whose stream drops during the tick is polled at the
  // next one.
  const std::set<std::int64_t> streamed =
      streams_ != nullptr ? streams_->live_assets() : std::set<std::int64_t>{};
  std::vector<AssetIdentity> due;
  std::map<std::int64_t, const TrackedAsset*> by_id;
  for (TrackedAsset& asset : tracked) {
    by_id[asset.target.id] = &asset;
    asset.calendar = &calendars_.for_asset(asset.target.asset_class, asset.exchange);
    if (!quote_due(*asset.calendar, now, asset.latest_updated, config_.daemon.trading_hours_only)) {
      ++report.market_closed;
    } else if (streamed.contains(asset.target.id)) {
      ++report.due;
      ++report.streamed;
    } else {
      ++report.due;
      due.push_back(asset.target);
    }
  }

  QuoteFetchResult fetched = fetcher_.fetch(claim_due(connection, now, due, report), cancelled);
  report.by_source = std::move(fetched.by_source);
  report.unquoted = std::move(fetched.unquoted);
  for (AssetQuote& quote : fetched.quotes) {
    const TrackedAsset& asset = *by_id.at(quote.asset_id);
    quote.trading_date =
        quote_trading_date(asset.target.asset_class, *asset.calendar, sys_seconds{seconds{quote.quote.ts}});
  }

  std::vector<std::int64_t> written;
  for (std::size_t begin = 0; begin < fetched.quotes.size(); begin += kWriteBatch) {
    const auto end = std::min(fetched.quotes.size(), begin + kWriteBatch);
    std::vector<AssetQuote> batch(fetched.quotes.begin() + static_cast<std::ptrdiff_t>(begin),
                                  fetched.quotes.begin() + static_cast<std::ptrdiff_t>(end));
    // "In the future" is judged against the real clock: `now` may be a replayed instant (--at).
    LatestPriceWriteSummary summary =
        write_latest_prices(connection, partitions_, batch, floor<seconds>(system_clock::now()));
    report.written += summary.latest_updated;
    written.insert(written.end(), summary.written_asset_ids.begin(), summary.written_asset_ids.end());
    std::move(summary.refused.begin(), summary.refused.end(), std::back_inserter(report.refused));
  }
  for (const RefusedQuote& refused : report.refused) {
    log_warn("quote refused", {{"asset_id", refused.asset_id},
                               {"symbol", refused.symbol},
                               {"source", refused.source},
                               {"reason", refused.reason}});
  }
  for (const UnquotedAsset& unquoted : report.unquoted) {
    log_warn(
        "no quote for asset",
        {{"asset_id", unquoted.target.id}, {"symbol", unquoted.target.symbol}, {"reason", unquoted.reason}});
  }

  check_anomalies(connection, written, cancelled, report);
  report.portfolios = valuation_.refresh(connection, written);
  report.duration = duration_cast<milliseconds>(steady_clock::now() - started);
  log_info("daemon tick", {{"tracked", static_cast<std::int64_t>(report.tracked)},
                           {"due", static_cast<std::int64_t>(report.due)},
                           {"streamed", static_cast<std::int64_t>(report.streamed)},
                           {"claimed_elsewhere", static_cast<std::int64_t>(report.claimed_elsewhere)},
                           {"market_closed", static_cast<std::int64_t>(report.market_closed)},
                           {"written", static_cast<std::int64_t>(report.written)},
                           {"anomalies", static_cast<std::int64_t>(report.anomalies)},
                           {"unquoted", static_cast<std::int64_t>(report.unquoted.size())},
                           {"portfolios_valued", static_cast<std::int64_t>(report.portfolios.valued)},
                           {"duration_ms", static_cast<std::int64_t>(report.duration.count())}});
  return report;
}

}  // namespace pricefeed::host
