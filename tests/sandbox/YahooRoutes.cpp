// Yahoo Finance (query1.finance.yahoo.com, fc.yahoo.com):
//   GET /                          the cookie endpoint (fc.yahoo.com): 404 with Set-Cookie: A3=...
//   GET /v1/test/getcrumb          the crumb for the A3 (or A1) cookie, text/plain
//   GET /v8/finance/chart/{symbol} bars: period1, period2 (or range), interval, events, includePrePost
//   GET /v7/finance/quote          quotes: symbols=A,B,... with crumb= and the cookie
// The shapes follow tests/fixtures/yahoo; docs/sandbox.md lists what is modelled and what is not.
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <date/date.h>
#include <nlohmann/json.hpp>

#include "tests/sandbox/Hashing.hpp"
#include "tests/sandbox/Sandbox.hpp"

namespace pricefeed::sandbox {

namespace {

using namespace std::chrono;
using ojson = nlohmann::ordered_json;

constexpr std::string_view kNotFound =
    R"({"chart":{"result":null,"error":{"code":"Not Found","description":"No data found, symbol may be delisted"}}})";
constexpr std::string_view kInvalidCrumb =
    R"({"finance":{"result":null,"error":{"code":"Unauthorized","description":"Invalid Crumb"}}})";
constexpr std::string_view kInvalidCookie =
    R"({"finance":{"result":null,"error":{"code":"Unauthorized","description":"Invalid Cookie"}}})";
constexpr std::string_view kTooManyRequests = "Edge: Too Many Requests";
constexpr std::string_view kValidIntervals = "[1m, 2m, 5m, 15m, 30m, 60m, 90m, 1h, 1d, 5d, 1wk, 1mo, 3mo]";

// JavaScript prints 1518.0 as 1518: integral values go out as JSON integers.
ojson num(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::abs(v) < 1e15)
    return ojson(static_cast<std::int64_t>(v));
  return ojson(v);
}
// Derived figures (ratios, averages) with float precision, as Yahoo prints them (1.2710667).
ojson fnum(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.8g", v);
  return num(std::strtod(buf, nullptr));
}
// Prices in meta and quotes print as clean decimals (244.87), unlike the float32 bars.
ojson price(double v, int decimals) {
  double scale = std::pow(10.0, decimals);
  return num(std::round(v * scale) / scale);
}
std::int64_t epoch(sys_seconds t) {
  return t.time_since_epoch().count();
}

ojson error_body(std::string_view root, std::string_view code, const std::string& description) {
  ojson e;
  e["result"] = nullptr;
  e["error"] = {{"code", code}, {"description", description}};
  ojson j;
  j[std::string(root)] = e;
  return j;
}

Response json_response(unsigned status, const ojson& j) {
  return Response::json(status, j.dump());
}

std::string base62(std::uint64_t h, std::size_t length) {
  static constexpr std::string_view digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string out;
  SplitMix64 rng(h);
  while (out.size() < length)
    out += digits[rng.next() % 62];
  return out;
}

// Cookies and crumbs are stateless: the cookie carries an id and a signature, the crumb is derived.
struct CrumbJar {
  std::uint64_t secret;
  std::atomic<std::uint64_t> next{1};

  std::string cookie() {
    std::uint64_t id = next++;
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(id ^ secret));
    return std::string("d=AQABBK") + hex + "&S=AQAAA" +
           base62(hash_combine(secret, {static_cast<std::int64_t>(id)}), 22);
  }
  bool valid(const std::string& cookie) const {
    if (!cookie.starts_with("d=AQABBK") || cookie.size() < 8 + 16 + 8) return false;
    unsigned long long x = 0;
    if (std::sscanf(cookie.c_str() + 8, "%16llx", &x) != 1) return false;
    std::uint64_t id = static_cast<std::uint64_t>(x) ^ secret;
    return cookie.substr(24) ==
           "&S=AQAAA" + base62(hash_combine(secret, {static_cast<std::int64_t>(id)}), 22);
  }
  std::string crumb(const std::string& cookie) const { return base62(fnv1a64(cookie, secret), 11); }
};

std::optional<int> interval_minutes(std::string_view s) {
  if (s == "1d") return 1440;
  if (s == "1h" || s == "60m") return 60;
  for (int m : {1, 2, 5, 15, 30, 90}) {
    if (s == std::to_string(m) + "m") return m;
  }
  return std::nullopt;
}

std::optional<std::int64_t> to_int(const std::optional<std::string>& s) {
  if (!s) return std::nullopt;
  try {
    std::size_t used = 0;
    double v = std::stod(*s, &used);
    if (used != s->size()) return std::nullopt;
    return static_cast<std::int64_t>(v);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

std::optional<sys_seconds> range_start(std::string_view range, sys_seconds now, const Instrument& in) {
  auto today = floor<days>(now);
  if (range == "1d") return now - days{1};
  if (range == "5d") return now - days{5};
  if (range == "1mo") return sys_seconds{sys_days{year_month_day{today} - months{1}}};
  if (range == "3mo") return sys_seconds{sys_days{year_month_day{today} - months{3}}};
  if (range == "6mo") return sys_seconds{sys_days{year_month_day{today} - months{6}}};
  if (range == "1y") return sys_seconds{sys_days{year_month_day{today} - years{1}}};
  if (range == "2y") return sys_seconds{sys_days{year_month_day{today} - years{2}}};
  if (range == "5y") return sys_seconds{sys_days{year_month_day{today} - years{5}}};
  if (range == "10y") return sys_seconds{sys_days{year_month_day{today} - years{10}}};
  if (range == "ytd") return sys_seconds{sys_days{year_month_day{today}.year() / January / 1}};
  if (range == "max") return session_open(in.session, in.first_trade_day);
  return std::nullopt;
}

std::string short_name(const Instrument& in, sys_seconds now) {
  if (in.kind != AssetKind::future) return in.short_name;
  year_month_day front{floor<days>(now) + days{31}};
  return in.short_name + " " + date::format("%b %y", sys_days{front.year() / front.month() / 1});
}

ojson trading_period(const Instrument& in, sys_seconds start, sys_seconds end) {
  auto z = zone_info(in.exchange_timezone, start);
  return {
      {"timezone", z.abbreviation}, {"start", epoch(start)}, {"end", epoch(end)}, {"gmtoffset", z.gmtoffset}};
}

ojson current_trading_period(const Instrument& in, sys_seconds now) {
  const Session& s = in.session;
  auto session_of = [&](sys_days d) {
    sys_seconds open = session_open(s, d);
    int m = session_minutes(s, d);
    sys_seconds end = m >= 1440 ? open + seconds{86340} : open + minutes{m};
    return std::pair{open, end};
  };
  sys_days d = trading_day_on_or_after(s, local_date(s, now));
  auto [open, end] = session_of(d);
  if (now > end + minutes{s.post_minutes}) {
    d = trading_day_on_or_after(s, d + days{1});
    std::tie(open, end) = session_of(d);
  }
  return {{"pre", trading_period(in, open - minutes{s.pre_minutes}, open)},
          {"regular", trading_period(in, open, end)},
          {"post", trading_period(in, end, end + minutes{s.post_minutes})}};
}

ojson chart_meta(const Sandbox& sb, const Instrument& in, sys_seconds now, const std::string& granularity,
                 const std::string& range, double previous_close, bool intraday) {
  Snapshot snap = sb.model().snapshot(in, now);
  sb.scenarios().apply("yahoo", in, snap);
  auto z = zone_info(in.exchange_timezone, now);
  ojson m;
  m["currency"] = in.currency;
  m["symbol"] = in.symbol;
  m["exchangeName"] = in.exchange_name;
  m["fullExchangeName"] = in.full_exchange_name;
  m["instrumentType"] = in.instrument_type;
  m["firstTradeDate"] = epoch(session_open(in.session, in.first_trade_day));
  m["regularMarketTime"] = epoch(snap.market_time);
  m["hasPrePostMarketData"] = in.has_pre_post;
  m["gmtoffset"] = z.gmtoffset;
  m["timezone"] = z.abbreviation;
  m["exchangeTimezoneName"] = in.exchange_timezone;
  m["regularMarketPrice"] = price(snap.price, in.price_hint);
  m["fiftyTwoWeekHigh"] = price(snap.fifty_two_week_high, in.price_hint);
  m["fiftyTwoWeekLow"] = price(snap.fifty_two_week_low, in.price_hint);
  m["regularMarketDayHigh"] = price(snap.day_high, in.price_hint);
  m["regularMarketDayLow"] = price(snap.day_low, in.price_hint);
  m["regularMarketVolume"] = snap.volume;
  if (!in.long_name.empty() && in.kind != AssetKind::future) m["longName"] = in.long_name;
  m["shortName"] = short_name(in, now);
  m["chartPreviousClose"] = price(previous_close, in.price_hint);
  if (intraday) {
    m["previousClose"] = price(snap.previous_close, in.price_hint);
    m["scale"] = 3;
  }
  m["priceHint"] = in.price_hint;
  m["currentTradingPeriod"] = current_trading_period(in, now);
  m["dataGranularity"] = granularity;
  m["range"] = range;
  m["validRanges"] = {"1d", "5d", "1mo", "3mo", "6mo", "1y", "2y", "5y", "10y", "ytd", "max"};
  return m;
}

bool wants(const Request& req, std::initializer_list<std::string_view> names) {
  auto events = req.param("events");
  if (!events) return false;
  for (auto n : names) {
    if (events->find(n) != std::string::npos) return true;
  }
  return events->find("history") != std::string::npos;
}

Response chart(const Sandbox& sb, const Request& req) {
  auto in = sb.instrument(req.params.at("symbol"));
  if (!in) return Response::json(404, std::string(kNotFound));
  const sys_seconds now = req.now;
  const std::string interval = req.param("interval").value_or("1d");
  auto minutes_ = interval_minutes(interval);
  if (!minutes_) {
    bool known = kValidIntervals.find(interval + ",") != std::string_view::npos ||
                 kValidIntervals.find(interval + "]") != std::string_view::npos;
    return json_response(400,
                         error_body("chart", "Bad Request",
                                    "Invalid input - interval=" + interval +
                                        (known ? " is not supported by the sandbox" : " is not supported") +
                                        ". Valid intervals: " + std::string(kValidIntervals)));
  }
  const bool intraday = *minutes_ < 1440;

  std::string range;
  sys_seconds p1, p2;
  auto period1 = req.param("period1"), period2 = req.param("period2");
  if (period1 || period2) {
    auto a = to_int(period1), b = to_int(period2);
    if ((period1 && !a) || (period2 && !b)) {
      return json_response(
          400, error_body("chart", "Bad Request", "Invalid input - period1 and period2 must be integers"));
    }
    p2 = b ? sys_seconds{seconds{*b}} : now;
    p1 = a ? sys_seconds{seconds{*a}} : session_open(in->session, in->first_trade_day);
  } else {
    range = req.param("range").value_or("1mo");
    auto start = range_start(range, now, *in);
    if (!start) {
      return json_response(
          400, error_body("chart", "Bad Request", "Invalid input - range=" + range + " is not valid"));
    }
    p1 = *start;
    p2 = now;
  }
  if (p1 > p2) {
    return json_response(
        400, error_body("chart", "Bad Request",
                        "Invalid input - start date cannot be after end date. startDate = " +
                            std::to_string(epoch(p1)) + ", endDate = " + std::to_string(epoch(p2))));
  }
  if (intraday && sb.options().intraday_limits) {
    std::string head = interval + " data not available for startTime=" + std::to_string(epoch(p1)) +
                       " and endTime=" + std::to_string(epoch(p2)) + ". ";
    int horizon = *minutes_ == 1 ? 30 : (*minutes_ >= 60 ? 730 : 60);
    if (*minutes_ == 1 && p2 - p1 > days{7}) {
      return json_response(
          422, error_body(
                   "chart", "Unprocessable Entity",
                   head + "Only 7 days worth of 1m granularity data are allowed to be fetched per request."));
    }
    if (p1 < now - days{horizon}) {
      return json_response(422, error_body("chart", "Unprocessable Entity",
                                           head + "The requested range must be within the last " +
                                               std::to_string(horizon) + " days."));
    }
  }

  const sys_days from = local_date(in->session, p1);
  const sys_days to = local_date(in->session, std::min(p2, now));
  std::vector<Bar> bars = intraday ? sb.model().intraday_bars(*in, *minutes_, from, to, now)
                                   : sb.model().daily_bars(*in, from, to, now);
  std::erase_if(bars, [&](const Bar& b) { return b.ts < p1 || b.ts > p2; });
  sb.scenarios().apply("yahoo", *in, bars);

  sys_days before = bars.empty() ? from : bars.front().day;
  double previous_close = bars.empty() ? 0 : bars.front().open;
  if (auto prev = sb.model().daily_bar(*in, trading_day_on_or_before(in->session, before - days{1}), now)) {
    previous_close = sb.scenarios().price("yahoo", *in, prev->day, prev->close);
  } else if (bars.empty()) {
    previous_close = sb.model().snapshot(*in, now).previous_close;
  }

  ojson result;
  result["meta"] =
      chart_meta(sb, *in, now, interval == "60m" ? "1h" : interval, range, previous_close, intraday);
  if (!bars.empty()) {
    ojson ts = ojson::array();
    for (const auto& b : bars)
      ts.push_back(epoch(b.ts));
    result["timestamp"] = ts;
  }
  ojson events = ojson::object();
  if (wants(req, {"div"})) {
    ojson divs = ojson::object();
    for (const auto& d : sb.model().dividends(*in, from, to)) {
      if (d.ts < p1 || d.ts > p2) continue;
      divs[std::to_string(epoch(d.ts))] = {{"amount", num(d.amount)}, {"date", epoch(d.ts)}};
    }
    if (!divs.empty()) events["dividends"] = divs;
  }
  if (wants(req, {"split"})) {
    ojson splits = ojson::object();
    for (const auto& s : sb.model().splits(*in, from, to)) {
      if (s.ts < p1 || s.ts > p2) continue;
      splits[std::to_string(epoch(s.ts))] = {
          {"date", epoch(s.ts)},
          {"numerator", s.numerator},
          {"denominator", s.denominator},
          {"splitRatio", std::to_string(s.numerator) + ":" + std::to_string(s.denominator)}};
    }
    if (!splits.empty()) events["splits"] = splits;
  }
  if (!events.empty()) result["events"] = events;

  ojson quote = ojson::object();
  ojson indicators;
  if (!bars.empty()) {
    ojson open = ojson::array(), high = ojson::array(), low = ojson::array(), close = ojson::array(),
          volume = ojson::array(), adj = ojson::array();
    for (const auto& b : bars) {
      if (b.null) {
        for (ojson* a : {&open, &high, &low, &close, &volume, &adj})
          a->push_back(nullptr);
        continue;
      }
      open.push_back(num(b.open));
      high.push_back(num(b.high));
      low.push_back(num(b.low));
      close.push_back(num(b.close));
      volume.push_back(b.volume);
      adj.push_back(num(b.adj_close));
    }
    quote = {{"open", open}, {"high", high}, {"low", low}, {"close", close}, {"volume", volume}};
    indicators["quote"] = ojson::array({quote});
    if (!intraday) indicators["adjclose"] = ojson::array({ojson{{"adjclose", adj}}});
  } else {
    indicators["quote"] = ojson::array({quote});
  }
  result["indicators"] = indicators;

  ojson body;
  body["chart"] = {{"result", ojson::array({result})}, {"error", nullptr}};
  return json_response(200, body);
}

// ---- v7 quote -------------------------------------------------------------------------------------

constexpr const char* kEquityKeys[] = {"language",
                                       "region",
                                       "quoteType",
                                       "typeDisp",
                                       "quoteSourceName",
                                       "triggerable",
                                       "customPriceAlertConfidence",
                                       "currency",
                                       "shortName",
                                       "longName",
                                       "regularMarketChangePercent",
                                       "regularMarketPrice",
                                       "hasPrePostMarketData",
                                       "firstTradeDateMilliseconds",
                                       "priceHint",
                                       "postMarketChangePercent",
                                       "postMarketPrice",
                                       "postMarketChange",
                                       "regularMarketChange",
                                       "regularMarketDayHigh",
                                       "regularMarketDayRange",
                                       "regularMarketDayLow",
                                       "regularMarketVolume",
                                       "regularMarketPreviousClose",
                                       "bid",
                                       "ask",
                                       "bidSize",
                                       "askSize",
                                       "fullExchangeName",
                                       "financialCurrency",
                                       "regularMarketOpen",
                                       "averageDailyVolume3Month",
                                       "averageDailyVolume10Day",
                                       "fiftyTwoWeekLowChange",
                                       "fiftyTwoWeekLowChangePercent",
                                       "fiftyTwoWeekRange",
                                       "fiftyTwoWeekHighChange",
                                       "fiftyTwoWeekHighChangePercent",
                                       "fiftyTwoWeekLow",
                                       "fiftyTwoWeekHigh",
                                       "fiftyTwoWeekChangePercent",
                                       "dividendDate",
                                       "earningsTimestamp",
                                       "earningsTimestampStart",
                                       "earningsTimestampEnd",
                                       "earningsCallTimestampStart",
                                       "earningsCallTimestampEnd",
                                       "isEarningsDateEstimate",
                                       "trailingAnnualDividendRate",
                                       "trailingPE",
                                       "dividendRate",
                                       "trailingAnnualDividendYield",
                                       "dividendYield",
                                       "epsTrailingTwelveMonths",
                                       "epsForward",
                                       "epsCurrentYear",
                                       "priceEpsCurrentYear",
                                       "sharesOutstanding",
                                       "bookValue",
                                       "fiftyDayAverage",
                                       "fiftyDayAverageChange",
                                       "fiftyDayAverageChangePercent",
                                       "twoHundredDayAverage",
                                       "twoHundredDayAverageChange",
                                       "twoHundredDayAverageChangePercent",
                                       "marketCap",
                                       "forwardPE",
                                       "priceToBook",
                                       "sourceInterval",
                                       "exchangeDataDelayedBy",
                                       "averageAnalystRating",
                                       "tradeable",
                                       "cryptoTradeable",
                                       "corporateActions",
                                       "postMarketTime",
                                       "regularMarketTime",
                                       "marketState",
                                       "exchange",
                                       "messageBoardId",
                                       "exchangeTimezoneName",
                                       "exchangeTimezoneShortName",
                                       "gmtOffSetMilliseconds",
                                       "market",
                                       "esgPopulated",
                                       "displayName",
                                       "symbol"};
constexpr const char* kCryptoKeys[] = {"language",
                                       "region",
                                       "quoteType",
                                       "typeDisp",
                                       "quoteSourceName",
                                       "triggerable",
                                       "customPriceAlertConfidence",
                                       "currency",
                                       "longName",
                                       "shortName",
                                       "exchange",
                                       "messageBoardId",
                                       "exchangeTimezoneName",
                                       "exchangeTimezoneShortName",
                                       "gmtOffSetMilliseconds",
                                       "market",
                                       "esgPopulated",
                                       "marketState",
                                       "regularMarketTime",
                                       "corporateActions",
                                       "regularMarketChangePercent",
                                       "regularMarketPrice",
                                       "hasPrePostMarketData",
                                       "firstTradeDateMilliseconds",
                                       "priceHint",
                                       "circulatingSupply",
                                       "lastMarket",
                                       "volume24Hr",
                                       "volumeAllCurrencies",
                                       "fromCurrency",
                                       "toCurrency",
                                       "coinMarketCapLink",
                                       "regularMarketChange",
                                       "regularMarketDayHigh",
                                       "regularMarketDayRange",
                                       "regularMarketDayLow",
                                       "regularMarketVolume",
                                       "regularMarketPreviousClose",
                                       "fullExchangeName",
                                       "regularMarketOpen",
                                       "averageDailyVolume3Month",
                                       "averageDailyVolume10Day",
                                       "startDate",
                                       "coinImageUrl",
                                       "logoUrl",
                                       "fiftyTwoWeekLowChange",
                                       "fiftyTwoWeekLowChangePercent",
                                       "fiftyTwoWeekRange",
                                       "fiftyTwoWeekHighChange",
                                       "fiftyTwoWeekHighChangePercent",
                                       "fiftyTwoWeekLow",
                                       "fiftyTwoWeekHigh",
                                       "fiftyTwoWeekChangePercent",
                                       "fiftyDayAverage",
                                       "fiftyDayAverageChange",
                                       "fiftyDayAverageChangePercent",
                                       "twoHundredDayAverage",
                                       "twoHundredDayAverageChange",
                                       "twoHundredDayAverageChangePercent",
                                       "marketCap",
                                       "sourceInterval",
                                       "exchangeDataDelayedBy",
                                       "tradeable",
                                       "cryptoTradeable",
                                       "symbol"};
constexpr const char* kCurrencyKeys[] = {"language",
                                         "region",
                                         "quoteType",
                                         "typeDisp",
                                         "quoteSourceName",
                                         "triggerable",
                                         "customPriceAlertConfidence",
                                         "currency",
                                         "fiftyDayAverage",
                                         "twoHundredDayAverage",
                                         "shortName",
                                         "longName",
                                         "regularMarketChangePercent",
                                         "regularMarketPrice",
                                         "regularMarketChange",
                                         "regularMarketDayHigh",
                                         "regularMarketDayLow",
                                         "regularMarketPreviousClose",
                                         "bid",
                                         "ask",
                                         "regularMarketOpen",
                                         "fiftyTwoWeekLow",
                                         "fiftyTwoWeekHigh",
                                         "tradeable",
                                         "cryptoTradeable",
                                         "fiftyDayAverageChange",
                                         "fiftyDayAverageChangePercent",
                                         "twoHundredDayAverageChange",
                                         "twoHundredDayAverageChangePercent",
                                         "sourceInterval",
                                         "exchangeDataDelayedBy",
                                         "marketState",
                                         "corporateActions",
                                         "regularMarketTime",
                                         "exchange",
                                         "messageBoardId",
                                         "exchangeTimezoneName",
                                         "exchangeTimezoneShortName",
                                         "gmtOffSetMilliseconds",
                                         "market",
                                         "esgPopulated",
                                         "hasPrePostMarketData",
                                         "firstTradeDateMilliseconds",
                                         "priceHint",
                                         "regularMarketDayRange",
                                         "regularMarketVolume",
                                         "bidSize",
                                         "askSize",
                                         "fullExchangeName",
                                         "averageDailyVolume3Month",
                                         "averageDailyVolume10Day",
                                         "fiftyTwoWeekLowChange",
                                         "fiftyTwoWeekLowChangePercent",
                                         "fiftyTwoWeekRange",
                                         "fiftyTwoWeekHighChange",
                                         "fiftyTwoWeekHighChangePercent",
                                         "fiftyTwoWeekChangePercent",
                                         "symbol"};
constexpr const char* kFutureKeys[] = {"language",
                                       "region",
                                       "quoteType",
                                       "typeDisp",
                                       "quoteSourceName",
                                       "triggerable",
                                       "customPriceAlertConfidence",
                                       "headSymbolAsString",
                                       "contractSymbol",
                                       "regularMarketChangePercent",
                                       "regularMarketPrice",
                                       "exchangeTimezoneName",
                                       "exchangeTimezoneShortName",
                                       "gmtOffSetMilliseconds",
                                       "market",
                                       "esgPopulated",
                                       "shortName",
                                       "marketState",
                                       "corporateActions",
                                       "regularMarketTime",
                                       "underlyingSymbol",
                                       "currency",
                                       "underlyingExchangeSymbol",
                                       "exchange",
                                       "expireDate",
                                       "expireIsoDate",
                                       "fiftyDayAverage",
                                       "fiftyDayAverageChange",
                                       "fiftyDayAverageChangePercent",
                                       "twoHundredDayAverage",
                                       "twoHundredDayAverageChange",
                                       "twoHundredDayAverageChangePercent",
                                       "sourceInterval",
                                       "exchangeDataDelayedBy",
                                       "tradeable",
                                       "cryptoTradeable",
                                       "hasPrePostMarketData",
                                       "firstTradeDateMilliseconds",
                                       "priceHint",
                                       "regularMarketChange",
                                       "regularMarketDayHigh",
                                       "regularMarketDayRange",
                                       "regularMarketDayLow",
                                       "regularMarketVolume",
                                       "regularMarketPreviousClose",
                                       "bid",
                                       "ask",
                                       "bidSize",
                                       "askSize",
                                       "fullExchangeName",
                                       "regularMarketOpen",
                                       "averageDailyVolume3Month",
                                       "averageDailyVolume10Day",
                                       "fiftyTwoWeekLowChange",
                                       "fiftyTwoWeekLowChangePercent",
                                       "fiftyTwoWeekRange",
                                       "fiftyTwoWeekHighChange",
                                       "fiftyTwoWeekHighChangePercent",
                                       "fiftyTwoWeekLow",
                                       "fiftyTwoWeekHigh",
                                       "fiftyTwoWeekChangePercent",
                                       "openInterest",
                                       "symbol"};

// "241.0", "245.41": Yahoo's ranges print like Java doubles.
std::string range_number(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string out = buf;
  if (out.find('.') != std::string::npos) {
    while (out.back() == '0')
      out.pop_back();
    if (out.back() == '.') out += '0';
  }
  return out;
}

ojson quote_of(const Sandbox& sb, const Instrument& in, sys_seconds now) {
  Snapshot s = sb.model().snapshot(in, now);
  sb.scenarios().apply("yahoo", in, s);
  const std::uint64_t h = in.key;
  const double price_ = s.price, prev = s.previous_close > 0 ? s.previous_close : s.price;
  auto price_of = [&](double v) { return price(v, in.price_hint); };
  const double tick = std::pow(10.0, -in.price_hint);
  auto z = zone_info(in.exchange_timezone, now);
  // Fundamentals, made up but steady per symbol.
  const double pe = 10 + unit_interval(mix64(h ^ 1)) * 35;
  const double eps = price_ / pe;
  const double shares = std::floor(std::exp(std::log(2e7) + unit_interval(mix64(h ^ 2)) * std::log(800.0)));
  const double ptb = 1 + unit_interval(mix64(h ^ 3)) * 20;
  const sys_days today = local_date(in.session, now);
  double trailing_dividends = 0;
  sys_seconds dividend_date = session_open(in.session, today - days{45});
  for (const auto& d : sb.model().dividends(in, today - days{365}, today)) {
    trailing_dividends += d.amount;
    dividend_date = d.ts + days{7};
  }
  const double dividend_rate = trailing_dividends * 1.04;
  const sys_seconds earnings =
      session_open(in.session, today + days{20 + static_cast<int>(h % 60)}) - minutes{30};
  const std::string name = in.long_name.empty() ? in.short_name : in.long_name;
  year_month_day expiry{floor<days>(now) + days{31}};
  const sys_days expire_day = sys_days{expiry.year() / expiry.month() / 28};
  static constexpr std::string_view month_codes = "FGHJKMNQUVXZ";
  const std::string underlying = in.symbol.substr(0, in.symbol.size() - 2) +
                                 month_codes[static_cast<unsigned>(expiry.month()) - 1] +
                                 date::format("%y", expire_day) + "." + in.exchange_name;

  auto value = [&](std::string_view key) -> ojson {
    if (key == "language") return "en-US";
    if (key == "region") return "US";
    if (key == "quoteType") return in.instrument_type;
    if (key == "typeDisp") return in.type_disp;
    if (key == "quoteSourceName") return in.quote_source_name;
    if (key == "triggerable") return in.kind != AssetKind::future;
    if (key == "customPriceAlertConfidence") return in.kind == AssetKind::future ? "NONE" : "HIGH";
    if (key == "currency") return in.currency;
    if (key == "shortName") return short_name(in, now);
    if (key == "longName") return name;
    if (key == "displayName") return name.substr(0, name.find(' '));
    if (key == "regularMarketChangePercent") return fnum((price_ - prev) / prev * 100);
    if (key == "regularMarketPrice") return price_of(price_);
    if (key == "regularMarketChange") return fnum(price_ - prev);
    if (key == "regularMarketDayHigh") return price_of(s.day_high);
    if (key == "regularMarketDayLow") return price_of(s.day_low);
    if (key == "regularMarketDayRange")
      return range_number(s.day_low, in.price_hint) + " - " + range_number(s.day_high, in.price_hint);
    if (key == "regularMarketVolume" || key == "volume24Hr" || key == "volumeAllCurrencies") return s.volume;
    if (key == "regularMarketPreviousClose") return price_of(prev);
    if (key == "regularMarketOpen") return price_of(s.open);
    if (key == "regularMarketTime") return epoch(s.market_time);
    if (key == "postMarketTime") return epoch(s.market_time) + 3600;
    if (key == "marketState") return s.market_state;
    if (key == "hasPrePostMarketData") return in.has_pre_post;
    if (key == "firstTradeDateMilliseconds")
      return epoch(session_open(in.session, in.first_trade_day)) * 1000;
    if (key == "startDate") return epoch(session_open(in.session, in.first_trade_day));
    if (key == "priceHint") return in.price_hint;
    if (key == "postMarketPrice") return price_of(price_);
    if (key == "postMarketChange" || key == "postMarketChangePercent") return 0;
    if (key == "bid") return price_of(price_ - tick);
    if (key == "ask") return price_of(price_ + tick);
    if (key == "bidSize") return static_cast<int>(1 + h % 20);
    if (key == "askSize") return static_cast<int>(1 + (h >> 8) % 20);
    if (key == "fullExchangeName") return in.full_exchange_name;
    if (key == "financialCurrency") return in.currency == "GBp" ? "GBP" : in.currency;
    if (key == "averageDailyVolume3Month") return s.average_volume_3m;
    if (key == "averageDailyVolume10Day") return s.average_volume_10d;
    if (key == "fiftyTwoWeekLow") return price_of(s.fifty_two_week_low);
    if (key == "fiftyTwoWeekHigh") return price_of(s.fifty_two_week_high);
    if (key == "fiftyTwoWeekLowChange") return fnum(price_ - s.fifty_two_week_low);
    if (key == "fiftyTwoWeekLowChangePercent")
      return fnum((price_ - s.fifty_two_week_low) / s.fifty_two_week_low);
    if (key == "fiftyTwoWeekHighChange") return fnum(price_ - s.fifty_two_week_high);
    if (key == "fiftyTwoWeekHighChangePercent")
      return fnum((price_ - s.fifty_two_week_high) / s.fifty_two_week_high);
    if (key == "fiftyTwoWeekRange") {
      return range_number(s.fifty_two_week_low, in.price_hint) + " - " +
             range_number(s.fifty_two_week_high, in.price_hint);
    }
    if (key == "fiftyTwoWeekChangePercent") return fnum(s.change_52w_percent);
    if (key == "fiftyDayAverage") return fnum(s.fifty_day_average);
    if (key == "fiftyDayAverageChange") return fnum(price_ - s.fifty_day_average);
    if (key == "fiftyDayAverageChangePercent")
      return fnum((price_ - s.fifty_day_average) / s.fifty_day_average);
    if (key == "twoHundredDayAverage") return fnum(s.two_hundred_day_average);
    if (key == "twoHundredDayAverageChange") return fnum(price_ - s.two_hundred_day_average);
    if (key == "twoHundredDayAverageChangePercent") {
      return fnum((price_ - s.two_hundred_day_average) / s.two_hundred_day_average);
    }
    if (key == "dividendDate") return epoch(floor<days>(dividend_date));
    if (key == "earningsTimestamp" || key == "earningsTimestampStart" || key == "earningsTimestampEnd") {
      return epoch(earnings);
    }
    if (key == "earningsCallTimestampStart" || key == "earningsCallTimestampEnd")
      return epoch(earnings) + 1800;
    if (key == "isEarningsDateEstimate") return true;
    if (key == "trailingAnnualDividendRate") return fnum(trailing_dividends);
    if (key == "trailingAnnualDividendYield") return fnum(trailing_dividends / price_);
    if (key == "dividendRate") return fnum(dividend_rate);
    if (key == "dividendYield") return fnum(dividend_rate / price_ * 100);
    if (key == "trailingPE") return fnum(pe);
    if (key == "epsTrailingTwelveMonths") return fnum(eps);
    if (key == "epsForward") return fnum(eps * 1.1);
    if (key == "epsCurrentYear") return fnum(eps * 1.05);
    if (key == "priceEpsCurrentYear") return fnum(pe / 1.05);
    if (key == "forwardPE") return fnum(pe / 1.1);
    if (key == "sharesOutstanding") return static_cast<std::int64_t>(shares);
    if (key == "marketCap") return static_cast<std::int64_t>(std::floor(shares * price_));
    if (key == "bookValue") return fnum(price_ / ptb);
    if (key == "priceToBook") return fnum(ptb);
    if (key == "sourceInterval") return 15;
    if (key == "exchangeDataDelayedBy") return in.kind == AssetKind::future ? 10 : 0;
    if (key == "averageAnalystRating") return "2.1 - Buy";
    if (key == "tradeable") return false;
    if (key == "cryptoTradeable") return in.kind == AssetKind::crypto;
    if (key == "corporateActions") return ojson::array();
    if (key == "exchange") return in.exchange_name;
    if (key == "messageBoardId") return "finmb_" + std::to_string(h % 100000000);
    if (key == "exchangeTimezoneName") return in.exchange_timezone;
    if (key == "exchangeTimezoneShortName") return z.abbreviation;
    if (key == "gmtOffSetMilliseconds") return static_cast<std::int64_t>(z.gmtoffset) * 1000;
    if (key == "market") return in.market;
    if (key == "esgPopulated") return false;
    if (key == "symbol") return in.symbol;
    // crypto
    if (key == "circulatingSupply") return static_cast<std::int64_t>(shares);
    if (key == "lastMarket") return "CoinMarketCap";
    if (key == "fromCurrency") return in.from_currency;
    if (key == "toCurrency") return in.to_currency + "=X";
    if (key == "coinMarketCapLink") {
      std::string slug;
      for (char c : name.substr(0, name.rfind(' ')))
        slug += c == ' ' ? '-' : static_cast<char>(std::tolower(c));
      return "https://coinmarketcap.com/currencies/" + slug;
    }
    if (key == "coinImageUrl" || key == "logoUrl") {
      return "https://s2.coinmarketcap.com/static/img/coins/64x64/" + std::to_string(1 + h % 30000) + ".png";
    }
    // futures
    if (key == "headSymbolAsString") return in.symbol;
    if (key == "contractSymbol") return false;
    if (key == "underlyingSymbol" || key == "underlyingExchangeSymbol") return underlying;
    if (key == "expireDate") return epoch(sys_seconds{expire_day});
    if (key == "expireIsoDate") return date::format("%FT%H:%M:%SZ", sys_seconds{expire_day});
    if (key == "openInterest") return static_cast<std::int64_t>(std::llround(in.base_volume * 2.6));
    return nullptr;
  };

  ojson q;
  auto fill = [&](const auto& keys) {
    for (const char* k : keys)
      q[k] = value(k);
  };
  switch (in.kind) {
    case AssetKind::crypto:
      fill(kCryptoKeys);
      break;
    case AssetKind::forex:
      fill(kCurrencyKeys);
      break;
    case AssetKind::future:
      fill(kFutureKeys);
      break;
    default:
      fill(kEquityKeys);
  }
  return q;
}

Response yahoo_error(unsigned status, const Request& req, std::string_view root) {
  switch (status) {
    case 401:
      return Response::json(401, std::string(kInvalidCrumb));
    case 404:
      if (root == "chart") return Response::json(404, std::string(kNotFound));
      return json_response(
          404,
          error_body(root, "Not Found", "Quote not found for symbol: " + req.param("symbols").value_or("")));
    case 418:
    case 429: {
      Response r = Response::text(status, std::string(kTooManyRequests));
      return r;
    }
    case 503:
      return json_response(503, error_body(root, "Service Unavailable", "Service temporarily unavailable"));
    default:
      return json_response(status, error_body(root, "Internal Server Error", "Internal Server Error"));
  }
}

}  // namespace

void add_yahoo_routes(Sandbox& sb, Router& router) {
  auto jar = std::make_shared<CrumbJar>();
  jar->secret = mix64(sb.options().seed ^ 0x59a400);

  Route cookie;
  cookie.id = "yahoo.cookie";
  cookie.family = "yahoo";
  cookie.pattern = "/";
  // fc.yahoo.com answers 404 and sets the cookie. No Domain or Secure, so a cookie jar keeps it on
  // plain http://127.0.0.1.
  cookie.handler = [jar](const Request& req) {
    Response r;
    r.status = 404;
    r.content_type = "text/html";
    r.body = "<!DOCTYPE html><html><head><title>Yahoo</title></head><body>Not Found</body></html>";
    r.headers.emplace_back("Set-Cookie", "A3=" + jar->cookie() + "; Expires=" +
                                             http_date(req.now + std::chrono::seconds{31557600}) +
                                             "; Max-Age=31557600; Path=/; SameSite=None; HttpOnly");
    return r;
  };
  cookie.error = [](unsigned status, const Request& req) { return yahoo_error(status, req, "finance"); };
  router.add(cookie);

  Route crumb;
  crumb.id = "yahoo.crumb";
  crumb.family = "yahoo";
  crumb.pattern = "/v1/test/getcrumb";
  crumb.handler = [jar](const Request& req) {
    auto c = req.cookie("A3");
    if (!c) c = req.cookie("A1");
    if (!c || !jar->valid(*c)) return Response::json(401, std::string(kInvalidCookie));
    return Response::text(200, jar->crumb(*c));
  };
  crumb.error = cookie.error;
  router.add(crumb);

  Route chart_route;
  chart_route.id = "yahoo.chart";
  chart_route.family = "yahoo";
  chart_route.pattern = "/v8/finance/chart/{symbol}";
  chart_route.handler = [&sb](const Request& req) { return chart(sb, req); };
  chart_route.error = [](unsigned status, const Request& req) { return yahoo_error(status, req, "chart"); };
  router.add(chart_route);

  Route quote;
  quote.id = "yahoo.quote";
  quote.family = "yahoo";
  quote.pattern = "/v7/finance/quote";
  quote.handler = [&sb, jar](const Request& req) {
    auto c = req.cookie("A3");
    if (!c) c = req.cookie("A1");
    auto crumb_param = req.param("crumb");
    if (!c || !crumb_param || !jar->valid(*c) || jar->crumb(*c) != *crumb_param) {
      return Response::json(401, std::string(kInvalidCrumb));
    }
    auto symbols = req.param("symbols");
    if (!symbols || comma_list(*symbols).empty()) {
      return json_response(400,
                           error_body("finance", "Bad Request", "Missing required query parameter=symbols"));
    }
    ojson result = ojson::array();
    for (const auto& s : comma_list(*symbols)) {
      if (auto in = sb.instrument(s)) result.push_back(quote_of(sb, *in, req.now));
    }
    ojson body;
    body["quoteResponse"] = {{"result", result}, {"error", nullptr}};
    return json_response(200, body);
  };
  quote.error = [](unsigned status, const Request& req) {
    if (status == 404) {  // an unknown symbol is left out of the result
      ojson body;
      body["quoteResponse"] = {{"result", ojson::array()}, {"error", nullptr}};
      return json_response(200, body);
    }
    return yahoo_error(status, req, "finance");
  };
  router.add(quote);
}

}  // namespace pricefeed::sandbox
