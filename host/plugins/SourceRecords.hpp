// What sources answer, as the host keeps it: copies of the plugin's records, owning their strings.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

namespace pricefeed::host {

inline constexpr double kAbsent = std::numeric_limits<double>::quiet_NaN();

struct Bar {
  std::int64_t ts = 0;  // unix seconds, UTC; a daily bar's is 00:00 UTC of its trading date
  double open = kAbsent;
  double high = kAbsent;
  double low = kAbsent;
  double close = kAbsent;
  double adj_close = kAbsent;
  double volume = kAbsent;
};

struct CorporateAction {
  enum class Kind { dividend, split };
  Kind kind = Kind::dividend;
  std::int64_t ts = 0;
  double amount = kAbsent;
  double numerator = kAbsent;
  double denominator = kAbsent;
};

struct Quote {
  std::string symbol;
  double price = kAbsent;
  std::string currency;
  std::int64_t ts = 0;
  double open = kAbsent;
  double high = kAbsent;
  double low = kAbsent;
  double volume = kAbsent;
  double previous_close = kAbsent;
};

struct CatalogEntry {
  std::string symbol;
  std::string source_id;
  std::string name;
  std::uint32_t asset_class = 0;  // PRICEFEED_CLASS_* bit
  std::string exchange;
  std::string currency;
  std::int32_t rank = 0;
};

struct HistoryQuery {
  std::string symbol;
  std::string source_id;
  std::uint32_t asset_class = 0;  // PRICEFEED_CLASS_* bit
  std::uint32_t resolution = 0;   // PRICEFEED_RES_* bit
  std::int64_t start = 0;         // unix seconds, inclusive
  std::int64_t end = 0;           // unix seconds, exclusive
};

struct QuoteQuery {
  std::vector<std::string> symbols;
  std::vector<std::string> source_ids;  // parallel to symbols; empty entries when unknown
  std::uint32_t asset_class = 0;
};

// Receivers of streamed results. Returning false asks the plugin to stop.
class HistoryConsumer {
 public:
  virtual ~HistoryConsumer() = default;
  virtual bool on_bars(std::span<const Bar> bars) = 0;
  virtual bool on_action(const CorporateAction& /*action*/) { return true; }
  virtual bool on_unavailable(std::int64_t /*start*/, std::int64_t /*end*/, const std::string& /*reason*/) {
    return true;
  }
};

class QuoteConsumer {
 public:
  virtual ~QuoteConsumer() = default;
  virtual bool on_quotes(std::span<const Quote> quotes) = 0;
};

class CatalogConsumer {
 public:
  virtual ~CatalogConsumer() = default;
  virtual bool on_assets(std::span<const CatalogEntry> assets) = 0;
};

}  // namespace pricefeed::host
