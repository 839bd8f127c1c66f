#include "binance/BinanceKlinesParser.hpp"

#include <string>

#include "binance/BinanceFormatError.hpp"
#include "binance/BinanceJsonFields.hpp"

namespace pricefeed::binance {

namespace {

// openTime, open, high, low, close, volume, closeTime: the fields a bar is made of.
constexpr std::size_t kFieldsRead = 7;

}  // namespace

std::vector<BinanceKline> parse_binance_klines(std::string_view body) {
  const nlohmann::json document = parse_binance_json(body);
  if (!document.is_array()) {
    throw BinanceFormatError(std::string("klines: expected an array, got ") + json_type_name(document));
  }
  std::vector<BinanceKline> klines;
  klines.reserve(document.size());
  for (std::size_t i = 0; i < document.size(); ++i) {
    const nlohmann::json& row = document[i];
    const std::string path = "klines[" + std::to_string(i) + "]";
    if (!row.is_array()) throw BinanceFormatError(path + ": expected an array, got " + json_type_name(row));
    if (row.size() < kFieldsRead) {
      throw BinanceFormatError(path + ": expected at least " + std::to_string(kFieldsRead) + " fields, got " +
                               std::to_string(row.size()));
    }
    auto at = [&](std::size_t field) { return path + "[" + std::to_string(field) + "]"; };
    BinanceKline k;
    k.open_time_ms = integer_at(row[0], at(0));
    k.open = decimal_at(row[1], at(1));
    k.high = decimal_at(row[2], at(2));
    k.low = decimal_at(row[3], at(3));
    k.close = decimal_at(row[4], at(4));
    k.volume = decimal_at(row[5], at(5));
    k.close_time_ms = integer_at(row[6], at(6));
    if (k.close_time_ms < k.open_time_ms) {
      throw BinanceFormatError(path + ": closes (" + std::to_string(k.close_time_ms) + ") before it opens (" +
                               std::to_string(k.open_time_ms) + ")");
    }
    // Paging continues after the last open time; a kline out of order would make it skip or repeat.
    if (!klines.empty() && k.open_time_ms <= klines.back().open_time_ms) {
      throw BinanceFormatError(path + ": opens at " + std::to_string(k.open_time_ms) +
                               ", not after the kline before it (" +
                               std::to_string(klines.back().open_time_ms) + ")");
    }
    klines.push_back(k);
  }
  return klines;
}

}  // namespace pricefeed::binance
