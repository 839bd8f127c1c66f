#include "coingecko/CoinGeckoJsonFields.hpp"

#include <pricefeed/records.hpp>

#include "coingecko/CoinGeckoFormatError.hpp"

namespace pricefeed::coingecko {

using nlohmann::json;

json parse_coingecko_json(std::string_view body) {
  try {
    return json::parse(body);
  } catch (const json::exception& e) {
    // parse_error for broken syntax, out_of_range for a number beyond a double (1e999): either way
    // not an answer to read (found by tests/fuzz).
    throw CoinGeckoFormatError(std::string("not JSON (") + e.what() + ")");
  }
}

json parse_coin_array(std::string_view body) {
  json document = parse_coingecko_json(body);
  if (!document.is_array()) {
    throw CoinGeckoFormatError(std::string("expected an array of coins, got ") + document.type_name());
  }
  return document;
}

const json& coin_at(const json& listing, std::size_t i) {
  const json& coin = listing[i];
  if (!coin.is_object())
    throw CoinGeckoFormatError(coin_path(i) + ": expected an object, got " + coin.type_name());
  return coin;
}

std::string coin_path(std::size_t i) {
  return "[" + std::to_string(i) + "]";
}

std::string string_member(const json& object, const std::string& path, const char* key, bool required) {
  const auto it = object.find(key);
  if (it != object.end() && it->is_string()) return it->get<std::string>();
  if (!required && (it == object.end() || it->is_null())) return {};
  throw CoinGeckoFormatError(path + "." + key + ": expected a string");
}

double number_member(const json& object, const std::string& path, const std::string& key) {
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return kAbsent;
  if (!it->is_number()) {
    throw CoinGeckoFormatError(path + "." + key + ": expected a number, got " + it->dump().substr(0, 40));
  }
  return it->get<double>();
}

}  // namespace pricefeed::coingecko
