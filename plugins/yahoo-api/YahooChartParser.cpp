#include "yahoo-api/YahooChartParser.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include <pricefeed/error.hpp>

#include "upstream/BodyExcerpt.hpp"
#include "yahoo-api/ExchangeTimeZone.hpp"

namespace pricefeed::yahoo {

namespace {

using nlohmann::json;

// Every structural problem names the JSON path, so an operator reading the job's error knows exactly
// which part of Yahoo's answer changed. Retrying the same answer cannot help: permanent.
[[noreturn]] void malformed(const std::string& path, const std::string& what) {
  throw Error::permanent("Yahoo chart answer is malformed: " + path + " " + what);
}

std::string type_phrase(const json& value) {
  return std::string(value.is_array() || value.is_object() ? "an " : "a ") + value.type_name();
}

const json& member(const json& parent, const std::string& parent_path, const char* key) {
  auto it = parent.find(key);
  if (it == parent.end()) malformed(parent_path.empty() ? key : parent_path + "." + key, "is missing");
  return *it;
}

const json* optional_member(const json& parent, const char* key) {
  auto it = parent.find(key);
  return (it == parent.end() || it->is_null()) ? nullptr : &*it;
}

const json& expect_object(const json& value, const std::string& path) {
  if (!value.is_object()) malformed(path, "is " + type_phrase(value) + ", expected an object");
  return value;
}

const json& expect_array(const json& value, const std::string& path) {
  if (!value.is_array()) malformed(path, "is " + type_phrase(value) + ", expected an array");
  return value;
}

const json& first_element(const json& array, const std::string& path) {
  expect_array(array, path);
  if (array.empty()) malformed(path, "is empty");
  return array.front();
}

double number_or_absent(const json& value, const std::string& path) {
  if (value.is_null()) return kAbsent;
  if (!value.is_number()) malformed(path, "is " + type_phrase(value) + ", expected a number or null");
  return value.get<double>();
}

std::int64_t whole_seconds(const json& value, const std::string& path) {
  if (value.is_number_integer()) return value.get<std::int64_t>();
  if (value.is_number_float()) {
    const double seconds = value.get<double>();
    if (std::isfinite(seconds) && seconds == std::floor(seconds)) return static_cast<std::int64_t>(seconds);
  }
  malformed(path, "is " + type_phrase(value) + ", expected whole unix seconds");
}

std::string optional_string(const json& object, const char* key) {
  const json* value = optional_member(object, key);
  return (value != nullptr && value->is_string()) ? value->get<std::string>() : std::string();
}

double optional_number(const json& object, const char* key) {
  const json* value = optional_member(object, key);
  return (value != nullptr && value->is_number()) ? value->get<double>() : kAbsent;
}

std::optional<std::int64_t> optional_seconds(const json& object, const char* key) {
  const json* value = optional_member(object, key);
  if (value == nullptr || !value->is_number()) return std::nullopt;
  return static_cast<std::int64_t>(std::llround(value->get<double>()));
}

void throw_chart_error(const json& error) {
  std::string code = "unknown";
  std::string description;
  if (error.is_object()) {
    code = optional_string(error, "code");
    description = optional_string(error, "description");
  } else {
    description = error.dump();
  }
  const std::string message = "Yahoo chart error '" + code + "': " + description;
  // "Not Found" is how Yahoo says it has no such ticker (also sent with HTTP 404).
  if (code == "Not Found") throw Error::not_found(message);
  throw Error::permanent(message);
}

YahooChartMeta parse_meta(const json& meta) {
  YahooChartMeta out;
  out.symbol = optional_string(meta, "symbol");
  out.currency = optional_string(meta, "currency");
  out.exchange_name = optional_string(meta, "exchangeName");
  out.exchange_timezone_name = optional_string(meta, "exchangeTimezoneName");
  out.instrument_type = optional_string(meta, "instrumentType");
  out.data_granularity = optional_string(meta, "dataGranularity");
  out.gmtoffset = optional_seconds(meta, "gmtoffset").value_or(0);
  out.first_trade_date = optional_seconds(meta, "firstTradeDate");
  out.regular_market_price = optional_number(meta, "regularMarketPrice");
  out.regular_market_time = optional_seconds(meta, "regularMarketTime");
  out.regular_market_day_high = optional_number(meta, "regularMarketDayHigh");
  out.regular_market_day_low = optional_number(meta, "regularMarketDayLow");
  out.regular_market_volume = optional_number(meta, "regularMarketVolume");
  out.previous_close = optional_number(meta, "previousClose");
  return out;
}

// One of the parallel OHLCV arrays; it must have an entry for every timestamp.
const json& series(const json& quote, const std::string& quote_path, const char* name, std::size_t count) {
  const std::string path = quote_path + "." + name;
  const json& values = expect_array(member(quote, quote_path, name), path);
  if (values.size() != count) {
    malformed(path, "has " + std::to_string(values.size()) + " entries for " + std::to_string(count) +
                        " timestamps");
  }
  return values;
}

std::vector<Bar> parse_bars(const json& result, const std::string& result_path) {
  const json* timestamps = optional_member(result, "timestamp");
  // A range without trading (a weekend, a holiday) comes back with no "timestamp" key at all and
  // indicators.quote [{}]: zero bars, not an error.
  if (timestamps == nullptr) return {};
  const std::string ts_path = result_path + ".timestamp";
  expect_array(*timestamps, ts_path);
  const std::size_t count = timestamps->size();
  if (count == 0) return {};

  const std::string indicators_path = result_path + ".indicators";
  const json& indicators = expect_object(member(result, result_path, "indicators"), indicators_path);
  const std::string quote_path = indicators_path + ".quote[0]";
  const json& quote = expect_object(
      first_element(member(indicators, indicators_path, "quote"), indicators_path + ".quote"), quote_path);
  const json& open = series(quote, quote_path, "open", count);
  const json& high = series(quote, quote_path, "high", count);
  const json& low = series(quote, quote_path, "low", count);
  const json& close = series(quote, quote_path, "close", count);
  const json& volume = series(quote, quote_path, "volume", count);

  // adjclose is only sent for daily and longer bars; when absent every adj_close stays NaN.
  const json* adjclose = nullptr;
  if (const json* adj = optional_member(indicators, "adjclose"); adj != nullptr) {
    const std::string adj_path = indicators_path + ".adjclose[0]";
    const json& first = expect_object(first_element(*adj, indicators_path + ".adjclose"), adj_path);
    if (optional_member(first, "adjclose") != nullptr) adjclose = &series(first, adj_path, "adjclose", count);
  }

  std::vector<Bar> bars;
  bars.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const std::string index = "[" + std::to_string(i) + "]";
    const json& ts = (*timestamps)[i];
    // A null close means Yahoo has no trade for that slot: the bar is left out, never stored as 0.
    if (ts.is_null() || close[i].is_null()) continue;
    Bar bar;
    bar.ts = whole_seconds(ts, ts_path + index);
    bar.close = number_or_absent(close[i], quote_path + ".close" + index);
    bar.open = number_or_absent(open[i], quote_path + ".open" + index);
    bar.high = number_or_absent(high[i], quote_path + ".high" + index);
    bar.low = number_or_absent(low[i], quote_path + ".low" + index);
    bar.volume = number_or_absent(volume[i], quote_path + ".volume" + index);
    if (adjclose != nullptr) {
      bar.adj_close = number_or_absent((*adjclose)[i], indicators_path + ".adjclose[0].adjclose" + index);
    }
    bars.push_back(bar);
  }
  return bars;
}

// The instant of an event: its "date" member, else the timestamp string it is keyed by.
std::int64_t event_instant(const std::string& key, const json& event, const std::string& path) {
  if (const json* date = optional_member(event, "date"); date != nullptr) {
    return whole_seconds(*date, path + ".date");
  }
  std::int64_t seconds = 0;
  const auto [end, error] = std::from_chars(key.data(), key.data() + key.size(), seconds);
  if (error != std::errc() || end != key.data() + key.size()) {
    malformed(path, "has no date and its key is not unix seconds");
  }
  return seconds;
}

// A split's ratio from numerator/denominator, else from splitRatio ("4:1", "1/10").
std::pair<double, double> split_ratio(const json& split, const std::string& path) {
  const json* numerator = optional_member(split, "numerator");
  const json* denominator = optional_member(split, "denominator");
  if (numerator != nullptr && denominator != nullptr) {
    return {number_or_absent(*numerator, path + ".numerator"),
            number_or_absent(*denominator, path + ".denominator")};
  }
  const std::string ratio = optional_string(split, "splitRatio");
  const std::size_t separator = ratio.find_first_of(":/");
  if (separator != std::string::npos) {
    double a = 0;
    double b = 0;
    const char* text = ratio.data();
    const auto first = std::from_chars(text, text + separator, a);
    const auto second = std::from_chars(text + separator + 1, text + ratio.size(), b);
    if (first.ec == std::errc() && second.ec == std::errc() && first.ptr == text + separator &&
        second.ptr == text + ratio.size()) {
      return {a, b};
    }
  }
  malformed(path, "has neither numerator/denominator nor a readable splitRatio");
}

void check_positive(double value, const std::string& path) {
  if (!(value > 0)) malformed(path, "is " + std::to_string(value) + ", expected a positive number");
}

std::vector<Action> parse_actions(const json& result, const std::string& result_path,
                                  const ExchangeTimeZone& zone) {
  std::vector<Action> actions;
  const json* events = optional_member(result, "events");
  if (events == nullptr) return actions;
  const std::string events_path = result_path + ".events";
  expect_object(*events, events_path);

  if (const json* dividends = optional_member(*events, "dividends"); dividends != nullptr) {
    const std::string path = events_path + ".dividends";
    for (const auto& [key, dividend] : expect_object(*dividends, path).items()) {
      const std::string item_path = path + "[\"" + key + "\"]";
      expect_object(dividend, item_path);
      Action action;
      action.kind = Action::Kind::dividend;
      action.ts = zone.trading_date_ts(event_instant(key, dividend, item_path));
      action.amount = number_or_absent(member(dividend, item_path, "amount"), item_path + ".amount");
      if (std::isnan(action.amount)) malformed(item_path + ".amount", "is null");
      actions.push_back(action);
    }
  }
  if (const json* splits = optional_member(*events, "splits"); splits != nullptr) {
    const std::string path = events_path + ".splits";
    for (const auto& [key, split] : expect_object(*splits, path).items()) {
      const std::string item_path = path + "[\"" + key + "\"]";
      expect_object(split, item_path);
      Action action;
      action.kind = Action::Kind::split;
      action.ts = zone.trading_date_ts(event_instant(key, split, item_path));
      std::tie(action.numerator, action.denominator) = split_ratio(split, item_path);
      check_positive(action.numerator, item_path + ".numerator");
      check_positive(action.denominator, item_path + ".denominator");
      actions.push_back(action);
    }
  }
  std::stable_sort(actions.begin(), actions.end(), [](const Action& a, const Action& b) {
    return a.ts != b.ts ? a.ts < b.ts : a.kind < b.kind;
  });
  return actions;
}

// Sorted by ts with one bar per ts. Yahoo can send the day's finished bar and a live bar that both
// land on one trading date; the later one in the answer is the fresher, so it wins. Two rows for one
// key would also make a single upsert batch touch the same database row twice.
void keep_last_bar_per_ts(std::vector<Bar>& bars, std::vector<std::string>& warnings) {
  std::stable_sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) { return a.ts < b.ts; });
  std::vector<Bar> unique;
  unique.reserve(bars.size());
  for (const Bar& bar : bars) {
    if (!unique.empty() && unique.back().ts == bar.ts) {
      warnings.push_back("two bars for " + iso_date_utc(bar.ts) + " (ts " + std::to_string(bar.ts) +
                         "); kept the later one");
      unique.back() = bar;
    } else {
      unique.push_back(bar);
    }
  }
  bars = std::move(unique);
}

}  // namespace

YahooChart YahooChartParser::parse(const nlohmann::json& body) const {
  expect_object(body, "the body");
  const json& chart = expect_object(member(body, "", "chart"), "chart");
  if (const json* error = optional_member(chart, "error"); error != nullptr) throw_chart_error(*error);

  const std::string result_path = "chart.result[0]";
  const json* results = optional_member(chart, "result");
  if (results == nullptr) malformed("chart.result", "is missing or null and chart.error is null");
  const json& result = expect_object(first_element(*results, "chart.result"), result_path);

  YahooChart out;
  const std::string meta_path = result_path + ".meta";
  const json& meta = expect_object(member(result, result_path, "meta"), meta_path);
  out.meta = parse_meta(meta);

  const bool has_zone_name = !out.meta.exchange_timezone_name.empty();
  const bool has_offset = optional_member(meta, "gmtoffset") != nullptr;
  const ExchangeTimeZone zone =
      ExchangeTimeZone::resolve(out.meta.exchange_timezone_name, out.meta.gmtoffset);
  if (has_zone_name && zone.uses_fixed_offset()) {
    out.warnings.push_back("exchange time zone '" + out.meta.exchange_timezone_name +
                           "' is unknown to the tz database; trading dates use " + zone.describe());
  }

  out.bars = parse_bars(result, result_path);
  out.actions = parse_actions(result, result_path, zone);

  const bool needs_dates = !out.actions.empty() || (resolution_ == Resolution::day && !out.bars.empty());
  if (needs_dates && !has_zone_name && !has_offset) {
    malformed(meta_path, "has neither exchangeTimezoneName nor gmtoffset, so trading dates are unknown");
  }
  if (resolution_ == Resolution::day) {
    for (Bar& bar : out.bars)
      bar.ts = zone.trading_date_ts(bar.ts);
  }
  keep_last_bar_per_ts(out.bars, out.warnings);
  return out;
}

YahooChart YahooChartParser::parse_text(std::string_view body) const {
  json document;
  try {
    document = json::parse(body);
  } catch (const json::exception& e) {
    // parse_error, or out_of_range for a number beyond a double (1e999; found by tests/fuzz).
    // A body that does not parse is a cut-off or garbled answer (a proxy's error page, a dropped
    // connection), not a changed format: worth a retry, never data.
    throw Error::transient(std::string("Yahoo chart answer is not JSON (") + e.what() + "); it starts with " +
                           upstream::body_excerpt(body));
  }
  return parse(document);
}

}  // namespace pricefeed::yahoo
