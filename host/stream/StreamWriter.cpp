#include "host/stream/StreamWriter.hpp"

#include <algorithm>
#include <stdexcept>

#include "host/daemon/QuoteDue.hpp"
#include "host/db/DatabaseOutage.hpp"
#include "host/log/Log.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;

std::chrono::sys_days trading_date_of(const StreamedQuote& streamed) {
  const sys_seconds ts{seconds{streamed.quote.ts}};
  if (streamed.calendar != nullptr) return quote_trading_date(streamed.asset_class, *streamed.calendar, ts);
  if (streamed.asset_class == AssetClass::crypto || streamed.asset_class == AssetClass::forex) {
    return floor<days>(ts);
  }
  throw std::invalid_argument("streamed quote for " + streamed.symbol + " (" +
                              std::string(asset_class_name(streamed.asset_class)) +
                              "): no exchange calendar to date it by");
}

}  // namespace

StreamWriter::StreamWriter(StreamWriterSettings settings, ConnectionPool::Connector connect)
    : settings_(settings),
      connect_(std::move(connect)),
      backoff_(settings.backoff),
      min_interval_(settings.min_interval) {
  thread_ = std::thread([this] { run(); });
}

void StreamWriter::change_min_interval(milliseconds min_interval) {
  std::lock_guard lock(mutex_);
  min_interval_ = min_interval;
}

StreamWriter::~StreamWriter() {
  stop();
}

void StreamWriter::offer(StreamedQuote streamed) {
  const std::int64_t instant = quote_instant_ms(streamed.quote);
  const sys_days trading_date = trading_date_of(streamed);
  Pending pending{{streamed.asset_id, std::move(streamed.symbol), std::move(streamed.source),
                   std::move(streamed.quote), trading_date},
                  streamed.received_at};
  std::lock_guard lock(mutex_);
  if (stopping_) return;
  ++stats_.offered;
  AssetState& asset = assets_[pending.quote.asset_id];
  if (instant <= asset.latest_instant_ms) {
    ++stats_.stale;
    return;
  }
  if (asset.pending) {
    ++stats_.superseded;
  } else {
    ++stats_.pending;
  }
  asset.pending = std::move(pending);
  asset.latest_instant_ms = instant;
}

void StreamWriter::stop(milliseconds flush_within) {
  {
    std::lock_guard lock(mutex_);
    if (!stopping_) {
      stopping_ = true;
      flush_deadline_ = steady_clock::now() + flush_within;
    }
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

StreamWriterStats StreamWriter::stats() const {
  std::lock_guard lock(mutex_);
  return stats_;
}

void StreamWriter::run() {
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (stopping_) break;
    }
    const auto now = steady_clock::now();
    std::vector<Pending> due = take_due(now, false);
    if (!due.empty() && !write(std::move(due), now)) {
      wait(backoff_.next_delay());
    } else {
      wait(settings_.poll_every);
    }
  }
  flush();
}

void StreamWriter::flush() {
  steady_clock::time_point deadline;
  {
    std::lock_guard lock(mutex_);
    deadline = flush_deadline_;
  }
  for (;;) {
    std::vector<Pending> rest = take_due(steady_clock::now(), true);
    if (rest.empty()) return;
    const std::size_t count = rest.size();
    if (write(std::move(rest), steady_clock::now())) continue;
    const milliseconds delay = backoff_.next_delay();
    if (steady_clock::now() + delay >= deadline) {
      std::lock_guard lock(mutex_);
      stats_.pending = 0;
      assets_.clear();
      log_warn("stream writer stopped with quotes unwritten: the database stayed unreachable",
               {{"assets", static_cast<std::int64_t>(count)}});
      return;
    }
    std::this_thread::sleep_for(delay);
  }
}

std::vector<StreamWriter::Pending> StreamWriter::take_due(steady_clock::time_point now,
                                                          bool ignore_interval) {
  std::vector<Pending> due;
  std::lock_guard lock(mutex_);
  for (auto& [id, asset] : assets_) {
    if (!asset.pending) continue;
    if (!ignore_interval && asset.last_write && now - *asset.last_write < min_interval_) continue;
    due.push_back(std::move(*asset.pending));
    asset.pending.reset();
  }
  stats_.pending -= due.size();
  return due;
}

bool StreamWriter::write(std::vector<Pending> due, steady_clock::time_point now) {
  std::vector<AssetQuote> quotes;
  quotes.reserve(due.size());
  for (const Pending& pending : due)
    quotes.push_back(pending.quote);
  try {
    if (!connection_) connection_ = connect_();
    const LatestPriceWriteSummary summary =
        write_latest_prices(*connection_, partitions_, quotes, floor<seconds>(system_clock::now()));
    const auto committed = steady_clock::now();
    for (const RefusedQuote& refused : summary.refused) {
      log_warn("streamed quote refused", {{"asset_id", refused.asset_id},
                                          {"symbol", refused.symbol},
                                          {"source", refused.source},
                                          {"reason", refused.reason}});
    }
    std::lock_guard lock(mutex_);
    for (const Pending& pending : due) {
      assets_[pending.quote.asset_id].last_write = now;
      stats_.longest_wait =
          std::max(stats_.longest_wait, duration_cast<milliseconds>(committed - pending.received_at));
    }
    ++stats_.batches;
    stats_.written += summary.written_asset_ids.size();
    stats_.refused += summary.refused.size();
    if (!summary.refused.empty()) stats_.last_refused = summary.refused.back();
    if (!summary.written_asset_ids.empty()) stats_.last_write = system_clock::now();
    if (!stats_.database_reachable) {
      stats_.database_reachable = true;
      log_info("stream writes resumed: the database answers again",
               {{"attempts", static_cast<std::int64_t>(backoff_.failures())}});
    }
    backoff_.reset();
    return true;
  } catch (const std::exception& e) {
    if (is_database_outage(e)) {
      connection_.reset();
      put_back(std::move(due));
      note_outage(e);
      return false;
    }
    // A failure the database's return will not cure (a bug, a constraint): retrying would fail the
    // same way, so the batch is dropped; each asset's next quote is written after its interval.
    log_error("stream write failed; its quotes are dropped",
              {{"error", e.what()}, {"quotes", static_cast<std::int64_t>(due.size())}});
    std::lock_guard lock(mutex_);
    ++stats_.failed_batches;
    for (const Pending& pending : due)
      assets_[pending.quote.asset_id].last_write = now;
    return true;
  }
}

void StreamWriter::put_back(std::vector<Pending> due) {
  std::lock_guard lock(mutex_);
  for (Pending& pending : due) {
    AssetState& asset = assets_[pending.quote.asset_id];
    if (asset.pending) {
      ++stats_.superseded;  // a newer quote came while this one was being written
      continue;
    }
    asset.pending = std::move(pending);
    ++stats_.pending;
  }
}

void StreamWriter::note_outage(const std::exception& error) {
  std::lock_guard lock(mutex_);
  ++stats_.failed_batches;
  if (!stats_.database_reachable) return;
  stats_.database_reachable = false;
  log_warn(
      "stream writes paused: the database is unreachable; the latest quote per asset is kept and "
      "written when it answers",
      {{"error", error.what()}});
}

void StreamWriter::wait(milliseconds delay) {
  std::unique_lock lock(mutex_);
  wake_.wait_for(lock, delay, [this] { return stopping_; });
}

}  // namespace pricefeed::host
