// pricefeed::Source — the base class a plugin subclasses. Override what the source serves; the
// defaults answer "unsupported". The subclass is constructed as T(Host&, const Config&) and declares
// its descriptor as `static constexpr pricefeed::SourceInfo info{...}`.
#ifndef PRICEFEED_SOURCE_HPP
#define PRICEFEED_SOURCE_HPP

#include <cstdint>
#include <string>
#include <string_view>

#include "pricefeed/error.hpp"
#include "pricefeed/host.hpp"
#include "pricefeed/records.hpp"
#include "pricefeed/sinks.hpp"

namespace pricefeed {

struct SourceInfo {
  const char* name;  // [a-z0-9_-]+, the default [sources.X] table it serves
  const char* version;
  const char* description;
  std::uint32_t asset_classes;  // PRICEFEED_CLASS_* mask
  std::uint32_t capabilities;   // PRICEFEED_CAP_* mask
  std::uint32_t resolutions;    // PRICEFEED_RES_* mask
  std::uint32_t max_quote_batch = 1;
  std::int64_t max_history_span_seconds = 0;  // 0: no limit
  bool thread_safe = false;
};

class Source {
 public:
  virtual ~Source() = default;

  virtual void fetch_history(Host& /*host*/, const HistoryRequest& /*request*/, HistorySink& /*sink*/) {
    throw Error::unsupported("this source serves no history");
  }
  virtual void fetch_quotes(Host& /*host*/, const QuoteRequest& /*request*/, QuoteSink& /*sink*/) {
    throw Error::unsupported("this source serves no quotes");
  }
  // asset_classes: the PRICEFEED_CLASS_* mask the host wants listed.
  virtual void list_assets(Host& /*host*/, std::uint32_t /*asset_classes*/, AssetSink& /*sink*/) {
    throw Error::unsupported("this source has no catalog");
  }
  // This source's id for pricefeed's symbol (a CoinGecko coin id for "BTC", say).
  virtual std::string resolve_symbol(Host& /*host*/, std::string_view /*symbol*/, AssetClass /*c*/) {
    throw Error::unsupported("this source resolves no symbols");
  }
};

}  // namespace pricefeed

#endif  // PRICEFEED_SOURCE_HPP
