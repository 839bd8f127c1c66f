#include "host/db/PriceWriter.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <set>
#include <stdexcept>
#include <utility>

#include <pqxx/except>
#include <pqxx/result>
#include <pqxx/transaction>

#include "host/assets/AssetTracking.hpp"
#include "host/db/ArrayLiteral.hpp"
#include "host/db/PriceStagingCopy.hpp"
#include "host/log/Log.hpp"
#include "host/metrics/HostMetrics.hpp"
#include "host/time/UnixTime.hpp"
#include "host/time/UtcTimestamp.hpp"

namespace pricefeed::host {
namespace {

int utc_year(std::int64_t unix_seconds) {
  return static_cast<int>(std::chrono::year_month_day{utc_date(unix_seconds)}.year());
}

// An insert that met a year whose partition is missing although the cache says it exists (an
// operator detached or dropped it): worth one retry after forgetting the cache.
bool is_missing_partition(const pqxx::sql_error& error) {
  return error.sqlstate() == "23514" &&
         std::string_view(error.what()).find("no partition") != std::string_view::npos;
}

// "rejected_close_missing": a log field name without spaces, so JSON log queries can use it.
std::string rejection_log_key(BarRejection reason) {
  std::string key = "rejected_" + std::string(describe(reason));
  std::replace(key.begin(), key.end(), ' ', '_');
  return key;
}

}  // namespace

// Only rows whose values differ are updated: IS DISTINCT FROM compares NULLs as values, so an
// identical replayed bar leaves its row alone (no new row version, no dead tuple, no WAL). The
// source is not compared: the same prices from another source are the same prices. A row is
// overwritten only by a source that ranks as high as the one that stored it in the routing chain
// ($4, first choice first; a source missing from it ranks last): a fallback never replaces the
// preferred source's day, so two sources cannot flip a row back and forth. RETURNING yields exactly
// the rows inserted or updated.
const char* PriceWriter::upsert_sql() {
  return R"sql(
WITH upserted AS (
  INSERT INTO asset_prices AS p (asset_id, resolution, ts, open, high, low, close, adj_close, volume, source)
  SELECT $1, $2, s.ts, s.open, s.high, s.low, s.close, s.adj_close, s.volume, $3
  FROM pricefeed_price_staging s
  ON CONFLICT (asset_id, resolution, ts) DO UPDATE
    SET open = EXCLUDED.open, high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close,
        adj_close = EXCLUDED.adj_close, volume = EXCLUDED.volume, source = EXCLUDED.source
    WHERE (p.open, p.high, p.low, p.close, p.adj_close, p.volume)
          IS DISTINCT FROM
          (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close, EXCLUDED.adj_close, EXCLUDED.volume)
      AND coalesce(array_position($4::text[], EXCLUDED.source), 2147483647)
          <= coalesce(array_position($4::text[], p.source), 2147483647)
  RETURNING 1
)
SELECT count(*) FROM upserted
)sql";
}

PriceWriter::PriceWriter(pqxx::connection_base& connection, PriceSeries series, PriceWriterOptions options)
    : connection_(connection),
      series_(std::move(series)),
      options_(std::move(options)),
      validator_(series_.resolution, options_.now, options_.requested),
      source_ranking_literal_(text_array_literal(options_.source_ranking)) {
  if (options_.batch_rows == 0) options_.batch_rows = kPriceBatchRows;
  if (options_.requested) capacity_ = bars_range_can_hold(series_.resolution, *options_.requested);
  if (!options_.partitions) options_.partitions = std::make_shared<PricePartitions>();
  buffer_.reserve(options_.batch_rows);
}

void PriceWriter::write(std::span<const Bar> bars) {
  if (finished_) throw std::logic_error("PriceWriter::write after finish()");
  for (const Bar& bar : bars) {
    if (const auto reason = validator_.check(bar)) {
      reject(bar, *reason);
      continue;
    }
    if (options_.requested) {
      if (series_.resolution == Resolution::hour && !first_in_its_utc_hour(bar.ts)) {
        reject(bar, BarRejection::finer_than_resolution);
        continue;
      }
      const bool new_ts = !accepted_ts_.contains(bar.ts);
      if ((new_ts && static_cast<std::int64_t>(accepted_ts_.size()) >= capacity_) ||
          accepted_ >= 2 * capacity_ + static_cast<std::int64_t>(kRepeatedBarsAllowance)) {
        reject(bar, BarRejection::more_than_range_holds);
        continue;
      }
      if (new_ts) accepted_ts_.insert(bar.ts);
      ++accepted_;
    }
    buffer_.push_back(bar);
    if (buffer_.size() >= options_.batch_rows) flush();
  }
}

bool PriceWriter::first_in_its_utc_hour(std::int64_t ts) {
  std::int64_t hour = ts / 3600;
  if (ts % 3600 < 0) --hour;
  return ts_by_utc_hour_.try_emplace(hour, ts).first->second == ts;
}

void PriceWriter::reject(const Bar& bar, BarRejection reason) {
  summary_.rejected.add(reason);
  host_metrics().rows_rejected.labels({series_.source, to_string(reason)}).inc();
  if (rejected_logged_ >= static_cast<std::int64_t>(options_.rejected_bars_logged)) return;
  ++rejected_logged_;
  LogFields fields = {{"asset_id", series_.asset_id},
                      {"source", series_.source},
                      {"resolution", resolution_name(series_.resolution)},
                      {"ts", format_copy_timestamp(bar.ts)},
                      {"reason", describe(reason)}};
  if (options_.job_id) fields.emplace_back("job_id", *options_.job_id);
  if (rejected_logged_ == static_cast<std::int64_t>(options_.rejected_bars_logged)) {
    fields.emplace_back("note", "further rejected bars of this job are counted, not logged");
  }
  log_warn("bar rejected", fields);
}

std::int64_t PriceWriter::deduplicate_buffer() {
  std::stable_sort(buffer_.begin(), buffer_.end(), [](const Bar& a, const Bar& b) { return a.ts < b.ts; });
  // Keep the last of each run of equal ts: the upsert could not touch one row twice in a statement,
  // and a later delivery (a page boundary fetched twice, a correction) is the one to believe.
  std::size_t kept = 0;
  for (std::size_t i = 0; i < buffer_.size(); ++i) {
    if (i + 1 < buffer_.size() && buffer_[i + 1].ts == buffer_[i].ts) continue;
    buffer_[kept++] = buffer_[i];
  }
  const auto dropped = static_cast<std::int64_t>(buffer_.size() - kept);
  buffer_.resize(kept);
  return dropped;
}

void PriceWriter::flush() {
  if (buffer_.empty()) return;
  if (options_.before_each_batch) options_.before_each_batch();
  try {
    write_batch();
  } catch (const std::exception& error) {
    std::string context = "writing " + std::to_string(buffer_.size()) + " bars of asset " +
                          std::to_string(series_.asset_id) + " (" + resolution_name(series_.resolution) +
                          ", source " + series_.source;
    if (options_.job_id) context += ", job " + std::to_string(*options_.job_id);
    std::throw_with_nested(std::runtime_error(context + "): " + error.what()));
  }
  buffer_.clear();
}

void PriceWriter::write_batch() {
  const std::int64_t duplicates = deduplicate_buffer();
  std::set<int> years;
  for (const Bar& bar : buffer_)
    years.insert(utc_year(bar.ts));

  std::int64_t written = 0;
  for (int attempt = 1;; ++attempt) {
    options_.partitions->ensure(connection_, years);
    try {
      pqxx::work tx(connection_, "write prices");
      ensure_price_staging_table(tx);
      copy_bars_to_staging(tx, buffer_);
      const pqxx::result result =
          tx.exec_params(upsert_sql(), series_.asset_id, resolution_name(series_.resolution), series_.source,
                         source_ranking_literal_);
      tx.commit();
      written = result[0][0].as<std::int64_t>();
      break;
    } catch (const pqxx::sql_error& error) {
      if (attempt > 1 || !is_missing_partition(error)) throw;
      options_.partitions->forget();
    }
  }

  summary_.written += written;
  host_metrics().rows_written.labels({series_.source}).inc(static_cast<double>(written));
  summary_.unchanged += static_cast<std::int64_t>(buffer_.size()) - written;
  summary_.duplicates += duplicates;
  ++summary_.batches;
  const std::int64_t first = buffer_.front().ts;
  const std::int64_t last = buffer_.back().ts;
  summary_.first_ts = summary_.first_ts ? std::min(*summary_.first_ts, first) : first;
  summary_.last_ts = summary_.last_ts ? std::max(*summary_.last_ts, last) : last;
}

PriceWriteSummary PriceWriter::finish() {
  if (finished_) return summary_;
  flush();
  finished_ = true;
  if (summary_.first_ts) {
    try {
      pqxx::work tx(connection_, "record history");
      AssetTracking::record_history(tx, series_.asset_id, *summary_.first_ts, summary_.written > 0);
      tx.commit();
    } catch (const std::exception& error) {
      std::throw_with_nested(std::runtime_error("recording the history of asset " +
                                                std::to_string(series_.asset_id) +
                                                " in tracked_assets: " + error.what()));
    }
  }

  const auto duration =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started_);
  LogFields fields = {{"asset_id", series_.asset_id},
                      {"source", series_.source},
                      {"resolution", resolution_name(series_.resolution)},
                      {"written", summary_.written},
                      {"unchanged", summary_.unchanged},
                      {"rejected", summary_.rejected.total()},
                      {"batches", summary_.batches},
                      {"duration_ms", duration.count()}};
  if (options_.job_id) fields.emplace_back("job_id", *options_.job_id);
  for (const BarRejection reason : all_bar_rejections()) {
    if (const auto count = summary_.rejected.count(reason); count > 0) {
      fields.emplace_back(rejection_log_key(reason), count);
    }
  }
  if (summary_.first_ts) {
    fields.emplace_back("first_ts", format_copy_timestamp(*summary_.first_ts));
    fields.emplace_back("last_ts", format_copy_timestamp(*summary_.last_ts));
  }
  log_info("prices written", fields);
  return summary_;
}

}  // namespace pricefeed::host
