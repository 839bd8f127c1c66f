// The host's side of the sinks: C callbacks that check what the plugin hands over (OBS-style: a
// record may be smaller than the host's if it comes from an older plugin, never smaller than ABI 1.0),
// copy it into host records, and pass it to a consumer. Nothing thrown ever crosses back into the
// plugin: a consumer's exception is kept and rethrown once the plugin has returned.
//
// A plugin may call one sink from several of its threads at once (sdk.h). Each adapter serialises
// its callbacks with a mutex held for the whole callback, so its scratch batch and its misuse and
// failure are never written by two threads, and its consumer sees one batch at a time, as it would
// from a single-threaded plugin: consumers need no lock of their own.
#pragma once

#include <cstddef>
#include <cstring>
#include <exception>
#include <mutex>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "host/plugins/OutputCaps.hpp"
#include "host/plugins/SourceRecords.hpp"
#include "pricefeed/sdk.h"

namespace pricefeed::host {

// What went wrong in a call's sinks, if anything; settled by SourceInstance after the call, once no
// plugin thread uses the sink any more.
class SinkAdapterBase {
 public:
  std::string misuse;
  std::exception_ptr failure;

 protected:
  // Runs one callback under the adapter's lock; everything a callback touches is reached from here.
  template <class Body>
  pricefeed_flow guard(Body&& body) noexcept {
    std::lock_guard lock(mutex_);
    if (!misuse.empty() || failure) return PRICEFEED_STOP;
    try {
      return body() ? PRICEFEED_CONTINUE : PRICEFEED_STOP;
    } catch (const TextTooLong& error) {
      misuse = error.what();
      return PRICEFEED_STOP;
    } catch (...) {
      failure = std::current_exception();
      return PRICEFEED_STOP;
    }
  }

  // A string field past kMaxTextBytes: the plugin's misuse, not the consumer's failure.
  struct TextTooLong : std::length_error {
    using std::length_error::length_error;
  };

  // Copies one string field, refusing one longer than any real symbol, name or reason: 65,536
  // records of a gigabyte each must not reach the allocator.
  // `field` names it in the misuse ("quotes: symbol").
  static std::string text(pricefeed_str s, const char* field) {
    if (s.data == nullptr) return std::string();
    if (s.size > kMaxTextBytes) {
      throw TextTooLong(std::string(field) + ": " + std::to_string(s.size) + " bytes, more than the " +
                        std::to_string(kMaxTextBytes) + " a string field may hold");
    }
    return std::string(s.data, s.size);
  }

  // Copies a plugin's array (stride element_size, which may be an older, smaller record) into host
  // records; false with `misuse` set when the batch cannot be read safely.
  template <class CRecord, class Record, class Convert>
  bool copy_batch(const char* what, const CRecord* array, std::size_t count, std::size_t element_size,
                  std::size_t v1_0_size, std::vector<Record>& out, Convert&& convert) {
    out.clear();
    if (count == 0) return true;
    const char* problem = nullptr;
    if (array == nullptr) {
      problem = "null array with a non-zero count";
    } else if (element_size < v1_0_size) {
      problem = "element_size smaller than the ABI 1.0 record";
    } else if (count > kMaxRecordsPerCallback) {
      problem = "more than 65,536 records in one callback";
    }
    if (problem != nullptr) {
      misuse = std::string(what) + ": " + problem;
      return false;
    }
    out.reserve(count);
    const auto* bytes = reinterpret_cast<const char*>(array);
    for (std::size_t i = 0; i < count; ++i) {
      CRecord record{};
      std::memcpy(&record, bytes + i * element_size,
                  element_size < sizeof(CRecord) ? element_size : sizeof(CRecord));
      out.push_back(convert(record));
    }
    return true;
  }

 private:
  std::mutex mutex_;
};

class HistorySinkAdapter : public SinkAdapterBase {
 public:
  static constexpr std::size_t kBarV1_0Size = offsetof(pricefeed_bar, volume) + sizeof(double);
  static constexpr std::size_t kActionV1_0Size = offsetof(pricefeed_action, denominator) + sizeof(double);

  explicit HistorySinkAdapter(HistoryConsumer& consumer) : consumer_(consumer) {}

  pricefeed_history_sink sink() {
    pricefeed_history_sink s{};
    s.struct_size = sizeof(s);
    s.host_state = this;
    s.bars = &on_bars;
    s.action = &on_action;
    s.unavailable = &on_unavailable;
    return s;
  }

 private:
  static pricefeed_flow on_bars(void* state, const pricefeed_bar* bars, size_t count, size_t element_size) {
    auto& self = *static_cast<HistorySinkAdapter*>(state);
    return self.guard([&] {
      return self.copy_batch("bars", bars, count, element_size, kBarV1_0Size, self.scratch_,
                             [](const pricefeed_bar& c) {
                               return Bar{c.ts, c.open, c.high, c.low, c.close, c.adj_close, c.volume};
                             }) &&
             self.consumer_.on_bars(self.scratch_);
    });
  }

  static pricefeed_flow on_action(void* state, const pricefeed_action* action) {
    auto& self = *static_cast<HistorySinkAdapter*>(state);
    return self.guard([&] {
      if (action == nullptr || action->struct_size < kActionV1_0Size) {
        self.misuse = "action: null or smaller than the ABI 1.0 record";
        return false;
      }
      if (action->kind != PRICEFEED_ACTION_DIVIDEND && action->kind != PRICEFEED_ACTION_SPLIT) {
        self.misuse = "action: unknown kind " + std::to_string(action->kind);
        return false;
      }
      return self.consumer_.on_action(Action{static_cast<Action::Kind>(action->kind), action->ts,
                                             action->amount, action->numerator, action->denominator});
    });
  }

  static pricefeed_flow on_unavailable(void* state, int64_t start, int64_t end, pricefeed_str reason) {
    auto& self = *static_cast<HistorySinkAdapter*>(state);
    return self.guard([&] {
      if (end < start) {
        self.misuse = "unavailable: end before start";
        return false;
      }
      return self.consumer_.on_unavailable(start, end, text(reason, "unavailable: reason"));
    });
  }

  HistoryConsumer& consumer_;
  std::vector<Bar> scratch_;
};

class QuoteSinkAdapter : public SinkAdapterBase {
 public:
  static constexpr std::size_t kQuoteV1_0Size = offsetof(pricefeed_quote, previous_close) + sizeof(double);

  // The host's copy of a plugin's quote (the fetch sink's and the stream sink's).
  static Quote quote_of(const pricefeed_quote& c) {
    return Quote{text(c.symbol, "quotes: symbol"),
                 c.price,
                 text(c.currency, "quotes: currency"),
                 c.ts,
                 c.open,
                 c.high,
                 c.low,
                 c.volume,
                 c.previous_close,
                 c.ts_ms};
  }

  explicit QuoteSinkAdapter(QuoteConsumer& consumer) : consumer_(consumer) {}

  pricefeed_quote_sink sink() {
    pricefeed_quote_sink s{};
    s.struct_size = sizeof(s);
    s.host_state = this;
    s.quotes = &on_quotes;
    return s;
  }

 protected:
  static pricefeed_flow on_quotes(void* state, const pricefeed_quote* quotes, size_t count,
                                  size_t element_size) {
    auto& self = *static_cast<QuoteSinkAdapter*>(state);
    return self.guard([&] {
      return self.copy_batch("quotes", quotes, count, element_size, kQuoteV1_0Size, self.scratch_,
                             quote_of) &&
             self.consumer_.on_quotes(self.scratch_);
    });
  }

 private:
  QuoteConsumer& consumer_;
  std::vector<Quote> scratch_;
};

// ABI 1.1: one stream frame's sink. Its quotes are read as the fetch sink's are, by the same code.
class StreamSinkAdapter : public QuoteSinkAdapter {
 public:
  explicit StreamSinkAdapter(StreamFrameConsumer& consumer)
      : QuoteSinkAdapter(consumer), consumer_(consumer) {}

  pricefeed_stream_sink sink() {
    pricefeed_stream_sink s{};
    s.struct_size = sizeof(s);
    s.host_state = static_cast<QuoteSinkAdapter*>(this);
    s.quotes = &on_quotes;
    s.resubscribe = &on_resubscribe;
    return s;
  }

 private:
  static void on_resubscribe(void* state, pricefeed_str reason) {
    auto& self = static_cast<StreamSinkAdapter&>(*static_cast<QuoteSinkAdapter*>(state));
    self.guard([&] {
      self.consumer_.on_resubscribe(text(reason, "resubscribe: reason"));
      return true;
    });
  }

  StreamFrameConsumer& consumer_;
};

// ABI 1.1: one stream_subscribe() call's sink, collecting the URL and the messages.
class StreamControlAdapter : public SinkAdapterBase {
 public:
  // A message longer than this is no subscription: 1,024 streams of 40 bytes each fit.
  static constexpr std::size_t kMaxMessageBytes = 1 << 20;

  // `count`: how many symbols the request has (frame_name's index must be below it).
  StreamControlAdapter(StreamControlOutput& out, std::size_t count) : out_(out) {
    out_.frame_names.resize(count);
  }

  pricefeed_stream_control_sink sink() {
    pricefeed_stream_control_sink s{};
    s.struct_size = sizeof(s);
    s.host_state = this;
    s.connect_to = &on_connect_to;
    s.send = &on_send;
    s.frame_name = &on_frame_name;
    return s;
  }

 private:
  static void on_connect_to(void* state, pricefeed_str url) {
    auto& self = *static_cast<StreamControlAdapter*>(state);
    self.guard([&] {
      self.out_.url = text(url, "connect_to: url");
      return true;
    });
  }

  static void on_send(void* state, pricefeed_str text) {
    auto& self = *static_cast<StreamControlAdapter*>(state);
    self.guard([&] {
      if (text.size > kMaxMessageBytes) {
        self.misuse = "send: " + std::to_string(text.size) + " bytes, more than the " +
                      std::to_string(kMaxMessageBytes) + " a stream message may hold";
        return false;
      }
      self.out_.messages.emplace_back(text.data == nullptr ? "" : std::string(text.data, text.size));
      return true;
    });
  }

  static void on_frame_name(void* state, size_t index, pricefeed_str name) {
    auto& self = *static_cast<StreamControlAdapter*>(state);
    self.guard([&] {
      if (index >= self.out_.frame_names.size()) {
        self.misuse = "frame_name: index " + std::to_string(index) + " past the request's " +
                      std::to_string(self.out_.frame_names.size()) + " symbols";
        return false;
      }
      self.out_.frame_names[index] = text(name, "frame_name: name");
      return true;
    });
  }

  StreamControlOutput& out_;
};

class CatalogSinkAdapter : public SinkAdapterBase {
 public:
  static constexpr std::size_t kAssetV1_0Size = offsetof(pricefeed_asset, rank) + sizeof(int32_t);

  explicit CatalogSinkAdapter(CatalogConsumer& consumer) : consumer_(consumer) {}

  pricefeed_asset_sink sink() {
    pricefeed_asset_sink s{};
    s.struct_size = sizeof(s);
    s.host_state = this;
    s.assets = &on_assets;
    return s;
  }

 private:
  static pricefeed_flow on_assets(void* state, const pricefeed_asset* assets, size_t count,
                                  size_t element_size) {
    auto& self = *static_cast<CatalogSinkAdapter*>(state);
    return self.guard([&] {
      return self.copy_batch("assets", assets, count, element_size, kAssetV1_0Size, self.scratch_,
                             [](const pricefeed_asset& c) {
                               return Asset{text(c.symbol, "assets: symbol"),
                                            text(c.source_id, "assets: source_id"),
                                            text(c.name, "assets: name"),
                                            static_cast<AssetClass>(c.asset_class),
                                            text(c.exchange, "assets: exchange"),
                                            text(c.currency, "assets: currency"),
                                            c.rank};
                             }) &&
             self.consumer_.on_assets(self.scratch_);
    });
  }

  CatalogConsumer& consumer_;
  std::vector<Asset> scratch_;
};

}  // namespace pricefeed::host
