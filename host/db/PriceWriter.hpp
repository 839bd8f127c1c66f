// Writes the bars of one series (asset, resolution, source) into asset_prices, as a backfill job
// streams them from a plugin:
//
//   PriceWriter writer(*connection, {asset_id, Resolution::day, "yahoo"}, {.job_id = job.id});
//   writer.write(bars);          // as often as the plugin's sink delivers
//   PriceWriteSummary summary = writer.finish();
//
// Every bar is checked by BarValidator first: a bad one is logged with its reason, counted and
// never written. Good bars are buffered and written about 1000 at a time, each batch in its own
// transaction: COPY into a session-private staging table, then one upsert into asset_prices that
// changes only rows whose values differ, so a replayed range changes nothing (not even a row
// version). docs/queue-and-writing.md explains the write path.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <pqxx/connection_base>

#include "host/db/PricePartitions.hpp"
#include "host/plugins/SourceRecords.hpp"
#include "host/validation/BarValidator.hpp"

namespace pricefeed::host {

// Whose bars these are: the key of asset_prices minus ts, plus the source credited with them.
struct PriceSeries {
  std::int64_t asset_id = 0;
  Resolution resolution = Resolution::day;
  std::string source;  // the [sources.X] name
};

// Whether a written row was new or replaced different values is not told apart: asset_prices is
// partitioned, and RETURNING cannot read xmax (the usual tell) through a partitioned table; looking
// the keys up first would cost an index probe per row for a number nobody acts on.
struct PriceWriteSummary {
  std::int64_t written = 0;     // rows inserted, or updated because their values differed
  std::int64_t unchanged = 0;   // rows left untouched: the very same values, or a preferred source's
  std::int64_t duplicates = 0;  // a ts delivered twice in one batch: the later bar is the one written
  BarRejectionCounts rejected;
  std::int64_t batches = 0;
  // The earliest and latest ts stored (written or unchanged); empty when no bar was good.
  std::optional<std::int64_t> first_ts;
  std::optional<std::int64_t> last_ts;

  std::int64_t stored() const { return written + unchanged; }
};

inline constexpr std::size_t kPriceBatchRows = 1000;

// With a requested range, a writer takes at most 2 x what the range holds + this many good bars in
// all (repeats of a ts are fine: page overlaps, corrections); the rest are more_than_range_holds.
inline constexpr std::size_t kRepeatedBarsAllowance = 1000;

struct PriceWriterOptions {
  std::size_t batch_rows = kPriceBatchRows;
  // The partition cache shared by the writers of one database; null: the writer keeps its own.
  std::shared_ptr<PricePartitions> partitions;
  // "Now" for the future-timestamp rule.
  BarValidator::Clock now = &BarValidator::system_now;
  // Put into every log line, when the bars belong to a queued job.
  std::optional<std::int64_t> job_id;
  // Called before each batch is written; throwing stops the write with nothing of that batch
  // written (e.g. the worker found that the job's lease was lost).
  std::function<void()> before_each_batch;
  // What the job asked its source for. Set, a bar outside it is refused (outside_requested_range),
  // and good bars past as many distinct ts as the range holds (bars_range_can_hold), or past
  // kRepeatedBarsAllowance repeats, are refused as more_than_range_holds: a source cannot make one
  // job store more rows than it asked for, nor write one row a million times.
  std::optional<RequestedRange> requested;
  // The asset class's routing chain, first choice first ([routing]). A row already stored by a
  // source ranked higher here is never overwritten by this writer's source; a source not in the
  // chain ranks below every one in it. Empty: every source ranks the same (any may overwrite).
  std::vector<std::string> source_ranking;
  // Each rejected bar gets a log line up to this many per writer; the rest are only counted (the
  // summary line at finish() has every count), so one broken upstream cannot flood the log.
  std::size_t rejected_bars_logged = 100;
};

class PriceWriter {
 public:
  // `connection` must have no transaction open while the writer works; the writer opens its own.
  PriceWriter(pqxx::connection_base& connection, PriceSeries series, PriceWriterOptions options = {});
  PriceWriter(const PriceWriter&) = delete;
  PriceWriter& operator=(const PriceWriter&) = delete;

  // Validates and buffers `bars`, writing a batch whenever batch_rows are buffered. Bars may come
  // in any order and in any number of calls.
  void write(std::span<const Bar> bars);

  // Writes what is buffered now.
  void flush();

  // Writes the rest, then keeps tracked_assets true: history_from = least(history_from, the first
  // stored date) and, when a row was written, last_price_update = now(). Logs one summary line.
  // A writer dropped without finish() writes nothing more: what was flushed stays (and a replay of
  // it changes nothing).
  PriceWriteSummary finish();

  const PriceWriteSummary& summary() const { return summary_; }

  // The upsert from the staging table, for the documentation and the benchmark: $1 asset_id,
  // $2 resolution, $3 source, $4 the source ranking as a text[] (may be '{}'); returns one row: the
  // number of rows written.
  static const char* upsert_sql();

 private:
  void reject(const Bar& bar, BarRejection reason);
  // True when `ts` is the only ts taken so far in its UTC hour (remembering it if it is the first).
  bool first_in_its_utc_hour(std::int64_t ts);
  // Sorts the buffer by ts and keeps the last bar of each ts; returns how many were dropped.
  std::int64_t deduplicate_buffer();
  void write_batch();

  pqxx::connection_base& connection_;
  PriceSeries series_;
  PriceWriterOptions options_;
  BarValidator validator_;
  std::vector<Bar> buffer_;
  // The distinct ts accepted so far, with `requested` set: never more than capacity_; and every
  // bar accepted, repeats included: never more than 2 x capacity_ + kRepeatedBarsAllowance.
  std::unordered_set<std::int64_t> accepted_ts_;
  // For 1h with `requested` set: the ts accepted in each UTC hour (unix seconds / 3600). Every
  // session's hourly bars fall in distinct UTC hours (09:30, 10:30 ...; HKEX 11:30 then 13:00), so
  // a second ts in one hour is a bar of a finer resolution: finer_than_resolution.
  std::unordered_map<std::int64_t, std::int64_t> ts_by_utc_hour_;
  std::int64_t capacity_ = 0;
  std::int64_t accepted_ = 0;
  std::string source_ranking_literal_;
  PriceWriteSummary summary_;
  std::int64_t rejected_logged_ = 0;
  bool finished_ = false;
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

}  // namespace pricefeed::host
