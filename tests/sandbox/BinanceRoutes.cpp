// Binance spot REST API (api.binance.com), the public market-data part:
//   GET /api/v3/klines        symbol, interval, startTime, endTime, limit (default 500, at most 1000)
//   GET /api/v3/ticker/24hr   symbol= or symbols=["A","B"] or neither (every pair)
//   GET /api/v3/ticker/price  the same selection
//   GET /api/v3/exchangeInfo  every pair listed, or symbol= / symbols=
// plus GET/POST /__sandbox/binance/weight to read and set the request-weight limit and count.
//
// Wire formats follow tests/fixtures/binance: numbers as decimal strings with 8 places, 12-element
// kline arrays, exchangeInfo with rateLimits, symbols and their filters. Every answer carries
// X-MBX-USED-WEIGHT-1M; a call past the weight limit is refused with 429 and code -1003. Errors are
// Binance's {"code":...,"msg":...} bodies with HTTP 400 (-1121 "Invalid symbol." for a pair not listed).
// Prices come from the PriceModel instrument BASE-QUOTE (BTCUSDT is BTC-USDT); docs/sandbox.md says
// what is modelled and what is not.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>

#include "tests/sandbox/BinanceListings.hpp"
#include "tests/sandbox/BinanceTicker.hpp"
#include "tests/sandbox/BinanceWeightMeter.hpp"
#include "tests/sandbox/Hashing.hpp"
#include "tests/sandbox/Sandbox.hpp"

namespace pricefeed::sandbox {

namespace {

using namespace std::chrono;
using ojson = nlohmann::ordered_json;
using boost::beast::http::verb;

constexpr std::int64_t kMinuteMs = 60'000;
constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::size_t kDefaultKlines = 500;
constexpr std::size_t kMaxKlines = 1000;

// Request weights (binance-spot-api-docs rest-api.md, since August 2023).
constexpr std::uint32_t kKlinesWeight = 2;
constexpr std::uint32_t kExchangeInfoWeight = 20;
constexpr std::uint32_t kTickerPriceOneWeight = 2;
constexpr std::uint32_t kTickerPriceManyWeight = 4;

std::uint32_t ticker_24hr_weight(std::size_t symbols) {  // 0: every pair
  if (symbols == 0 || symbols > 100) return 80;
  return symbols > 20 ? 40 : 2;
}

struct BinanceState {
  explicit BinanceState(std::size_t extra_pairs) : listings(extra_pairs) {}
  BinanceListings listings;
  BinanceWeightMeter meter;
};

// ---- Bodies ----------------------------------------------------------------------------------------

Response binance_json(unsigned status, std::string body) {
  Response r = Response::json(status, std::move(body));
  r.content_type = "application/json;charset=UTF-8";
  return r;
}

Response binance_error(unsigned status, int code, const std::string& msg) {
  return binance_json(status, ojson{{"code", code}, {"msg", msg}}.dump());
}

Response invalid_symbol() {
  return binance_error(400, -1121, "Invalid symbol.");
}

Response missing(const std::string& param) {
  return binance_error(400, -1102,
                       "Mandatory parameter '" + param + "' was not sent, was empty/null, or malformed.");
}

Response too_much_weight(std::uint32_t limit) {
  return binance_error(
      429, -1003,
      "Too much request weight used; current limit is " + std::to_string(limit) +
          " request weight per 1 MINUTE. Please use WebSocket Streams for live updates to avoid "
          "polling the API.");
}

std::optional<std::int64_t> digits(const std::string& text) {
  if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoll(text);
}

// Binance's symbols parameter: ["BTCUSDT","BNBUSDT"], no spaces; nullopt when malformed.
std::optional<std::vector<std::string>> symbols_list(const std::string& value) {
  if (value.size() < 2 || value.front() != '[' || value.back() != ']') return std::nullopt;
  std::vector<std::string> out;
  const std::string inner = value.substr(1, value.size() - 2);
  std::size_t at = 0;
  while (at < inner.size()) {
    const std::size_t comma = std::min(inner.find(',', at), inner.size());
    const std::string item = inner.substr(at, comma - at);
    if (item.size() < 3 || item.front() != '"' || item.back() != '"') return std::nullopt;
    const std::string symbol = item.substr(1, item.size() - 2);
    if (symbol.empty() || symbol.size() > 20 ||
        symbol.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.") != std::string::npos) {
      return std::nullopt;
    }
    out.push_back(symbol);
    at = comma + 1;
    if (comma == inner.size() - 1) return std::nullopt;  // a trailing comma
  }
  return out;
}

Response illegal_symbols() {
  return binance_error(400, -1100,
                       "Illegal characters found in parameter 'symbols'; legal range is "
                       "'^\\[(\"[A-Z0-9-_.]{1,20}\"(,\"[A-Z0-9-_.]{1,20}\"){0,}){0,1}\\]$'.");
}

// ---- Listings at an instant ------------------------------------------------------------------------

using Listed = BinancePair;

std::optional<Listed> listed(const Sandbox& sb, const BinanceState& st, std::string_view pair,
                             sys_seconds now) {
  return listed_pair(sb, st.listings, pair, now);
}

// Which pairs a ticker or exchangeInfo request names: symbol=, symbols=[...], or every listed pair.
struct Selection {
  std::vector<Listed> pairs;
  bool single = false;  // symbol=: the answer is one object, not an array
  std::optional<Response> error;
};

Selection select(const Sandbox& sb, const BinanceState& st, const Request& req) {
  Selection out;
  const auto symbol = req.param("symbol");
  const auto symbols = req.param("symbols");
  if (symbol && symbols) {
    out.error = binance_error(400, -1128, "Combination of optional parameters invalid.");
  } else if (symbol) {
    out.single = true;
    if (auto l = listed(sb, st, *symbol, req.now)) {
      out.pairs.push_back(std::move(*l));
    } else {
      out.error = symbol->empty() ? missing("symbol") : invalid_symbol();
    }
  } else if (symbols) {
    const auto list = symbols_list(*symbols);
    if (!list) {
      out.error = illegal_symbols();
    } else if (list->empty()) {
      out.error = missing("symbols");
    } else {
      for (const std::string& s : *list) {
        auto l = listed(sb, st, s, req.now);
        if (!l) {  // one unknown symbol fails the whole call, as at Binance
          out.error = invalid_symbol();
          out.pairs.clear();
          break;
        }
        out.pairs.push_back(std::move(*l));
      }
    }
  } else {
    for (const BinanceListing& l : st.listings.all()) {
      if (auto one = listed(sb, st, l.pair, req.now)) out.pairs.push_back(std::move(*one));
    }
  }
  return out;
}

// How many symbols a request names, for its weight (0: every pair).
std::size_t named_symbols(const Request& req) {
  if (req.param("symbol")) return 1;
  if (const auto symbols = req.param("symbols")) {
    const auto list = symbols_list(*symbols);
    return list && !list->empty() ? list->size() : 1;
  }
  return 0;
}

// ---- Klines ----------------------------------------------------------------------------------------

struct Kline {
  std::int64_t open_ms = 0;
  double open = 0, high = 0, low = 0, close = 0;
  double quote_volume = 0;  // the model's volume is in the quote currency
};

std::optional<int> interval_minutes(const std::string& interval) {
  static const std::pair<const char*, int> kServed[] = {{"1m", 1},   {"3m", 3},   {"5m", 5},    {"15m", 15},
                                                        {"30m", 30}, {"1h", 60},  {"2h", 120},  {"4h", 240},
                                                        {"6h", 360}, {"8h", 480}, {"12h", 720}, {"1d", 1440}};
  for (const auto& [name, minutes] : kServed) {
    if (interval == name) return minutes;
  }
  return std::nullopt;
}

// The klines of `minutes` whose open time is in [from_ms, to_ms] (and has come by now), ascending.
std::vector<Kline> klines_between(const Sandbox& sb, const Listed& pair, int minutes, std::int64_t from_ms,
                                  std::int64_t to_ms, sys_seconds now) {
  std::int64_t last_ms = std::min(to_ms, duration_cast<milliseconds>(now.time_since_epoch()).count());
  if (pair.listing->last_trading_day) {
    last_ms =
        std::min(last_ms, (pair.listing->last_trading_day->time_since_epoch().count() + 1) * kDayMs - 1);
  }
  std::vector<Kline> out;
  if (from_ms > last_ms) return out;
  const sys_days first_day{days{from_ms / kDayMs}};
  const sys_days last_day{days{last_ms / kDayMs}};
  if (minutes == 1440) {
    auto bars = sb.model().daily_bars(pair.instrument, first_day, last_day, now);
    sb.scenarios().apply("binance", pair.instrument, bars);
    for (const Bar& b : bars) {
      const std::int64_t open = b.ts.time_since_epoch().count() * 1000;
      if (open < from_ms || open > last_ms) continue;
      out.push_back({open, b.open, b.high, b.low, b.close, static_cast<double>(b.volume)});
    }
    return out;
  }
  // Larger intervals gather the one-minute path from 00:00 UTC, so a kline in progress holds only the
  // minutes up to now, as Binance's does.
  const std::int64_t step = minutes * kMinuteMs;
  auto minute_bars = sb.model().intraday_bars(pair.instrument, 1, first_day, last_day, now);
  sb.scenarios().apply("binance", pair.instrument, minute_bars);
  for (const Bar& m : minute_bars) {
    const std::int64_t minute_ms = m.ts.time_since_epoch().count() * 1000;
    const std::int64_t open = minute_ms / step * step;
    if (open < from_ms || open > last_ms) continue;
    if (out.empty() || out.back().open_ms != open) {
      out.push_back({open, m.open, m.high, m.low, m.close, static_cast<double>(m.volume)});
      continue;
    }
    Kline& k = out.back();
    k.high = std::max(k.high, m.high);
    k.low = std::min(k.low, m.low);
    k.close = m.close;
    k.quote_volume += static_cast<double>(m.volume);
  }
  return out;
}

ojson kline_row(const Listed& pair, const Kline& k, int minutes) {
  const int price_decimals = pair.instrument.price_hint;
  const double typical = (k.open + k.high + k.low + k.close) / 4;
  const int qty_decimals = quantity_decimals(pair.instrument.anchor_price);
  const double volume = k.quote_volume / typical;
  const std::uint64_t h = hash_combine(fnv1a64(pair.listing->pair), {k.open_ms, minutes});
  const double taker_share = 0.4 + 0.2 * unit_interval(h);
  const auto trades = static_cast<std::int64_t>(std::max(1.0, std::round(k.quote_volume / 2000)));
  return ojson::array({k.open_ms, binance_decimal(k.open, price_decimals),
                       binance_decimal(k.high, price_decimals), binance_decimal(k.low, price_decimals),
                       binance_decimal(k.close, price_decimals), binance_decimal(volume, qty_decimals),
                       k.open_ms + minutes * kMinuteMs - 1, binance_decimal(k.quote_volume, 8), trades,
                       binance_decimal(volume * taker_share, qty_decimals),
                       binance_decimal(k.quote_volume * taker_share, 8), "0"});
}

Response klines(const Sandbox& sb, const BinanceState& st, const Request& req) {
  const auto symbol = req.param("symbol");
  if (!symbol || symbol->empty()) return missing("symbol");
  const auto interval = req.param("interval");
  if (!interval || interval->empty()) return missing("interval");
  const auto pair = listed(sb, st, *symbol, req.now);
  if (!pair) return invalid_symbol();
  // 1s, 3d, 1w and 1M are Binance intervals the sandbox does not serve (docs/sandbox.md).
  const auto minutes = interval_minutes(*interval);
  if (!minutes) return binance_error(400, -1120, "Invalid interval.");

  std::size_t limit = kDefaultKlines;
  if (const auto text = req.param("limit")) {
    const auto value = digits(*text);
    if (!value) {
      return binance_error(400, -1100,
                           "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.");
    }
    if (*value < 1 || *value > static_cast<std::int64_t>(kMaxKlines)) {
      return binance_error(400, -1130, "Data sent for parameter 'limit' is not valid.");
    }
    limit = static_cast<std::size_t>(*value);
  }
  std::optional<std::int64_t> start, end;
  for (auto [name, target] : {std::pair{"startTime", &start}, std::pair{"endTime", &end}}) {
    if (const auto text = req.param(name)) {
      *target = digits(*text);
      if (!*target) {
        return binance_error(400, -1100,
                             std::string("Illegal characters found in parameter '") + name +
                                 "'; legal range is '^[0-9]{1,20}$'.");
      }
    }
  }
  if (start && end && *start > *end) return binance_error(400, -1023, "Start time is greater than end time.");

  // Only as many days as `limit` klines span are worked out. From a start: the first `limit` klines
  // opening at or after it (a start before the listing gets the listing's first klines); otherwise the
  // last `limit` opening at or before the end (or now).
  const std::int64_t step = *minutes * kMinuteMs;
  const std::int64_t span = static_cast<std::int64_t>(limit) * step;
  const std::int64_t now_ms = duration_cast<milliseconds>(req.now.time_since_epoch()).count();
  std::vector<Kline> rows;
  if (start) {
    const std::int64_t listed_ms = pair->instrument.first_trade_day.time_since_epoch().count() * kDayMs;
    const std::int64_t from = std::max(*start, listed_ms);
    rows = klines_between(sb, *pair, *minutes, from, std::min(end.value_or(now_ms), from + span), req.now);
    if (rows.size() > limit) rows.resize(limit);
  } else {
    // A pair that stopped trading answers its last klines, not an empty list.
    std::int64_t to = end.value_or(now_ms);
    if (pair->listing->last_trading_day) {
      to = std::min(to, (pair->listing->last_trading_day->time_since_epoch().count() + 1) * kDayMs - 1);
    }
    rows = klines_between(sb, *pair, *minutes, std::max<std::int64_t>(0, to - span), to, req.now);
    if (rows.size() > limit) rows.erase(rows.begin(), rows.end() - static_cast<std::ptrdiff_t>(limit));
  }
  ojson body = ojson::array();
  for (const Kline& k : rows)
    body.push_back(kline_row(*pair, k, *minutes));
  return binance_json(200, body.dump());
}

// ---- Tickers ---------------------------------------------------------------------------------------

ojson ticker_price(const Sandbox& sb, const Listed& pair, sys_seconds now) {
  return {{"symbol", pair.listing->pair},
          {"price", binance_decimal(last_price(sb, pair, now), pair.instrument.price_hint)}};
}

// The rolling 24-hour statistics, from the model's one-minute path.
ojson ticker_24hr(const Sandbox& sb, const Listed& pair, sys_seconds now) {
  const RollingDay day = rolling_day(sb, pair, now);
  const double open = day.open, high = day.high, low = day.low, last = day.last;
  const double volume = day.volume, quote_volume = day.quote_volume;
  const sys_seconds open_time = day.open_time, close_time = day.close_time;
  const int p = pair.instrument.price_hint;
  const int q = quantity_decimals(pair.instrument.anchor_price);
  const double tick = std::pow(10.0, -p);
  const std::uint64_t h = hash_combine(fnv1a64(pair.listing->pair), {close_time.time_since_epoch().count()});
  const auto count = static_cast<std::int64_t>(std::max(1.0, std::round(quote_volume / 2000)));
  const std::int64_t last_id = 1'000'000'000 + static_cast<std::int64_t>(h % 1'000'000'000);
  const auto ms = [](sys_seconds t) { return t.time_since_epoch().count() * 1000; };
  char change_percent[32];
  std::snprintf(change_percent, sizeof change_percent, "%.3f", open > 0 ? (last - open) / open * 100 : 0.0);
  const double change = last - open;
  return {{"symbol", pair.listing->pair},
          {"priceChange", (change < 0 ? "-" : "") + binance_decimal(std::abs(change), p)},
          {"priceChangePercent", change_percent},
          {"weightedAvgPrice", binance_decimal(volume > 0 ? quote_volume / volume : last, p)},
          {"prevClosePrice", binance_decimal(open, p)},
          {"lastPrice", binance_decimal(last, p)},
          {"lastQty", binance_decimal(std::pow(10.0, -q) * static_cast<double>(1 + h % 500), q)},
          {"bidPrice", binance_decimal(std::max(tick, last - tick), p)},
          {"bidQty", binance_decimal(std::pow(10.0, -q) * static_cast<double>(1 + (h >> 10) % 5000), q)},
          {"askPrice", binance_decimal(last + tick, p)},
          {"askQty", binance_decimal(std::pow(10.0, -q) * static_cast<double>(1 + (h >> 20) % 5000), q)},
          {"openPrice", binance_decimal(open, p)},
          {"highPrice", binance_decimal(high, p)},
          {"lowPrice", binance_decimal(low, p)},
          {"volume", binance_decimal(volume, q)},
          {"quoteVolume", binance_decimal(quote_volume, 8)},
          {"openTime", ms(open_time)},
          {"closeTime", ms(close_time)},
          {"firstId", last_id - count + 1},
          {"lastId", last_id},
          {"count", count}};
}

Response tickers(const Sandbox& sb, const BinanceState& st, const Request& req,
                 ojson (*one)(const Sandbox&, const Listed&, sys_seconds)) {
  Selection selection = select(sb, st, req);
  if (selection.error) return *selection.error;
  if (selection.single) return binance_json(200, one(sb, selection.pairs.front(), req.now).dump());
  ojson body = ojson::array();
  for (const Listed& pair : selection.pairs)
    body.push_back(one(sb, pair, req.now));
  return binance_json(200, body.dump());
}

// ---- exchangeInfo ----------------------------------------------------------------------------------

ojson filters_of(const Listed& pair) {
  const int p = pair.instrument.price_hint;
  const double price = pair.instrument.anchor_price;
  const int q = quantity_decimals(price);
  const double max_qty = price >= 1000 ? 9000 : (price >= 1 ? 900'000 : 90'000'000'000.0);
  const std::string min_notional = pair.listing->quote == "BTC"   ? "0.00010000"
                                   : pair.listing->quote == "ETH" ? "0.00100000"
                                                                  : "10.00000000";
  return ojson::array({{{"filterType", "PRICE_FILTER"},
                        {"minPrice", binance_decimal(std::pow(10.0, -p), p)},
                        {"maxPrice", binance_decimal(1'000'000, p)},
                        {"tickSize", binance_decimal(std::pow(10.0, -p), p)}},
                       {{"filterType", "PERCENT_PRICE"},
                        {"multiplierUp", "5"},
                        {"multiplierDown", "0.2"},
                        {"avgPriceMins", 5}},
                       {{"filterType", "LOT_SIZE"},
                        {"minQty", binance_decimal(std::pow(10.0, -q), q)},
                        {"maxQty", binance_decimal(max_qty, q)},
                        {"stepSize", binance_decimal(std::pow(10.0, -q), q)}},
                       {{"filterType", "MIN_NOTIONAL"},
                        {"minNotional", min_notional},
                        {"applyToMarket", true},
                        {"avgPriceMins", 5}},
                       {{"filterType", "ICEBERG_PARTS"}, {"limit", 10}},
                       {{"filterType", "MARKET_LOT_SIZE"},
                        {"minQty", binance_decimal(0, 8)},
                        {"maxQty", binance_decimal(max_qty / 80, q)},
                        {"stepSize", binance_decimal(0, 8)}},
                       {{"filterType", "MAX_NUM_ORDERS"}, {"maxNumOrders", 200}},
                       {{"filterType", "MAX_NUM_ALGO_ORDERS"}, {"maxNumAlgoOrders", 5}}});
}

ojson symbol_of(const Listed& pair) {
  const BinanceListing& l = *pair.listing;
  ojson permissions = ojson::array({"SPOT"});
  if (l.margin) permissions.push_back("MARGIN");
  return {{"symbol", l.pair},
          {"status", l.status},
          {"baseAsset", l.base},
          {"baseAssetPrecision", 8},
          {"quoteAsset", l.quote},
          {"quotePrecision", 8},
          {"quoteAssetPrecision", 8},
          {"baseCommissionPrecision", 8},
          {"quoteCommissionPrecision", 8},
          {"orderTypes", {"LIMIT", "LIMIT_MAKER", "MARKET", "STOP_LOSS_LIMIT", "TAKE_PROFIT_LIMIT"}},
          {"icebergAllowed", true},
          {"ocoAllowed", true},
          {"quoteOrderQtyMarketAllowed", true},
          {"isSpotTradingAllowed", l.trading()},
          {"isMarginTradingAllowed", l.margin},
          {"allowTrailingStop", false},
          {"filters", filters_of(pair)},
          {"permissions", permissions}};
}

Response exchange_info(const Sandbox& sb, const BinanceState& st, const Request& req) {
  Selection selection = select(sb, st, req);
  if (selection.error) return *selection.error;
  ojson symbols = ojson::array();
  for (const Listed& pair : selection.pairs)
    symbols.push_back(symbol_of(pair));
  ojson body;
  body["timezone"] = "UTC";
  body["serverTime"] = req.now.time_since_epoch().count() * 1000;
  body["rateLimits"] = ojson::array(
      {{{"rateLimitType", "REQUEST_WEIGHT"},
        {"interval", "MINUTE"},
        {"intervalNum", 1},
        {"limit", st.meter.limit()}},
       {{"rateLimitType", "ORDERS"}, {"interval", "SECOND"}, {"intervalNum", 10}, {"limit", 100}},
       {{"rateLimitType", "ORDERS"}, {"interval", "DAY"}, {"intervalNum", 1}, {"limit", 200000}},
       {{"rateLimitType", "RAW_REQUESTS"}, {"interval", "MINUTE"}, {"intervalNum", 5}, {"limit", 61000}}});
  body["exchangeFilters"] = ojson::array();
  body["symbols"] = symbols;
  return binance_json(200, body.dump());
}

// ---- Errors the sandbox's machinery sends (rate limit, faults) -------------------------------------

Response binance_error_for(unsigned status, const Request& req, const BinanceWeightMeter& meter) {
  Response r;
  switch (status) {
    case 404:  // the fault "unknown_symbol": Binance says so with 400
      r = invalid_symbol();
      break;
    case 429:
      r = too_much_weight(meter.limit());
      break;
    case 418:
      r = binance_error(418, -1003,
                        "Way too much request weight used; IP banned until " +
                            std::to_string((req.now + minutes{2}).time_since_epoch().count() * 1000) +
                            ". Please use WebSocket Streams for live updates to avoid bans.");
      break;
    case 401:
      r = binance_error(401, -2015, "Invalid API-key, IP, or permissions for action.");
      break;
    case 503:
      r = binance_error(
          503, -1008,
          "Server is currently overloaded with other requests. Please try again in a few minutes.");
      break;
    default:
      r = binance_error(status, -1000, "An unknown error occurred while processing the request.");
  }
  r.headers.emplace_back("X-MBX-USED-WEIGHT-1M", std::to_string(meter.used()));
  return r;
}

}  // namespace

void add_binance_routes(Sandbox& sb, Router& router) {
  auto st = std::make_shared<BinanceState>(sb.options().binance_extra_pairs);

  // Every call is charged its weight first; the answer, refused or not, reports the minute's total.
  auto add = [&](std::string id, std::string pattern, std::function<std::uint32_t(const Request&)> weight,
                 std::function<Response(const Request&)> answer) {
    Route r;
    r.id = std::move(id);
    r.family = "binance";
    r.pattern = std::move(pattern);
    r.handler = [st, weight = std::move(weight), answer = std::move(answer)](const Request& req) {
      const BinanceWeightMeter::Charge charge = st->meter.charge(weight(req));
      Response res = charge.admitted ? answer(req) : too_much_weight(st->meter.limit());
      if (!charge.admitted)
        res.headers.emplace_back("Retry-After", std::to_string(charge.retry_after_seconds));
      res.headers.emplace_back("X-MBX-USED-WEIGHT-1M", std::to_string(charge.used));
      return res;
    };
    r.error = [st](unsigned status, const Request& req) { return binance_error_for(status, req, st->meter); };
    r.symbols = [](const Request& req) {
      if (auto s = req.param("symbol")) return std::vector<std::string>{*s};
      if (auto s = req.param("symbols")) return symbols_list(*s).value_or(std::vector<std::string>{});
      return std::vector<std::string>{};
    };
    router.add(std::move(r));
  };

  add(
      "binance.klines", "/api/v3/klines", [](const Request&) { return kKlinesWeight; },
      [&sb, st](const Request& req) { return klines(sb, *st, req); });
  add(
      "binance.ticker_24hr", "/api/v3/ticker/24hr",
      [](const Request& req) { return ticker_24hr_weight(named_symbols(req)); },
      [&sb, st](const Request& req) { return tickers(sb, *st, req, &ticker_24hr); });
  add(
      "binance.ticker_price", "/api/v3/ticker/price",
      [](const Request& req) {
        return named_symbols(req) == 1 && req.param("symbol") ? kTickerPriceOneWeight
                                                              : kTickerPriceManyWeight;
      },
      [&sb, st](const Request& req) { return tickers(sb, *st, req, &ticker_price); });
  add(
      "binance.exchange_info", "/api/v3/exchangeInfo", [](const Request&) { return kExchangeInfoWeight; },
      [&sb, st](const Request& req) { return exchange_info(sb, *st, req); });

  // The weight limit and this minute's count: {"limit":6000,"used":12}; POST either to change it.
  auto weight_state = [st] {
    return Response::json(200,
                          nlohmann::json{{"limit", st->meter.limit()}, {"used", st->meter.used()}}.dump());
  };
  Route get_weight;
  get_weight.id = "sandbox.binance_weight";
  get_weight.family = "sandbox";
  get_weight.pattern = "/__sandbox/binance/weight";
  get_weight.control = true;
  get_weight.handler = [weight_state](const Request&) { return weight_state(); };
  router.add(get_weight);
  Route set_weight = get_weight;
  set_weight.method = verb::post;
  set_weight.handler = [st, weight_state](const Request& req) {
    try {
      const nlohmann::json body =
          req.body.empty() ? nlohmann::json::object() : nlohmann::json::parse(req.body);
      if (body.contains("limit")) st->meter.set_limit(body.at("limit").get<std::uint32_t>());
      if (body.contains("used")) st->meter.set_used(body.at("used").get<std::uint32_t>());
    } catch (const std::exception& e) {
      return Response::json(400, nlohmann::json{{"error", e.what()}}.dump());
    }
    return weight_state();
  };
  router.add(set_weight);
}

}  // namespace pricefeed::sandbox
