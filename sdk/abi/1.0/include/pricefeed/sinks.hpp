// Buffered C++ fronts of the host's sinks: a plugin pushes records one by one; they cross the ABI in
// batches, and a "stop" from the host (cancellation, shutdown) is seen by the push after the batch
// that carried it. Whatever was pushed reaches the host even when the plugin then throws: the
// PRICEFEED_PLUGIN trampolines flush on every way out.
//
// THREADS:  one of these objects is not thread-safe: it owns a buffer. The C sink under it is, so to
//           push from several threads, give each thread a sink object of its own over the same C sink
//           (HistorySink(sink) per thread, each flushed before its thread ends), or guard a shared one
//           with a mutex of your own.
// LIFETIME: the call's, like the C sink it wraps: flush and drop it before the call returns.
#ifndef PRICEFEED_SINKS_HPP
#define PRICEFEED_SINKS_HPP

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pricefeed/records.hpp"
#include "pricefeed/sdk.h"

namespace pricefeed {

namespace detail {
inline pricefeed_str borrow(std::string_view s) noexcept {
  return pricefeed_str{s.data(), s.size()};
}
}  // namespace detail

class HistorySink {
 public:
  static constexpr std::size_t kBatch = 512;

  explicit HistorySink(const pricefeed_history_sink* sink) : sink_(sink) { buffer_.reserve(kBatch); }

  // false once the host has asked to stop: the plugin should return promptly. Call flush() after
  // each upstream request to hand bars over (and learn of a stop) before spending more of the limit.
  bool push(const Bar& bar) {
    if (stopped_) return false;
    buffer_.push_back(pricefeed_bar{sizeof(pricefeed_bar), bar.ts, bar.open, bar.high, bar.low, bar.close,
                                    bar.adj_close, bar.volume});
    if (buffer_.size() >= kBatch) flush();
    return !stopped_;
  }

  bool action(const Action& a) {
    if (stopped_) return false;
    pricefeed_action c{sizeof(pricefeed_action),
                       static_cast<std::int32_t>(a.kind),
                       a.ts,
                       a.amount,
                       a.numerator,
                       a.denominator};
    stopped_ = sink_->action(sink_->host_state, &c) == PRICEFEED_STOP;
    return !stopped_;
  }

  // [start, end) of the request that this source cannot serve, and why.
  bool unavailable(std::int64_t start, std::int64_t end, std::string_view reason) {
    if (stopped_) return false;
    flush();
    stopped_ = stopped_ ||
               sink_->unavailable(sink_->host_state, start, end, detail::borrow(reason)) == PRICEFEED_STOP;
    return !stopped_;
  }

  void flush() {
    if (buffer_.empty() || stopped_) return;
    stopped_ = sink_->bars(sink_->host_state, buffer_.data(), buffer_.size(), sizeof(pricefeed_bar)) ==
               PRICEFEED_STOP;
    buffer_.clear();
  }

  bool stopped() const noexcept { return stopped_; }

 private:
  const pricefeed_history_sink* sink_;
  std::vector<pricefeed_bar> buffer_;
  bool stopped_ = false;
};

class QuoteSink {
 public:
  explicit QuoteSink(const pricefeed_quote_sink* sink) : sink_(sink) {}

  bool push(Quote quote) {
    if (stopped_) return false;
    buffer_.push_back(std::move(quote));
    return true;
  }

  void flush() {
    if (buffer_.empty() || stopped_) return;
    std::vector<pricefeed_quote> out;
    out.reserve(buffer_.size());
    for (const Quote& q : buffer_) {
      out.push_back(pricefeed_quote{sizeof(pricefeed_quote), detail::borrow(q.symbol), q.price,
                                    detail::borrow(q.currency), q.ts, q.open, q.high, q.low, q.volume,
                                    q.previous_close});
    }
    stopped_ =
        sink_->quotes(sink_->host_state, out.data(), out.size(), sizeof(pricefeed_quote)) == PRICEFEED_STOP;
    buffer_.clear();
  }

  bool stopped() const noexcept { return stopped_; }

 private:
  const pricefeed_quote_sink* sink_;
  std::vector<Quote> buffer_;
  bool stopped_ = false;
};

class AssetSink {
 public:
  static constexpr std::size_t kBatch = 1000;

  explicit AssetSink(const pricefeed_asset_sink* sink) : sink_(sink) {}

  bool push(Asset asset) {
    if (stopped_) return false;
    buffer_.push_back(std::move(asset));
    if (buffer_.size() >= kBatch) flush();
    return !stopped_;
  }

  void flush() {
    if (buffer_.empty() || stopped_) return;
    std::vector<pricefeed_asset> out;
    out.reserve(buffer_.size());
    for (const Asset& a : buffer_) {
      out.push_back(pricefeed_asset{sizeof(pricefeed_asset), detail::borrow(a.symbol),
                                    detail::borrow(a.source_id), detail::borrow(a.name),
                                    static_cast<std::uint32_t>(a.asset_class), detail::borrow(a.exchange),
                                    detail::borrow(a.currency), a.rank});
    }
    stopped_ =
        sink_->assets(sink_->host_state, out.data(), out.size(), sizeof(pricefeed_asset)) == PRICEFEED_STOP;
    buffer_.clear();
  }

  bool stopped() const noexcept { return stopped_; }

 private:
  const pricefeed_asset_sink* sink_;
  std::vector<Asset> buffer_;
  bool stopped_ = false;
};

}  // namespace pricefeed

#endif  // PRICEFEED_SINKS_HPP
