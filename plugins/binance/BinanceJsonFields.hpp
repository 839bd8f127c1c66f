#pragma once

// Typed reads of single JSON values for the Binance parsers, each failing with BinanceFormatError that
// names the JSON path ("symbols[4].status") and what was there instead.

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace pricefeed::binance {

// The whole body as JSON; a body that does not parse (an HTML page, a truncated answer) throws.
nlohmann::json parse_binance_json(std::string_view body);

// "a string", "an array", ... for messages.
const char* json_type_name(const nlohmann::json& value);

const nlohmann::json& member(const nlohmann::json& object, const char* key, const std::string& path);
std::string string_at(const nlohmann::json& value, const std::string& path);
// A decimal string ("60685.22000000").
double decimal_at(const nlohmann::json& value, const std::string& path);
std::int64_t integer_at(const nlohmann::json& value, const std::string& path);

}  // namespace pricefeed::binance
