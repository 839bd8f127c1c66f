#include "yahoo-api/YahooQuoteParser.hpp"

#include <cmath>
#include <optional>
#include <string>

#include <pricefeed/error.hpp>

#include "upstream/BodyExcerpt.hpp"

namespace pricefeed::yahoo {

namespace {

using nlohmann::json;

[[noreturn]] void malformed(const std::string& path, const std::string& what) {
  throw Error::permanent("Yahoo quote answer is malformed: " + path + " " + what);
}

std::string type_phrase(const json& value) {
  return std::string(value.is_array() || value.is_object() ? "an " : "a ") + value.type_name();
}

void throw_quote_error(const char* root, const json& error) {
  std::string code = "unknown";
  std::string description = error.dump();
  if (error.is_object()) {
    const auto text = [&](const char* key) {
      const auto it = error.find(key);
      return (it != error.end() && it->is_string()) ? it->get<std::string>() : std::string();
    };
    code = text("code");
    description = text("description");
  }
  throw Error::permanent(std::string("Yahoo quote error in ") + root + ".error '" + code +
                         "': " + description);
}

// A number as Yahoo sends it: plain, or {"raw": 1.23, "fmt": "1.23"} when formatting was asked for.
// nullopt when absent or null; a wrong type is reported through `problem`.
std::optional<double> number_field(const json& entry, const char* key, std::string& problem) {
  const auto it = entry.find(key);
  if (it == entry.end() || it->is_null()) return std::nullopt;
  const json* value = &*it;
  if (value->is_object()) {
    const auto raw = value->find("raw");
    if (raw != value->end()) value = &*raw;
  }
  if (value->is_number() && std::isfinite(value->get<double>())) return value->get<double>();
  problem = std::string(key) + " is " + type_phrase(*value) + ", expected a number";
  return std::nullopt;
}

// An optional value: NaN when absent; a wrong type is absent too, with a warning naming it.
double optional_number(const json& entry, const char* key, const std::string& path,
                       std::vector<std::string>& warnings) {
  std::string problem;
  const std::optional<double> value = number_field(entry, key, problem);
  if (!problem.empty()) warnings.push_back(path + "." + problem + "; taken as absent");
  return value.value_or(kAbsent);
}

// One result entry, or nullopt with a warning saying why it is left out.
std::optional<YahooQuote> parse_entry(const json& entry, const std::string& path,
                                      std::vector<std::string>& warnings) {
  if (!entry.is_object()) {
    warnings.push_back(path + " is " + type_phrase(entry) + ", expected an object; left out");
    return std::nullopt;
  }
  const auto symbol = entry.find("symbol");
  if (symbol == entry.end() || !symbol->is_string() || symbol->get<std::string>().empty()) {
    warnings.push_back(path + " has no symbol; left out");
    return std::nullopt;
  }
  YahooQuote quote;
  quote.ticker = symbol->get<std::string>();
  const std::string named = path + " ('" + quote.ticker + "')";

  std::string problem;
  const std::optional<double> price = number_field(entry, "regularMarketPrice", problem);
  if (!price) {
    warnings.push_back(named + (problem.empty() ? " has no regularMarketPrice" : "." + problem) +
                       "; no quote for it");
    return std::nullopt;
  }
  quote.price = *price;
  const std::optional<double> time = number_field(entry, "regularMarketTime", problem);
  if (!time || *time != std::floor(*time)) {
    warnings.push_back(named + (problem.empty() ? " has no whole regularMarketTime" : "." + problem) +
                       "; a price without its time is no quote");
    return std::nullopt;
  }
  quote.ts = static_cast<std::int64_t>(*time);

  if (const auto currency = entry.find("currency"); currency != entry.end() && currency->is_string()) {
    quote.currency = currency->get<std::string>();
  }
  quote.open = optional_number(entry, "regularMarketOpen", named, warnings);
  quote.high = optional_number(entry, "regularMarketDayHigh", named, warnings);
  quote.low = optional_number(entry, "regularMarketDayLow", named, warnings);
  quote.volume = optional_number(entry, "regularMarketVolume", named, warnings);
  quote.previous_close = optional_number(entry, "regularMarketPreviousClose", named, warnings);
  return quote;
}

}  // namespace

YahooQuoteAnswer YahooQuoteParser::parse(const nlohmann::json& body) const {
  if (!body.is_object()) malformed("the body", "is " + type_phrase(body) + ", expected an object");
  // The crumb and cookie refusals come as {"finance":{"result":null,"error":{...}}}.
  if (const auto finance = body.find("finance"); finance != body.end() && finance->is_object()) {
    if (const auto error = finance->find("error"); error != finance->end() && !error->is_null()) {
      throw_quote_error("finance", *error);
    }
  }
  const auto response = body.find("quoteResponse");
  if (response == body.end()) malformed("quoteResponse", "is missing");
  if (!response->is_object())
    malformed("quoteResponse", "is " + type_phrase(*response) + ", expected an object");
  if (const auto error = response->find("error"); error != response->end() && !error->is_null()) {
    throw_quote_error("quoteResponse", *error);
  }
  const auto result = response->find("result");
  if (result == response->end() || result->is_null()) {
    malformed("quoteResponse.result", "is missing or null and quoteResponse.error is null");
  }
  if (!result->is_array()) {
    malformed("quoteResponse.result", "is " + type_phrase(*result) + ", expected an array");
  }

  YahooQuoteAnswer answer;
  answer.quotes.reserve(result->size());
  for (std::size_t i = 0; i < result->size(); ++i) {
    const std::string path = "quoteResponse.result[" + std::to_string(i) + "]";
    if (auto quote = parse_entry((*result)[i], path, answer.warnings))
      answer.quotes.push_back(std::move(*quote));
  }
  return answer;
}

YahooQuoteAnswer YahooQuoteParser::parse_text(std::string_view body) const {
  json document;
  try {
    document = json::parse(body);
  } catch (const json::exception& e) {
    // parse_error, or out_of_range for a number beyond a double (1e999; found by tests/fuzz).
    // Like a chart answer: a cut-off or garbled body (a proxy's error page) is worth a retry.
    throw Error::transient(std::string("Yahoo quote answer is not JSON (") + e.what() + "); it starts with " +
                           upstream::body_excerpt(body));
  }
  return parse(document);
}

}  // namespace pricefeed::yahoo
