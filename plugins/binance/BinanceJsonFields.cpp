#include "binance/BinanceJsonFields.hpp"

#include "binance/BinanceDecimal.hpp"
#include "binance/BinanceFormatError.hpp"

namespace pricefeed::binance {

namespace {

[[noreturn]] void wrong(const std::string& path, const char* expected, const nlohmann::json& value) {
  throw BinanceFormatError(path + ": expected " + expected + ", got " + json_type_name(value));
}

}  // namespace

nlohmann::json parse_binance_json(std::string_view body) {
  try {
    return nlohmann::json::parse(body);
  } catch (const nlohmann::json::exception& e) {
    // parse_error, or out_of_range for a number beyond a double (1e999; found by tests/fuzz).
    // e.byte tells where the text stopped making sense; the message's own wording is enough.
    throw BinanceFormatError(std::string("not JSON: ") + e.what());
  }
}

const char* json_type_name(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return "a number";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::object:
      return "an object";
    default:
      return "something else";
  }
}

const nlohmann::json& member(const nlohmann::json& object, const char* key, const std::string& path) {
  if (!object.is_object()) wrong(path, "an object", object);
  const auto it = object.find(key);
  if (it == object.end()) throw BinanceFormatError(path + "." + key + ": missing");
  return *it;
}

std::string string_at(const nlohmann::json& value, const std::string& path) {
  if (!value.is_string()) wrong(path, "a string", value);
  return value.get<std::string>();
}

double decimal_at(const nlohmann::json& value, const std::string& path) {
  if (!value.is_string()) wrong(path, "a decimal string", value);
  const auto& text = value.get_ref<const std::string&>();
  const auto number = parse_binance_decimal(text);
  if (!number)
    throw BinanceFormatError(path + ": expected a decimal string, got '" + text.substr(0, 40) + "'");
  return *number;
}

std::int64_t integer_at(const nlohmann::json& value, const std::string& path) {
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_unsigned() && value.get<std::uint64_t>() <= static_cast<std::uint64_t>(INT64_MAX)) {
    return static_cast<std::int64_t>(value.get<std::uint64_t>());
  }
  wrong(path, "an integer", value);
}

}  // namespace pricefeed::binance
