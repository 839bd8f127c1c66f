#include "binance/BinanceTickerPriceParser.hpp"

#include "binance/BinanceFormatError.hpp"
#include "binance/BinanceJsonFields.hpp"

namespace pricefeed::binance {

namespace {

BinanceTickerPrice ticker_of(const nlohmann::json& object, const std::string& path) {
  if (!object.is_object()) {
    throw BinanceFormatError(path + ": expected an object, got " + json_type_name(object));
  }
  BinanceTickerPrice out;
  out.pair = string_at(member(object, "symbol", path), path + ".symbol");
  out.price = decimal_at(member(object, "price", path), path + ".price");
  return out;
}

}  // namespace

std::vector<BinanceTickerPrice> parse_binance_ticker_prices(std::string_view body) {
  const nlohmann::json document = parse_binance_json(body);
  if (document.is_object()) return {ticker_of(document, "ticker")};
  if (!document.is_array()) {
    throw BinanceFormatError(std::string("ticker: expected an object or an array, got ") +
                             json_type_name(document));
  }
  std::vector<BinanceTickerPrice> out;
  out.reserve(document.size());
  for (std::size_t i = 0; i < document.size(); ++i) {
    out.push_back(ticker_of(document[i], "ticker[" + std::to_string(i) + "]"));
  }
  return out;
}

}  // namespace pricefeed::binance
