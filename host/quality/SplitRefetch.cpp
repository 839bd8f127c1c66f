#include "host/quality/SplitRefetch.hpp"

#include <cmath>
#include <cstdio>

#include <pqxx/pqxx>

#include "host/log/Log.hpp"
#include "host/metrics/HostMetrics.hpp"
#include "host/queue/BackfillQueue.hpp"
#include "host/time/CalendarDate.hpp"
#include "host/time/UnixTime.hpp"

namespace pricefeed::host {
namespace {

using std::chrono::sys_days;

std::string number_text(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", value);
  return buf;
}

}  // namespace

std::vector<ReportedSplit> splits_among(const std::vector<Action>& actions, const std::string& source) {
  std::vector<ReportedSplit> splits;
  for (const Action& action : actions) {
    if (action.kind != Action::Kind::split) continue;
    // A split without a usable ratio cannot have changed anything we could check; it is not acted on.
    if (!(action.numerator > 0) || !(action.denominator > 0) || !std::isfinite(action.numerator) ||
        !std::isfinite(action.denominator)) {
      log_warn("split without a ratio ignored", {{"source", source}, {"ts", action.ts}});
      continue;
    }
    splits.push_back({utc_date(action.ts), action.numerator, action.denominator, source});
  }
  return splits;
}

SplitRefetch::SplitRefetch(int max_attempts) : max_attempts_(max_attempts) {}

std::vector<SplitOutcome> SplitRefetch::handle(pqxx::connection_base& connection, std::int64_t asset_id,
                                               const std::vector<ReportedSplit>& splits,
                                               std::optional<DateRange> fetched) const {
  std::vector<SplitOutcome> outcomes;
  for (const ReportedSplit& split : splits) {
    pqxx::work tx(connection);
    auto inserted = tx.exec_params(
        "INSERT INTO asset_splits (asset_id, split_date, numerator, denominator, source) "
        "VALUES ($1, $2::date, $3, $4, $5) ON CONFLICT (asset_id, split_date) DO NOTHING RETURNING id",
        asset_id, format_iso_date(split.date), split.numerator, split.denominator, split.source);
    if (inserted.empty()) continue;  // handled when it was first seen
    SplitOutcome outcome{inserted[0][0].as<std::int64_t>(), std::nullopt};

    // Bars before the split that the reporting job did not just write are on the old share count.
    const std::string outside_fetched =
        fetched ? " AND (ts < ($3::date)::timestamp AT TIME ZONE 'UTC' OR ts >= ($4::date + 1)::timestamp AT "
                  "TIME ZONE 'UTC')"
                : "";
    auto stale = fetched ? tx.exec_params(
                               "SELECT 1 FROM asset_prices WHERE asset_id = $1 AND resolution = '1d' "
                               "AND ts < ($2::date)::timestamp AT TIME ZONE 'UTC'" +
                                   outside_fetched + " LIMIT 1",
                               asset_id, format_iso_date(split.date), format_iso_date(fetched->first),
                               format_iso_date(fetched->last))
                         : tx.exec_params(
                               "SELECT 1 FROM asset_prices WHERE asset_id = $1 AND resolution = '1d' "
                               "AND ts < ($2::date)::timestamp AT TIME ZONE 'UTC' LIMIT 1",
                               asset_id, format_iso_date(split.date));
    if (!stale.empty()) {
      auto range = tx.exec_params(
          "SELECT to_char(min(ts) AT TIME ZONE 'UTC', 'YYYY-MM-DD'), "
          "to_char(max(ts) AT TIME ZONE 'UTC', 'YYYY-MM-DD') FROM asset_prices "
          "WHERE asset_id = $1 AND resolution = '1d'",
          asset_id);
      const sys_days first = parse_iso_date(range[0][0].c_str());
      const sys_days last = parse_iso_date(range[0][1].c_str());
      const EnqueuedJob job =
          BackfillQueue::enqueue(tx, asset_id, first, last, Resolution::day, max_attempts_);
      tx.exec_params("UPDATE asset_splits SET refetch_job_id = $2 WHERE id = $1", outcome.split_id, job.id);
      outcome.refetch_job_id = job.id;
    }
    tx.commit();
    host_metrics().splits_detected.labels({split.source}).inc();

    LogFields fields{{"asset_id", asset_id},
                     {"source", split.source},
                     {"ratio", number_text(split.numerator) + ":" + number_text(split.denominator)},
                     {"split_date", format_iso_date(split.date)}};
    if (outcome.refetch_job_id) fields.push_back({"refetch_job_id", *outcome.refetch_job_id});
    log_info(outcome.refetch_job_id ? "split detected; stored history will be re-fetched"
                                    : "split detected; stored history already adjusted",
             fields);
    outcomes.push_back(outcome);
  }
  return outcomes;
}

}  // namespace pricefeed::host
