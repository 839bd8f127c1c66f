// Frankfurter's v1 API (api.frankfurter.dev/v1): the ECB's reference rates as JSON.
//   GET /v1/{start}..{end}, /v1/{start}..  frankfurter.range       rates of every fixing day in a period
//   GET /v1/latest                          frankfurter.latest      the last fixing day's rates
//   GET /v1/{date}                          frankfurter.date        the rates in force on a date
//   GET /v1/currencies                      frankfurter.currencies  {"AUD":"Australian Dollar",...}
// Query: base (or from, default EUR), symbols (or to, comma-separated, default all), amount.
//
// The behaviour follows Frankfurter's own v1 code (lineofflight/frankfurter lib/versions/v1): a
// period starts on the last fixing day on or before its start; a base other than the euro divides
// every rate by the base's (the euro then appears as a quote) and rounds the result to Frankfurter's
// quotation precision; a base equal to the one symbol is 422 {"message":"bad currency pair"}; a query
// that matches no rate at all (an unknown currency, a period before 1999 or after today) is 404
// {"message":"not found"}. Rates come from EcbReferenceRates, so they are the ECB CSV's too.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <optional>
#include <variant>

#include <nlohmann/json.hpp>

#include "tests/sandbox/EcbReferenceRates.hpp"
#include "tests/sandbox/Sandbox.hpp"

namespace pricefeed::sandbox {

namespace {

using namespace std::chrono;
using ojson = nlohmann::ordered_json;

constexpr std::string_view kEuro = "EUR";

Response message(unsigned status, std::string_view text) {
  return Response::json(status, ojson{{"message", text}}.dump());
}

Response frankfurter_error(unsigned status) {
  switch (status) {
    case 404:
      return message(404, "not found");
    case 418:
    case 429:
      return message(status, "too many requests");
    case 503:
      return message(503, "service unavailable");
    default:
      return message(status, "internal server error");
  }
}

// Frankfurter's Roundable: the usual quotation precision of a rate of that size.
double frankfurter_round(double value) {
  auto to = [&](int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
  };
  if (value > 5000) return std::round(value);
  if (value > 80) return to(2);
  if (value > 20) return to(3);
  if (value > 1) return to(4);
  if (value > 0.0001) return to(5);
  return to(6);
}

std::vector<std::string> split_codes(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string code = to_upper(text.substr(start, comma - start));
    if (!code.empty()) out.push_back(code);
    start = comma + 1;
  }
  return out;
}

struct RatesQuery {
  std::string base = std::string(kEuro);
  std::optional<std::vector<std::string>> symbols;  // nullopt: every currency
  double amount = 1.0;
};

std::variant<RatesQuery, Response> read_query(const Request& req) {
  RatesQuery q;
  if (auto base = req.param("from")) q.base = to_upper(*base);
  if (auto base = req.param("base")) q.base = to_upper(*base);
  std::optional<std::string> symbols = req.param("to");
  if (auto s = req.param("symbols")) symbols = s;
  if (symbols) q.symbols = split_codes(*symbols);
  if (auto amount = req.param("amount")) {
    char* end = nullptr;
    q.amount = std::strtod(amount->c_str(), &end);
    if (end == amount->c_str() || !(q.amount > 0)) return message(422, "invalid amount");
  }
  if (q.symbols && q.symbols->size() == 1 && q.symbols->front() == q.base)
    return message(422, "bad currency pair");
  return q;
}

// The ECB currencies a query reads: its symbols and base, or all of them.
std::vector<std::string> currencies_read(const RatesQuery& q) {
  std::vector<std::string> out;
  for (const EcbCurrency& c : ecb_currencies()) {
    const bool wanted = !q.symbols || c.code == q.base ||
                        std::find(q.symbols->begin(), q.symbols->end(), c.code) != q.symbols->end();
    if (wanted) out.emplace_back(c.code);
  }
  return out;
}

// One day's answer from the euro rates of that day, as Frankfurter's Quote::Base computes it;
// nullopt when the day drops out (the base has no rate, or nothing is left).
std::optional<ojson> day_answer(const RatesQuery& q, const std::map<std::string, double>& euro) {
  const bool rebase = q.base != kEuro;
  const bool round = q.amount != 1.0 || rebase;
  std::map<std::string, double> rates;
  for (const auto& [code, rate] : euro)
    rates[code] = round ? frankfurter_round(q.amount * rate) : q.amount * rate;
  if (rebase) {
    if (!q.symbols || std::find(q.symbols->begin(), q.symbols->end(), kEuro) != q.symbols->end()) {
      rates[std::string(kEuro)] = q.amount;
    }
    const auto divisor = rates.find(q.base);
    if (divisor == rates.end()) return std::nullopt;
    const double by = divisor->second;
    rates.erase(divisor);
    if (rates.empty()) return std::nullopt;
    for (auto& [code, rate] : rates)
      rate = frankfurter_round(q.amount * rate / by);
  }
  if (rates.empty()) return std::nullopt;
  ojson out = ojson::object();
  for (const auto& [code, rate] : rates)
    out[code] = rate;
  return out;
}

// Euro rates of the query's currencies by fixing day, for days in [from, to].
std::map<sys_days, std::map<std::string, double>> euro_rates(const EcbReferenceRates& ecb,
                                                             const RatesQuery& q, sys_days from, sys_days to,
                                                             sys_seconds now) {
  std::map<sys_days, std::map<std::string, double>> out;
  for (const std::string& code : currencies_read(q)) {
    for (const EcbRate& rate : ecb.rates(code, from, to, now))
      out[rate.day][code] = rate.value;
  }
  return out;
}

// The last fixing day on or before `day` that is out by `now`.
std::optional<sys_days> fixing_on_or_before(sys_days day, sys_seconds now) {
  const std::optional<sys_days> published = EcbReferenceRates::last_published_day(now);
  if (!published) return std::nullopt;
  for (day = std::min(day, *published); day >= kEuroFirstDay; day -= days{1}) {
    if (EcbReferenceRates::is_fixing_day(day)) return day;
  }
  return std::nullopt;
}

Response rates_on(const EcbReferenceRates& ecb, const Request& req, sys_days asked) {
  auto query = read_query(req);
  if (auto* refused = std::get_if<Response>(&query)) return *refused;
  const RatesQuery& q = std::get<RatesQuery>(query);
  const std::optional<sys_days> day = fixing_on_or_before(asked, req.now);
  if (!day) return frankfurter_error(404);
  const auto euro = euro_rates(ecb, q, *day, *day, req.now);
  const auto it = euro.find(*day);
  std::optional<ojson> rates = it == euro.end() ? std::nullopt : day_answer(q, it->second);
  if (!rates) return frankfurter_error(404);
  ojson body;
  body["amount"] = q.amount;
  body["base"] = q.base;
  body["date"] = iso_date(*day);
  body["rates"] = *rates;
  return Response::json(200, body.dump());
}

Response rates_between(const EcbReferenceRates& ecb, const Request& req) {
  const std::string& period = req.params.at("period");
  const std::size_t dots = period.find("..");
  const std::optional<sys_days> start = parse_iso_date(std::string_view(period).substr(0, dots));
  const std::string_view end_text = std::string_view(period).substr(dots + 2);
  const sys_days today = floor<days>(req.now);
  const std::optional<sys_days> end =
      end_text.empty() ? std::optional<sys_days>(today) : parse_iso_date(end_text);
  if (!start || !end) return frankfurter_error(404);
  auto query = read_query(req);
  if (auto* refused = std::get_if<Response>(&query)) return *refused;
  const RatesQuery& q = std::get<RatesQuery>(query);
  if (*start > today) return frankfurter_error(404);

  // The period starts with the rates in force on its first day: those of the last fixing on or before it.
  const sys_days from = fixing_on_or_before(*start, req.now).value_or(*start);
  ojson rates = ojson::object();
  std::string first, last;
  for (const auto& [day, euro] : euro_rates(ecb, q, from, *end, req.now)) {
    std::optional<ojson> one = day_answer(q, euro);
    if (!one) continue;
    last = iso_date(day);
    if (first.empty()) first = last;
    rates[last] = std::move(*one);
  }
  if (rates.empty()) return frankfurter_error(404);
  ojson body;
  body["amount"] = q.amount;
  body["base"] = q.base;
  body["start_date"] = first;
  body["end_date"] = last;
  body["rates"] = std::move(rates);
  return Response::json(200, body.dump());
}

bool is_period(const Request& req) {
  const std::string& p = req.params.at("period");
  return p.size() >= 12 && p.find("..") == 10;
}

bool is_date(const Request& req) {
  return parse_iso_date(req.params.at("period")).has_value();
}

// Fault filters: the base and every symbol asked for.
std::vector<std::string> currencies_named(const Request& req) {
  std::vector<std::string> out;
  for (const char* key : {"base", "from"})
    if (auto v = req.param(key)) out.push_back(to_upper(*v));
  for (const char* key : {"symbols", "to"}) {
    if (auto v = req.param(key)) {
      for (std::string& code : split_codes(*v))
        out.push_back(std::move(code));
    }
  }
  return out;
}

}  // namespace

void add_frankfurter_routes(Sandbox& sb, Router& router) {
  const EcbReferenceRates ecb(sb.model(), sb.instruments());
  auto add = [&](std::string id, std::string pattern, Handler handler,
                 std::function<bool(const Request&)> accepts = nullptr) {
    Route r;
    r.id = std::move(id);
    r.family = "frankfurter";
    r.pattern = std::move(pattern);
    r.handler = std::move(handler);
    r.error = [](unsigned status, const Request&) { return frankfurter_error(status); };
    r.symbols = currencies_named;
    r.accepts = std::move(accepts);
    router.add(std::move(r));
  };

  add("frankfurter.latest", "/v1/latest",
      [ecb](const Request& req) { return rates_on(ecb, req, floor<days>(req.now)); });
  add("frankfurter.currencies", "/v1/currencies", [](const Request&) {
    ojson body = ojson::object();
    std::map<std::string_view, std::string_view> names{{kEuro, "Euro"}};
    for (const EcbCurrency& c : ecb_currencies())
      names.emplace(c.code, c.frankfurter_name);
    for (const auto& [code, name] : names)
      body[std::string(code)] = name;
    return Response::json(200, body.dump());
  });
  add(
      "frankfurter.range", "/v1/{period}", [ecb](const Request& req) { return rates_between(ecb, req); },
      is_period);
  add(
      "frankfurter.date", "/v1/{period}",
      [ecb](const Request& req) { return rates_on(ecb, req, *parse_iso_date(req.params.at("period"))); },
      is_date);
}

}  // namespace pricefeed::sandbox
