#include "host/quality/GapFillScheduler.hpp"

#include <algorithm>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "host/db/GapFillingBars.hpp"
#include "host/log/Log.hpp"
#include "host/queue/BackfillQueue.hpp"
#include "host/time/CalendarDate.hpp"

namespace pricefeed::host {
namespace {

using std::chrono::sys_days;

bool tried(const std::vector<ExhaustedSource>& sources, std::string_view name) {
  return std::any_of(sources.begin(), sources.end(),
                     [&](const ExhaustedSource& s) { return s.source == name; });
}

std::optional<std::string> next_untried(const std::vector<std::string>& chain,
                                        const std::vector<ExhaustedSource>& sources) {
  for (const std::string& name : chain) {
    if (!tried(sources, name)) return name;
  }
  return std::nullopt;
}

std::string every_reason(const std::vector<ExhaustedSource>& sources) {
  std::string text = "no source could fill it:";
  for (std::size_t i = 0; i < sources.size(); ++i) {
    text += (i == 0 ? " " : "; ") + sources[i].source + ": " + sources[i].reason;
  }
  if (sources.empty()) text += " no source is routed for the asset class";
  return text;
}

std::vector<ExhaustedSource> parse_exhausted(const std::string& json_text) {
  std::vector<ExhaustedSource> sources;
  for (const auto& entry : nlohmann::json::parse(json_text)) {
    sources.push_back({entry.value("source", std::string()), entry.value("reason", std::string())});
  }
  return sources;
}

void mark_unfillable(pqxx::transaction_base& tx, std::int64_t gap_id, std::int64_t asset_id,
                     const std::string& reason) {
  tx.exec_params("UPDATE price_gaps SET status = 'unfillable', reason = $2, updated_at = now() WHERE id = $1",
                 gap_id, reason);
  log_warn("gap unfillable", {{"gap_id", gap_id}, {"asset_id", asset_id}, {"reason", reason}});
}

std::int64_t queue_fill(pqxx::transaction_base& tx, std::int64_t gap_id, std::int64_t asset_id,
                        sys_days first, sys_days last, int max_attempts,
                        const std::vector<ExhaustedSource>& skip, const std::string& next) {
  const EnqueuedJob job =
      BackfillQueue::enqueue(tx, asset_id, first, last, Resolution::day, max_attempts, skip);
  tx.exec_params(
      "UPDATE price_gaps SET status = 'queued', backfill_job_id = $2, updated_at = now() WHERE id = $1",
      gap_id, job.id);
  log_info("gap fill queued", {{"gap_id", gap_id},
                               {"asset_id", asset_id},
                               {"job_id", job.id},
                               {"source", next},
                               {"start_date", format_iso_date(first)},
                               {"end_date", format_iso_date(last)}});
  return job.id;
}

}  // namespace

GapFillScheduler::GapFillScheduler(const GapFinder& finder, const RoutingConfig& routing, int max_attempts)
    : finder_(finder), routing_(routing), max_attempts_(max_attempts) {}

GapSchedulingTally GapFillScheduler::schedule_open_gaps(pqxx::connection_base& connection,
                                                        std::optional<std::int64_t> asset_id) const {
  std::vector<std::int64_t> ids;
  {
    pqxx::read_transaction tx(connection);
    const auto rows = asset_id ? tx.exec_params(
                                     "SELECT id FROM price_gaps WHERE status = 'open' AND "
                                     "resolution = '1d' AND asset_id = $1 ORDER BY id",
                                     *asset_id)
                               : tx.exec(
                                     "SELECT id FROM price_gaps WHERE status = 'open' AND resolution = '1d' "
                                     "ORDER BY id");
    for (const auto& row : rows)
      ids.push_back(row[0].as<std::int64_t>());
  }

  GapSchedulingTally tally;
  for (std::int64_t gap_id : ids) {
    pqxx::work tx(connection);
    auto gap = tx.exec_params(
        "SELECT g.asset_id, g.start_date::text, g.end_date::text, a.asset_class, coalesce(g.reason, '') "
        "FROM price_gaps g JOIN assets a ON a.id = g.asset_id WHERE g.id = $1 AND g.status = 'open' "
        "FOR UPDATE OF g SKIP LOCKED",
        gap_id);
    if (gap.empty()) continue;  // another host took it, or it is no longer open
    const auto asset = gap[0][0].as<std::int64_t>();
    const sys_days first = parse_iso_date(gap[0][1].c_str());
    const sys_days last = parse_iso_date(gap[0][2].c_str());
    const std::vector<std::string>& chain = routing_.sources_for(require_asset_class(gap[0][3].c_str()));
    const std::string recorded_reason = gap[0][4].c_str();

    // Who gave the stored bars around the gap answered without these days: start after it.
    auto around = tx.exec_params(
        "SELECT coalesce("
        "(SELECT source FROM asset_prices WHERE asset_id = $1 AND resolution = '1d' "
        " AND ts < ($2::date)::timestamp AT TIME ZONE 'UTC' ORDER BY ts DESC LIMIT 1), "
        "(SELECT source FROM asset_prices WHERE asset_id = $1 AND resolution = '1d' "
        " AND ts >= ($3::date + 1)::timestamp AT TIME ZONE 'UTC' ORDER BY ts LIMIT 1), '')",
        asset, format_iso_date(first), format_iso_date(last));
    const std::string surrounding = around[0][0].c_str();
    std::vector<ExhaustedSource> skip;
    const auto at = std::find(chain.begin(), chain.end(), surrounding);
    if (at != chain.end()) {
      for (auto it = chain.begin(); it != at; ++it) {
        skip.push_back(
            {*it, "skipped: comes before " + surrounding + ", which gave the surrounding history"});
      }
      skip.push_back({surrounding, "gave the surrounding history without these days"});
    }
    // A gap a source reported itself ("coingecko: serves only the last 365 days") names who said so,
    // and that source's own word beats what the surrounding rows suggest of it.
    if (auto colon = recorded_reason.find(": "); colon != std::string::npos) {
      const std::string reporter = recorded_reason.substr(0, colon);
      if (std::find(chain.begin(), chain.end(), reporter) != chain.end()) {
        auto known = std::find_if(skip.begin(), skip.end(),
                                  [&](const ExhaustedSource& s) { return s.source == reporter; });
        if (known == skip.end()) known = skip.insert(skip.end(), {reporter, ""});
        known->reason = recorded_reason.substr(colon + 2);
      }
    }

    if (auto next = next_untried(chain, skip)) {
      queue_fill(tx, gap_id, asset, first, last, max_attempts_, skip, *next);
      ++tally.queued;
    } else {
      mark_unfillable(tx, gap_id, asset, every_reason(skip));
      ++tally.unfillable;
    }
    tx.commit();
  }
  return tally;
}

GapSchedulingTally GapFillScheduler::recheck_after_job(pqxx::connection_base& connection,
                                                       std::int64_t job_id) const {
  pqxx::work tx(connection);
  // An unfillable gap is looked at again only here, right after its job finished: an operator's
  // `jobs retry` of a failed fill job that then completes.
  const auto gaps = tx.exec_params(
      "SELECT g.id, g.asset_id, g.start_date::text, g.end_date::text, a.asset_class, coalesce(a.exchange, "
      "''), "
      "q.status, coalesce(q.source, ''), q.exhausted_sources::text, coalesce(q.error_message, ''), "
      "coalesce(g.reason, '') "
      "FROM price_gaps g JOIN backfill_queue q ON q.id = g.backfill_job_id JOIN assets a ON a.id = "
      "g.asset_id "
      "WHERE g.backfill_job_id = $1 AND q.status IN ('completed', 'failed') "
      "AND (g.status = 'queued' OR (g.status = 'unfillable' AND q.status = 'completed')) "
      "ORDER BY g.id FOR UPDATE OF g",
      job_id);

  GapSchedulingTally tally;
  for (const auto& gap : gaps) {
    const auto gap_id = gap[0].as<std::int64_t>();
    const GapSubject asset{gap[1].as<std::int64_t>(), require_asset_class(gap[4].c_str()), gap[5].c_str()};
    const sys_days first = parse_iso_date(gap[2].c_str());
    const sys_days last = parse_iso_date(gap[3].c_str());
    const std::string job_status = gap[6].c_str();
    const std::string source = gap[7].c_str();

    // Whatever is there now came in because of the gap: say so on the rows.
    mark_gap_filling_bars(tx, gap_id, asset.asset_id, first, last);
    const auto missing = finder_.missing_days(tx, asset, first, last);
    if (missing.empty()) {
      const std::string reason = std::string(gap[10].c_str()) + (gap[10].size() == 0 ? "" : "; ") + "filled" +
                                 (source.empty() ? "" : " from " + source) + " by job " +
                                 std::to_string(job_id);
      tx.exec_params("UPDATE price_gaps SET status = 'filled', reason = $2, updated_at = now() WHERE id = $1",
                     gap_id, reason);
      log_info("gap filled",
               {{"gap_id", gap_id}, {"asset_id", asset.asset_id}, {"source", source}, {"job_id", job_id}});
      ++tally.filled;
      continue;
    }
    if (job_status == "failed") {
      mark_unfillable(tx, gap_id, asset.asset_id,
                      "fill job " + std::to_string(job_id) + " failed: " + gap[9].c_str());
      ++tally.unfillable;
      continue;
    }
    std::vector<ExhaustedSource> sources = parse_exhausted(gap[8].c_str());
    if (!source.empty() && !tried(sources, source)) {
      sources.push_back({source, "completed without " + std::to_string(missing.size()) + " of the days"});
    }
    if (auto next = next_untried(routing_.sources_for(asset.asset_class), sources)) {
      queue_fill(tx, gap_id, asset.asset_id, first, last, max_attempts_, sources, *next);
      ++tally.queued;
    } else {
      mark_unfillable(tx, gap_id, asset.asset_id, every_reason(sources));
      ++tally.unfillable;
    }
  }
  tx.commit();
  return tally;
}

GapSchedulingTally GapFillScheduler::recheck_finished_jobs(pqxx::connection_base& connection) const {
  std::vector<std::int64_t> jobs;
  {
    pqxx::read_transaction tx(connection);
    for (const auto& row :
         tx.exec("SELECT DISTINCT g.backfill_job_id FROM price_gaps g JOIN backfill_queue q ON q.id = "
                 "g.backfill_job_id WHERE g.status = 'queued' AND q.status IN ('completed', 'failed') "
                 "ORDER BY 1")) {
      jobs.push_back(row[0].as<std::int64_t>());
    }
  }
  GapSchedulingTally tally;
  for (std::int64_t job : jobs) {
    const GapSchedulingTally one = recheck_after_job(connection, job);
    tally.queued += one.queued;
    tally.unfillable += one.unfillable;
    tally.filled += one.filled;
  }
  return tally;
}

}  // namespace pricefeed::host
