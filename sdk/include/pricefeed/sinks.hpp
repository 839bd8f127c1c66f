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

// The C view of a quote, borrowing its strings.
inline pricefeed_quote to_c(const Quote& q) noexcept {
  return pricefeed_quote{sizeof(pricefeed_quote),
                         borrow(q.symbol),
                         q.price,
                         borrow(q.currency),
                         q.ts,
                         q.open,
                         q.high,
                         q.low,
                         q.volume,
                         q.previous_close,
                         q.ts_ms};
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
    for (const Quote& q : buffer_)
      out.push_back(detail::to_c(q));
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

// ABI 1.1. What a stream_subscribe() call hands back: the connection's URL (OPEN only) and the
// messages to send on it, in order.
class StreamControl {
 public:
  explicit StreamControl(const pricefeed_stream_control_sink* sink) : sink_(sink) {}

  void connect_to(std::string_view url) { sink_->connect_to(sink_->host_state, detail::borrow(url)); }
  void send(std::string_view text) { sink_->send(sink_->host_state, detail::borrow(text)); }
  // How the frames will name request.symbols[index] (open and add), when not by request.id(index).
  void frame_name(std::size_t index, std::string_view name) {
    sink_->frame_name(sink_->host_state, index, detail::borrow(name));
  }

 private:
  const pricefeed_stream_control_sink* sink_;
};

// ABI 1.1. What one received frame came to: quotes, handed over when the frame's call returns (or
// at flush()), or a request to resubscribe the connection.
class StreamSink {
 public:
  explicit StreamSink(const pricefeed_stream_sink* sink) : sink_(sink) {}

  // The quote's symbol is the one its frame names: pricefeed's or the source's id (sdk.h "Streams").
  void push(Quote quote) { buffer_.push_back(std::move(quote)); }

  // The frame says the connection lost its subscriptions, or is about to close.
  void resubscribe(std::string_view reason) { sink_->resubscribe(sink_->host_state, detail::borrow(reason)); }

  void flush() {
    if (buffer_.empty()) return;
    std::vector<pricefeed_quote> out;
    out.reserve(buffer_.size());
    for (const Quote& q : buffer_)
      out.push_back(detail::to_c(q));
    sink_->quotes(sink_->host_state, out.data(), out.size(), sizeof(pricefeed_quote));
    buffer_.clear();
  }

 private:
  const pricefeed_stream_sink* sink_;
  std::vector<Quote> buffer_;
};

}  // namespace pricefeed

#endif  // PRICEFEED_SINKS_HPP
