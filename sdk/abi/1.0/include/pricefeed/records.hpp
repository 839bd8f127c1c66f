// The C++ forms of what a source is asked for and what it answers.
#ifndef PRICEFEED_RECORDS_HPP
#define PRICEFEED_RECORDS_HPP

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "pricefeed/sdk.h"

namespace pricefeed {

inline constexpr double kAbsent = std::numeric_limits<double>::quiet_NaN();

enum class AssetClass : std::uint32_t {
  stock = PRICEFEED_CLASS_STOCK,
  crypto = PRICEFEED_CLASS_CRYPTO,
  commodity = PRICEFEED_CLASS_COMMODITY,
  forex = PRICEFEED_CLASS_FOREX,
  bond = PRICEFEED_CLASS_BOND,
};

enum class Resolution : std::uint32_t {
  day = PRICEFEED_RES_1D,
  hour = PRICEFEED_RES_1H,
  minute = PRICEFEED_RES_1M,
};

inline const char* asset_class_name(AssetClass c) noexcept {
  switch (c) {
    case AssetClass::stock:
      return "stock";
    case AssetClass::crypto:
      return "crypto";
    case AssetClass::commodity:
      return "commodity";
    case AssetClass::forex:
      return "forex";
    case AssetClass::bond:
      return "bond";
  }
  return "?";
}

inline const char* resolution_name(Resolution r) noexcept {
  switch (r) {
    case Resolution::day:
      return "1d";
    case Resolution::hour:
      return "1h";
    case Resolution::minute:
      return "1m";
  }
  return "?";
}

// A daily bar's ts is 00:00 UTC of its trading date; intraday bars keep their real open instant.
struct Bar {
  std::int64_t ts = 0;  // unix seconds, UTC
  double open = kAbsent;
  double high = kAbsent;
  double low = kAbsent;
  double close = kAbsent;
  double adj_close = kAbsent;
  double volume = kAbsent;
};

struct Action {
  enum class Kind : std::int32_t { dividend = PRICEFEED_ACTION_DIVIDEND, split = PRICEFEED_ACTION_SPLIT };
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

struct Asset {
  std::string symbol;
  std::string source_id;
  std::string name;
  AssetClass asset_class = AssetClass::stock;
  std::string exchange;
  std::string currency;
  std::int32_t rank = 0;
};

struct HistoryRequest {
  std::string symbol;
  std::string source_id;  // empty when the catalog knows none
  AssetClass asset_class = AssetClass::stock;
  Resolution resolution = Resolution::day;
  std::int64_t start = 0;  // unix seconds, inclusive
  std::int64_t end = 0;    // unix seconds, exclusive

  // The id to send to the source: its own when known, else pricefeed's symbol.
  const std::string& id() const noexcept { return source_id.empty() ? symbol : source_id; }
};

struct QuoteRequest {
  std::vector<std::string> symbols;
  std::vector<std::string> source_ids;  // parallel to symbols; empty entries when unknown
  AssetClass asset_class = AssetClass::stock;

  const std::string& id(std::size_t i) const noexcept {
    return source_ids[i].empty() ? symbols[i] : source_ids[i];
  }
};

}  // namespace pricefeed

#endif  // PRICEFEED_RECORDS_HPP
