#include "forex/EcbCsvParser.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <vector>

#include "forex/CsvRecords.hpp"
#include "forex/CurrencyPair.hpp"
#include "forex/MalformedAnswer.hpp"

namespace pricefeed::forex {

namespace {

constexpr std::size_t kMissing = static_cast<std::size_t>(-1);

struct Columns {
  std::size_t currency = kMissing, time_period = kMissing, obs_value = kMissing;
  std::size_t freq = kMissing, currency_denom = kMissing, exr_type = kMissing, exr_suffix = kMissing;
  std::size_t unit_mult = kMissing, title = kMissing;
};

std::string shown(std::string_view text) {
  return "'" + std::string(text.substr(0, 40)) + (text.size() > 40 ? "...'" : "'");
}

Columns find_columns(const CsvRecord& header) {
  Columns c;
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string_view name = header.fields[i];
    // A UTF-8 byte order mark would hide the first column's name.
    if (i == 0 && name.substr(0, 3) == "\xEF\xBB\xBF") name.remove_prefix(3);
    std::size_t* slot = name == "CURRENCY"         ? &c.currency
                        : name == "TIME_PERIOD"    ? &c.time_period
                        : name == "OBS_VALUE"      ? &c.obs_value
                        : name == "FREQ"           ? &c.freq
                        : name == "CURRENCY_DENOM" ? &c.currency_denom
                        : name == "EXR_TYPE"       ? &c.exr_type
                        : name == "EXR_SUFFIX"     ? &c.exr_suffix
                        : name == "UNIT_MULT"      ? &c.unit_mult
                        : name == "TITLE"          ? &c.title
                                                   : nullptr;
    if (slot == nullptr) continue;
    if (*slot != kMissing) throw MalformedAnswer("the header names column " + std::string(name) + " twice");
    *slot = i;
  }
  std::string missing;
  if (c.currency == kMissing) missing += " CURRENCY";
  if (c.time_period == kMissing) missing += " TIME_PERIOD";
  if (c.obs_value == kMissing) missing += " OBS_VALUE";
  if (!missing.empty()) {
    throw MalformedAnswer("not an SDMX CSV answer of exchange rates: the first line lacks the column(s)" +
                          missing);
  }
  return c;
}

// A column that, when present, must hold one value on every row (what was asked for).
void expect(const CsvRecord& row, std::size_t column, std::string_view name, std::string_view wanted) {
  if (column == kMissing) return;
  const std::string& value = row.fields[column];
  if (value != wanted) {
    throw MalformedAnswer("line " + std::to_string(row.line) + ": " + std::string(name) + " is " +
                          shown(value) + ", expected '" + std::string(wanted) + "'");
  }
}

// nullopt: no observation that day (empty or NaN). Otherwise a finite rate > 0.
std::optional<double> observation(const CsvRecord& row, std::size_t column) {
  const std::string& text = row.fields[column];
  if (text.empty() || text == "NaN" || text == "NAN" || text == "nan") return std::nullopt;
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || !std::isfinite(value) || !(value > 0)) {
    throw MalformedAnswer("line " + std::to_string(row.line) + ": OBS_VALUE " + shown(text) +
                          " is not a positive number");
  }
  return value;
}

}  // namespace

std::map<std::string, EcbSeries, std::less<>> parse_ecb_exchange_rates(std::string_view body) {
  // Told apart before any CSV rule applies, so an HTML page or an error text is called what it is
  // rather than "a quote inside an unquoted field".
  const std::string_view first_line = body.substr(0, body.find('\n'));
  if (first_line.find("TIME_PERIOD") == std::string_view::npos ||
      first_line.find("OBS_VALUE") == std::string_view::npos) {
    throw MalformedAnswer(
        "not an SDMX CSV answer of exchange rates: the first line has no TIME_PERIOD and "
        "OBS_VALUE columns");
  }
  const CsvText csv = read_csv_records(body);
  if (csv.records.empty()) throw MalformedAnswer("the answer is empty: no header line");
  const CsvRecord& header = csv.records.front();
  const Columns columns = find_columns(header);
  if (!csv.ends_with_line_break) {
    throw MalformedAnswer("the last line (" + std::to_string(csv.records.back().line) +
                          ") has no line break: the answer was cut short");
  }

  std::map<std::string, EcbSeries, std::less<>> out;
  for (std::size_t r = 1; r < csv.records.size(); ++r) {
    const CsvRecord& row = csv.records[r];
    if (row.fields.size() != header.fields.size()) {
      throw MalformedAnswer("line " + std::to_string(row.line) + " has " + std::to_string(row.fields.size()) +
                            " fields, the header " + std::to_string(header.fields.size()) +
                            ": the answer is cut short or garbled");
    }
    expect(row, columns.freq, "FREQ", "D");
    expect(row, columns.currency_denom, "CURRENCY_DENOM", kEuro);
    expect(row, columns.exr_type, "EXR_TYPE", "SP00");
    expect(row, columns.exr_suffix, "EXR_SUFFIX", "A");
    if (columns.unit_mult != kMissing && !row.fields[columns.unit_mult].empty()) {
      expect(row, columns.unit_mult, "UNIT_MULT", "0");
    }

    const std::string& currency = row.fields[columns.currency];
    if (!is_currency_code(currency)) {
      throw MalformedAnswer("line " + std::to_string(row.line) + ": CURRENCY " + shown(currency) +
                            " is not a currency code");
    }
    const std::optional<Day> day = parse_iso_date(row.fields[columns.time_period]);
    if (!day) {
      throw MalformedAnswer("line " + std::to_string(row.line) + ": TIME_PERIOD " +
                            shown(row.fields[columns.time_period]) + " is not a date YYYY-MM-DD");
    }

    EcbSeries& series = out[currency];
    if (series.currency.empty()) series.currency = currency;
    if (columns.title != kMissing && series.title.empty()) series.title = row.fields[columns.title];
    if (const std::optional<double> value = observation(row, columns.obs_value)) {
      series.rates.push_back({*day, *value});
    }
  }

  for (auto& [currency, series] : out) {
    std::stable_sort(series.rates.begin(), series.rates.end(),
                     [](const DailyRate& a, const DailyRate& b) { return a.day < b.day; });
    const auto twice =
        std::adjacent_find(series.rates.begin(), series.rates.end(),
                           [](const DailyRate& a, const DailyRate& b) { return a.day == b.day; });
    if (twice != series.rates.end()) {
      throw MalformedAnswer(currency + " has two observations for " + iso_date(twice->day));
    }
  }
  return out;
}

std::string currency_name_from_ecb_title(std::string_view title) {
  const auto slash = title.find('/');
  if (slash == std::string_view::npos || slash == 0) return {};
  std::string_view name = title.substr(0, slash);
  while (!name.empty() && name.back() == ' ')
    name.remove_suffix(1);
  return std::string(name);
}

}  // namespace pricefeed::forex
