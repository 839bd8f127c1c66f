// The ECB Data Portal's SDMX REST API (data-api.ecb.europa.eu/service), EXR dataflow, as CSV:
//   GET /service/data/EXR/{key}   ecb.exr
// key: FREQ.CURRENCY.CURRENCY_DENOM.EXR_TYPE.EXR_SUFFIX (D.USD.EUR.SP00.A); a dimension may join
// several codes with '+' (D.USD+GBP.EUR.SP00.A) or be empty for all (D..EUR.SP00.A). Only the daily
// euro reference rates exist (D.*.EUR.SP00.A); any other key matches nothing.
// Query: startPeriod / endPeriod (YYYY-MM-DD, YYYY-MM or YYYY), lastNObservations /
// firstNObservations (per series), detail=full (default: the 32 columns of
// tests/fixtures/ecb/EXR-D.USD.EUR.SP00.A-csvdata-fullcolumns.THIRD-PARTY.csv) or dataonly (its first
// 8), format=csvdata (or Accept: text/csv; the other SDMX formats are not served: 406).
// Rows are grouped by series (currencies in alphabetical order), oldest first, each line ended by LF.
// A query matching no observation is 404 "No results found." (an unknown currency, a weekend) — the
// body text is our choice, not recorded. A malformed key is 400. Rates come from EcbReferenceRates.
#include <algorithm>
#include <optional>
#include <vector>

#include "tests/sandbox/EcbReferenceRates.hpp"
#include "tests/sandbox/Sandbox.hpp"

namespace pricefeed::sandbox {

namespace {

using namespace std::chrono;

// The full column set, in the ECB's order.
constexpr std::string_view kFullColumns[] = {
    "KEY",         "FREQ",      "CURRENCY",      "CURRENCY_DENOM",  "EXR_TYPE",      "EXR_SUFFIX",
    "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS",    "OBS_CONF",        "OBS_PRE_BREAK", "OBS_COM",
    "TIME_FORMAT", "BREAKS",    "COLLECTION",    "COMPILING_ORG",   "DISS_ORG",      "DOM_SER_IDS",
    "PUBL_ECB",    "PUBL_MU",   "PUBL_PUBLIC",   "UNIT_INDEX_BASE", "COMPILATION",   "COVERAGE",
    "DECIMALS",    "NAT_TITLE", "SOURCE_AGENCY", "SOURCE_PUB",      "TITLE",         "TITLE_COMPL",
    "UNIT",        "UNIT_MULT"};
constexpr std::size_t kDataOnlyColumns = 8;  // KEY ... OBS_VALUE

Response ecb_error(unsigned status) {
  switch (status) {
    case 400:
      return Response::text(400, "Syntax error");
    case 404:
      return Response::text(404, "No results found.");
    case 406:
      return Response::text(406, "Not Acceptable");
    case 418:
    case 429:
      return Response::text(status, "Too Many Requests");
    case 501:
      return Response::text(501, "Not implemented");
    case 503:
      return Response::text(503, "Service Unavailable");
    default:
      return Response::text(status, "Internal Server Error");
  }
}

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = text.find(separator, start);
    out.emplace_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) return out;
    start = at + 1;
  }
}

// One dimension of the key: empty (all values) or one of its '+'-joined codes.
bool dimension_allows(const std::string& dimension, std::string_view code) {
  if (dimension.empty()) return true;
  for (const std::string& one : split(dimension, '+'))
    if (one == code) return true;
  return false;
}

// startPeriod / endPeriod: YYYY-MM-DD, YYYY-MM or YYYY; a month or a year starts (or ends) the period
// at its first (or last) day.
std::optional<sys_days> period_bound(const std::string& text, bool end) {
  if (auto day = parse_iso_date(text)) return day;
  auto number = [&](std::size_t from, std::size_t count) -> std::optional<int> {
    if (text.size() < from + count) return std::nullopt;
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  if (text.size() == 4) {
    auto y = number(0, 4);
    if (!y) return std::nullopt;
    return end ? sys_days{year{*y} / December / 31} : sys_days{year{*y} / January / 1};
  }
  if (text.size() == 7 && text[4] == '-') {
    auto y = number(0, 4), m = number(5, 2);
    if (!y || !m || *m < 1 || *m > 12) return std::nullopt;
    const year_month ym{year{*y}, month{static_cast<unsigned>(*m)}};
    return end ? sys_days{ym / last} : sys_days{ym / 1};
  }
  return std::nullopt;
}

std::optional<std::size_t> count_param(const Request& req, const char* name, bool& bad) {
  auto text = req.param(name);
  if (!text) return std::nullopt;
  if (text->empty() || text->size() > 6 ||
      !std::all_of(text->begin(), text->end(), [](char c) { return c >= '0' && c <= '9'; }) || *text == "0") {
    bad = true;
    return std::nullopt;
  }
  return static_cast<std::size_t>(std::stoul(*text));
}

std::string csv_field(std::string_view value) {
  if (value.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// One observation's row, with the values the real full answer carries for a daily reference rate.
std::string row(const EcbCurrency& currency, const EcbRate& rate, std::size_t columns) {
  const std::string code(currency.code);
  const std::string title = std::string(currency.ecb_name) + "/Euro";
  const std::string values[] = {"EXR.D." + code + ".EUR.SP00.A",
                                "D",
                                code,
                                "EUR",
                                "SP00",
                                "A",
                                iso_date(rate.day),
                                EcbReferenceRates::format(rate),
                                "A",
                                "F",
                                "",
                                "",
                                "P1D",
                                "",
                                "A",
                                "",
                                "",
                                "",
                                "",
                                "",
                                "",
                                "99Q1=100",
                                "",
                                "",
                                std::to_string(rate.decimals),
                                "",
                                "4F0",
                                "",
                                title + " ECB reference exchange rate",
                                "ECB reference exchange rate, " + title + ", 2.15 pm (C.E.T.)",
                                code,
                                "0"};
  static_assert(std::size(values) == std::size(kFullColumns));
  std::string out;
  for (std::size_t i = 0; i < columns; ++i)
    out += (i == 0 ? "" : ",") + csv_field(values[i]);
  return out + "\n";
}

Response exchange_rates(const EcbReferenceRates& ecb, const Request& req) {
  const std::vector<std::string> key = split(req.params.at("key"), '.');
  if (key.size() != 5) return ecb_error(400);

  const std::string format = req.param("format").value_or("");
  const bool csv_accepted = req.header("Accept").value_or("").find("text/csv") != std::string::npos;
  if (format != "csvdata" && !(format.empty() && csv_accepted)) return ecb_error(406);
  const std::string detail = req.param("detail").value_or("full");
  if (detail != "full" && detail != "dataonly") return ecb_error(501);
  const std::size_t columns = detail == "dataonly" ? kDataOnlyColumns : std::size(kFullColumns);

  sys_days from = kEuroFirstDay;
  sys_days to = floor<days>(req.now) + days{1};
  if (auto text = req.param("startPeriod")) {
    auto day = period_bound(*text, false);
    if (!day) return ecb_error(400);
    from = std::max(from, *day);
  }
  if (auto text = req.param("endPeriod")) {
    auto day = period_bound(*text, true);
    if (!day) return ecb_error(400);
    to = std::min(to, *day);
  }
  bool bad = false;
  const std::optional<std::size_t> last_n = count_param(req, "lastNObservations", bad);
  const std::optional<std::size_t> first_n = count_param(req, "firstNObservations", bad);
  if (bad) return ecb_error(400);

  std::string body;
  for (std::size_t i = 0; i < columns; ++i)
    body += std::string(i == 0 ? "" : ",") + std::string(kFullColumns[i]);
  body += "\n";
  bool any = false;
  const bool daily_euro_spot = dimension_allows(key[0], "D") && dimension_allows(key[2], "EUR") &&
                               dimension_allows(key[3], "SP00") && dimension_allows(key[4], "A");
  for (const EcbCurrency& currency : ecb_currencies()) {
    if (!daily_euro_spot || !dimension_allows(key[1], currency.code) || from > to) continue;
    std::vector<EcbRate> rates = ecb.rates(currency.code, from, to, req.now);
    if (first_n && rates.size() > *first_n) rates.resize(*first_n);
    if (last_n && rates.size() > *last_n)
      rates.erase(rates.begin(), rates.end() - static_cast<long>(*last_n));
    for (const EcbRate& rate : rates) {
      body += row(currency, rate, columns);
      any = true;
    }
  }
  if (!any) return ecb_error(404);
  Response out;
  out.content_type = "text/csv";
  out.body = std::move(body);
  return out;
}

// A CSV cut inside a row (never at a line break): what a reader must refuse rather than use its
// complete lines.
Response cut_inside_a_row(const Response& normal, const Request&) {
  Response out = normal;
  out.status = 200;
  out.content_type = "text/csv";
  std::size_t cut = std::max<std::size_t>(out.body.size() / 2, 1);
  while (cut > 1 && (out.body[cut - 1] == '\n' || out.body[cut - 1] == ','))
    --cut;
  out.body.resize(std::min(cut, out.body.size()));
  if (!out.body.empty() && out.body.back() == '\n') out.body.pop_back();
  return out;
}

std::vector<std::string> currencies_in_key(const Request& req) {
  const std::vector<std::string> key = split(req.params.at("key"), '.');
  if (key.size() < 2 || key[1].empty()) return {};
  return split(key[1], '+');
}

}  // namespace

void add_ecb_routes(Sandbox& sb, Router& router) {
  const EcbReferenceRates ecb(sb.model(), sb.instruments());
  Route r;
  r.id = "ecb.exr";
  r.family = "ecb";
  r.pattern = "/service/data/EXR/{key}";
  r.handler = [ecb](const Request& req) { return exchange_rates(ecb, req); };
  r.error = [](unsigned status, const Request&) { return ecb_error(status); };
  r.malformed = cut_inside_a_row;
  r.symbols = currencies_in_key;
  router.add(std::move(r));
}

}  // namespace pricefeed::sandbox
