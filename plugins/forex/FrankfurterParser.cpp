#include "forex/FrankfurterParser.hpp"

#include <cmath>
#include <optional>

#include <nlohmann/json.hpp>

#include "forex/CurrencyPair.hpp"
#include "forex/MalformedAnswer.hpp"

namespace pricefeed::forex {

namespace {

using nlohmann::json;

json parse_document(std::string_view body) {
  json document = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (document.is_discarded()) throw MalformedAnswer("the answer is not JSON (cut short, or an error page?)");
  if (!document.is_object()) throw MalformedAnswer("the answer is not a JSON object");
  return document;
}

const json& member(const json& object, const char* key, const std::string& path) {
  const auto it = object.find(key);
  if (it == object.end()) throw MalformedAnswer(path + " has no \"" + key + "\"");
  return *it;
}

std::string currency_at(const json& value, const std::string& path) {
  if (!value.is_string() || !is_currency_code(value.get<std::string>())) {
    throw MalformedAnswer(path + " is not a currency code: " + value.dump().substr(0, 40));
  }
  return value.get<std::string>();
}

Day date_at(const std::string& text, const std::string& path) {
  const std::optional<Day> day = parse_iso_date(text);
  if (!day) throw MalformedAnswer(path + " is not a date YYYY-MM-DD: '" + text.substr(0, 40) + "'");
  return *day;
}

// "amount" scales every rate; we never ask for another, so an answer with one is not ours to read.
void expect_unit_amount(const json& document) {
  const auto amount = document.find("amount");
  if (amount == document.end()) return;
  if (!amount->is_number() || amount->get<double>() != 1.0) {
    throw MalformedAnswer("$.amount is " + amount->dump().substr(0, 40) + ", expected 1");
  }
}

FrankfurterRates rates_at(const json& object, const std::string& path) {
  if (!object.is_object()) throw MalformedAnswer(path + " is not an object");
  FrankfurterRates rates;
  for (const auto& [code, value] : object.items()) {
    const std::string where = path + "." + code.substr(0, 40);
    if (!is_currency_code(code)) throw MalformedAnswer(where + ": not a currency code");
    if (!value.is_number() || !std::isfinite(value.get<double>()) || !(value.get<double>() > 0)) {
      throw MalformedAnswer(where + " is not a positive number: " + value.dump().substr(0, 40));
    }
    rates.emplace(code, value.get<double>());
  }
  return rates;
}

}  // namespace

FrankfurterRange parse_frankfurter_range(std::string_view body) {
  const json document = parse_document(body);
  expect_unit_amount(document);
  FrankfurterRange out;
  out.base = currency_at(member(document, "base", "$"), "$.base");
  const json& rates = member(document, "rates", "$");
  if (!rates.is_object()) throw MalformedAnswer("$.rates is not an object keyed by date");
  for (const auto& [date, day_rates] : rates.items()) {
    const std::string path = "$.rates." + date.substr(0, 40);
    out.rates_by_day.emplace(date_at(date, path), rates_at(day_rates, path));
  }
  return out;
}

FrankfurterLatest parse_frankfurter_latest(std::string_view body) {
  const json document = parse_document(body);
  expect_unit_amount(document);
  FrankfurterLatest out;
  out.base = currency_at(member(document, "base", "$"), "$.base");
  const json& date = member(document, "date", "$");
  if (!date.is_string()) throw MalformedAnswer("$.date is not a string");
  out.day = date_at(date.get<std::string>(), "$.date");
  out.rates = rates_at(member(document, "rates", "$"), "$.rates");
  return out;
}

CurrencyNames parse_frankfurter_currencies(std::string_view body) {
  const json document = parse_document(body);
  CurrencyNames names;
  for (const auto& [code, name] : document.items()) {
    const std::string path = "$." + code.substr(0, 40);
    if (!is_currency_code(code)) throw MalformedAnswer(path + ": not a currency code");
    if (!name.is_string() || name.get<std::string>().empty()) {
      throw MalformedAnswer(path + " is not a currency name: " + name.dump().substr(0, 40));
    }
    names.emplace(code, name.get<std::string>());
  }
  if (names.empty()) throw MalformedAnswer("the answer lists no currency");
  return names;
}

}  // namespace pricefeed::forex
