// The host's side of the sinks: C callbacks that check what the plugin hands over (OBS-style: a
// record may be smaller than the host's if it comes from an older plugin, never smaller than ABI 1.0),
// copy it into host records, and pass it to a consumer. Nothing thrown ever crosses back into the
// plugin: a consumer's exception is kept and rethrown once the plugin has returned.
#pragma once

#include <cstddef>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "host/plugins/SourceRecords.hpp"
#include "pricefeed/sdk.h"

namespace pricefeed::host {

namespace sink_detail {

inline std::string text(pricefeed_str s) {
  return s.data == nullptr ? std::string() : std::string(s.data, s.size);
}

// Copies element i of a plugin array whose stride is element_size into a zeroed host record.
template <class CRecord>
CRecord copy_record(const void* array, std::size_t i, std::size_t element_size) {
  CRecord record{};
  std::memcpy(&record, static_cast<const char*>(array) + i * element_size,
              element_size < sizeof(CRecord) ? element_size : sizeof(CRecord));
  return record;
}

inline const char* batch_problem(const void* array, std::size_t count, std::size_t element_size,
                                 std::size_t min_size) {
  if (count == 0) return nullptr;
  if (array == nullptr) return "null array with a non-zero count";
  if (element_size < min_size) return "element_size smaller than the ABI 1.0 record";
  if (count > (std::size_t(1) << 24)) return "more than 16M records in one batch";
  return nullptr;
}

}  // namespace sink_detail

// State shared by the adapters: what went wrong, if anything.
struct SinkAdapterBase {
  std::string misuse;
  std::exception_ptr failure;

  template <class Body>
  pricefeed_flow guard(Body&& body) noexcept {
    if (!misuse.empty() || failure) return PRICEFEED_STOP;
    try {
      return body() ? PRICEFEED_CONTINUE : PRICEFEED_STOP;
    } catch (...) {
      failure = std::current_exception();
      return PRICEFEED_STOP;
    }
  }
};

class HistorySinkAdapter : public SinkAdapterBase {
 public:
  static constexpr std::size_t kBarV1_0Size = offsetof(pricefeed_bar, volume) + sizeof(double);

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
      if (const char* problem = sink_detail::batch_problem(bars, count, element_size, kBarV1_0Size)) {
        self.misuse = std::string("bars: ") + problem;
        return false;
      }
      self.scratch_.clear();
      for (std::size_t i = 0; i < count; ++i) {
        auto c = sink_detail::copy_record<pricefeed_bar>(bars, i, element_size);
        self.scratch_.push_back(Bar{c.ts, c.open, c.high, c.low, c.close, c.adj_close, c.volume});
      }
      return self.consumer_.on_bars(self.scratch_);
    });
  }

  static pricefeed_flow on_action(void* state, const pricefeed_action* action) {
    auto& self = *static_cast<HistorySinkAdapter*>(state);
    return self.guard([&] {
      if (action == nullptr ||
          action->struct_size < offsetof(pricefeed_action, denominator) + sizeof(double)) {
        self.misuse = "action: null or smaller than the ABI 1.0 record";
        return false;
      }
      if (action->kind != PRICEFEED_ACTION_DIVIDEND && action->kind != PRICEFEED_ACTION_SPLIT) {
        self.misuse = "action: unknown kind " + std::to_string(action->kind);
        return false;
      }
      CorporateAction a{action->kind == PRICEFEED_ACTION_SPLIT ? CorporateAction::Kind::split
                                                               : CorporateAction::Kind::dividend,
                        action->ts, action->amount, action->numerator, action->denominator};
      return self.consumer_.on_action(a);
    });
  }

  static pricefeed_flow on_unavailable(void* state, int64_t start, int64_t end, pricefeed_str reason) {
    auto& self = *static_cast<HistorySinkAdapter*>(state);
    return self.guard([&] {
      if (end < start) {
        self.misuse = "unavailable: end before start";
        return false;
      }
      return self.consumer_.on_unavailable(start, end, sink_detail::text(reason));
    });
  }

  HistoryConsumer& consumer_;
  std::vector<Bar> scratch_;
};

class QuoteSinkAdapter : public SinkAdapterBase {
 public:
  static constexpr std::size_t kQuoteV1_0Size = offsetof(pricefeed_quote, previous_close) + sizeof(double);

  explicit QuoteSinkAdapter(QuoteConsumer& consumer) : consumer_(consumer) {}

  pricefeed_quote_sink sink() {
    pricefeed_quote_sink s{};
    s.struct_size = sizeof(s);
    s.host_state = this;
    s.quotes = &on_quotes;
    return s;
  }

 private:
  static pricefeed_flow on_quotes(void* state, const pricefeed_quote* quotes, size_t count,
                                  size_t element_size) {
    auto& self = *static_cast<QuoteSinkAdapter*>(state);
    return self.guard([&] {
      if (const char* problem = sink_detail::batch_problem(quotes, count, element_size, kQuoteV1_0Size)) {
        self.misuse = std::string("quotes: ") + problem;
        return false;
      }
      std::vector<Quote> batch;
      batch.reserve(count);
      for (std::size_t i = 0; i < count; ++i) {
        auto c = sink_detail::copy_record<pricefeed_quote>(quotes, i, element_size);
        batch.push_back(Quote{sink_detail::text(c.symbol), c.price, sink_detail::text(c.currency), c.ts,
                              c.open, c.high, c.low, c.volume, c.previous_close});
      }
      return self.consumer_.on_quotes(batch);
    });
  }

  QuoteConsumer& consumer_;
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
      if (const char* problem = sink_detail::batch_problem(assets, count, element_size, kAssetV1_0Size)) {
        self.misuse = std::string("assets: ") + problem;
        return false;
      }
      std::vector<CatalogEntry> batch;
      batch.reserve(count);
      for (std::size_t i = 0; i < count; ++i) {
        auto c = sink_detail::copy_record<pricefeed_asset>(assets, i, element_size);
        batch.push_back(CatalogEntry{sink_detail::text(c.symbol), sink_detail::text(c.source_id),
                                     sink_detail::text(c.name), c.asset_class, sink_detail::text(c.exchange),
                                     sink_detail::text(c.currency), c.rank});
      }
      return self.consumer_.on_assets(batch);
    });
  }

  CatalogConsumer& consumer_;
};

}  // namespace pricefeed::host
