#pragma once

// Typed reads of CoinGecko's JSON answers for its parsers, each failing with CoinGeckoFormatError that
// names the JSON path ("[4].symbol", "bitcoin.usd") and what was there instead.

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace pricefeed::coingecko {

// The whole body as JSON; a body that does not parse (an HTML error page, a cut-off answer) throws.
nlohmann::json parse_coingecko_json(std::string_view body);

// The body of a coin listing (/coins/list, /coins/markets): an array of coins.
nlohmann::json parse_coin_array(std::string_view body);

// The i-th coin of a listing, which must be an object.
const nlohmann::json& coin_at(const nlohmann::json& listing, std::size_t i);

// The path of the i-th element of a coin listing: "[i]".
std::string coin_path(std::size_t i);

// A string member of `object` (at `path`). A required one must be a string; an optional one may also
// be absent or null, which reads as "".
std::string string_member(const nlohmann::json& object, const std::string& path, const char* key,
                          bool required);

// A number member of `object` (at `path`): kAbsent when absent or null.
double number_member(const nlohmann::json& object, const std::string& path, const std::string& key);

}  // namespace pricefeed::coingecko
