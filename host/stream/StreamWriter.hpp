// The database side of live streams: quotes arrive from the stream connections at the upstream's
// pace (many a second per asset) and are written at most once per asset per [stream]
// min_interval_ms. offer() only keeps the latest quote per asset, cheaply and from any thread; a
// thread of the writer's own wakes every ~50 ms and writes, in one transaction
// (write_latest_prices: latest_prices, today's daily bar folded, last_price_update), every asset
// whose pending quote is newer than what it wrote and whose last write is at least an interval
// old. So each asset's latest price reaches the database within about one interval, and no quote
// is written twice.
//
// The writer has a connection of its own (from `connect`), so the daemon's ticks and the API never
// wait behind it. While the database is unreachable it keeps the latest pending quote per asset,
// tries again after a ReconnectBackoff wait, and logs the outage once and the recovery once.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <pqxx/connection>

#include "host/assets/AssetClass.hpp"
#include "host/calendar/ExchangeCalendar.hpp"
#include "host/daemon/LatestPriceWriter.hpp"
#include "host/db/ConnectionPool.hpp"
#include "host/db/PricePartitions.hpp"
#include "host/db/ReconnectBackoff.hpp"

namespace pricefeed::host {

// One quote from a stream, for an asset the host matched it to.
struct StreamedQuote {
  std::int64_t asset_id = 0;
  std::string symbol;  // for messages
  std::string source;
  AssetClass asset_class = AssetClass::crypto;
  // The asset's exchange calendar, for the trading date of the quote (quote_trading_date); read
  // during offer() only. May be null for crypto and forex, whose trading date is the UTC date.
  const ExchangeCalendar* calendar = nullptr;
  Quote quote;
  std::chrono::steady_clock::time_point received_at;
};

// What the writer did since it started, for metrics and /health.
struct StreamWriterStats {
  std::uint64_t offered = 0;         // quotes given to offer()
  std::uint64_t written = 0;         // quotes written (a latest price and a daily bar each)
  std::uint64_t batches = 0;         // transactions committed
  std::uint64_t superseded = 0;      // replaced by a newer quote of the same asset before being written
  std::uint64_t stale = 0;           // not newer than the asset's pending or written quote: ignored
  std::uint64_t refused = 0;         // refused by write_latest_prices (last_refused says why)
  std::uint64_t failed_batches = 0;  // transactions that failed; their quotes are tried again
  std::size_t pending = 0;           // assets with a quote waiting to be written
  // The longest a written quote waited between its arrival (received_at) and its commit.
  std::chrono::milliseconds longest_wait{0};
  bool database_reachable = true;  // false from a failed write until one succeeds
  std::optional<RefusedQuote> last_refused;
  std::optional<std::chrono::system_clock::time_point> last_write;  // the last committed batch
};

struct StreamWriterSettings {
  std::chrono::milliseconds min_interval{1000};  // [stream] min_interval_ms
  std::chrono::milliseconds poll_every{50};      // how often the writer looks for due quotes
  ReconnectBackoffSettings backoff;              // the waits while the database is unreachable
};

class StreamWriter {
 public:
  // Starts the writer's thread. `connect` opens the writer's own connection, again after an outage.
  StreamWriter(StreamWriterSettings settings, ConnectionPool::Connector connect);
  // stop() with its default bound, when not called before.
  ~StreamWriter();
  StreamWriter(const StreamWriter&) = delete;
  StreamWriter& operator=(const StreamWriter&) = delete;

  // Keeps `quote` as its asset's pending quote unless that one (or the one written) is as new.
  // Thread-safe; never touches the database.
  void offer(StreamedQuote quote);

  // Writes what is pending regardless of the interval, trying for at most `flush_within`, then
  // ends the thread; what could not be written is dropped and logged. Idempotent.
  void stop(std::chrono::milliseconds flush_within = std::chrono::seconds{5});

  StreamWriterStats stats() const;

  // A reload's [stream] min_interval_ms, from the next write on. Thread-safe.
  void change_min_interval(std::chrono::milliseconds min_interval);

 private:
  struct Pending {
    AssetQuote quote;
    std::chrono::steady_clock::time_point received_at;
  };
  struct AssetState {
    std::optional<Pending> pending;
    std::int64_t latest_instant_ms = 0;  // of the newest quote kept: pending or written
    std::optional<std::chrono::steady_clock::time_point> last_write;
  };

  void run();
  // After stop(): what is pending, regardless of the interval, until the flush deadline.
  void flush();
  // The pending quotes due at `now` (all of them when `ignore_interval`), taken out of the state.
  std::vector<Pending> take_due(std::chrono::steady_clock::time_point now, bool ignore_interval);
  // Writes `due` in one transaction; false when the database could not be reached (the quotes were
  // put back as pending). Any other failure drops them with an error logged.
  bool write(std::vector<Pending> due, std::chrono::steady_clock::time_point now);
  // Quotes whose write failed become pending again, unless a newer one of their asset came meanwhile.
  void put_back(std::vector<Pending> due);
  void note_outage(const std::exception& error);
  // Sleeps `delay`, or less when stop() is called.
  void wait(std::chrono::milliseconds delay);

  const StreamWriterSettings settings_;
  const ConnectionPool::Connector connect_;
  // Used by the writer's thread only.
  std::unique_ptr<pqxx::connection> connection_;
  PricePartitions partitions_;
  ReconnectBackoff backoff_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::map<std::int64_t, AssetState> assets_;
  StreamWriterStats stats_;
  bool stopping_ = false;
  std::chrono::milliseconds min_interval_;  // settings_.min_interval until a reload changes it
  std::chrono::steady_clock::time_point flush_deadline_;
  std::thread thread_;
};

}  // namespace pricefeed::host
