// CoinGecko's API v3 (api.coingecko.com/api/v3), served under the real paths, so a source's base_url is
// the sandbox's address + "/api/v3":
//   GET /api/v3/coins/{id}/market_chart/range  coingecko.market_chart_range  vs_currency, from, to [,
//   interval] GET /api/v3/coins/{id}/market_chart        coingecko.market_chart        vs_currency, days [,
//   interval] GET /api/v3/simple/price                   coingecko.simple_price        ids, vs_currencies,
//   include_* GET /api/v3/coins/list                     coingecko.coins_list          [include_platform] GET
//   /api/v3/coins/markets                  coingecko.coins_markets       vs_currency [, ids, order,
//                                                                            per_page, page, sparkline,
//                                                                            price_change_percentage]
// The coins are CoinUniverse's; a coin's prices in a currency are the PriceModel's of the instrument
// SYMBOL-CURRENCY (bitcoin in usd is BTC-USD), so /__sandbox/truth/BTC-USD and Yahoo's BTC-USD chart
// give the same numbers. The price at an instant t is the close of the model's bar that ends at t: a
// daily point at 00:00 UTC of D carries the close of D-1 and D-1's volume (the 24 hours up to t), as
// CoinGecko's midnight snapshot does. The shapes follow tests/fixtures/coingecko; docs/sandbox.md
// lists what is modelled and what is not.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <string>
#include <variant>
#include <vector>

#include <date/date.h>
#include <nlohmann/json.hpp>

#include "tests/sandbox/CoinUniverse.hpp"
#include "tests/sandbox/Sandbox.hpp"

namespace pricefeed::sandbox {

namespace {

using namespace std::chrono;
using ojson = nlohmann::ordered_json;

// The recorded bodies (tests/fixtures/coingecko), word for word.
constexpr std::string_view kCoinNotFound = R"({"error":"coin not found"})";
constexpr std::string_view kRateLimitMessage =
    "You've exceeded the Rate Limit. Please visit https://www.coingecko.com/en/api/pricing to subscribe to "
    "our API plans for higher rate limits.";
constexpr std::string_view kHistoryLimitMessage =
    "Your request exceeds the allowed time range. Public API users are limited to querying historical data "
    "within the past 365 days. Upgrade to a paid plan to enjoy full historical data access: "
    "https://www.coingecko.com/en/api/pricing. ";
// Not recorded: CoinGecko's documented codes with our wording.
constexpr std::string_view kPlanRestrictedMessage =
    "This request is limited Enterprise plan subscribers. You can upgrade at "
    "https://www.coingecko.com/en/api/pricing";
constexpr std::string_view kKeyMissingMessage = "API Key Missing";

constexpr int kHistoryLimitDays = 365;
// CoinGecko's vs currencies that the price model has an instrument for.
const std::set<std::string, std::less<>> kVsCurrencies = {"usd", "eur", "gbp", "jpy", "cad",
                                                          "aud", "chf", "btc", "eth"};

enum class Access { keyless, demo, pro };

// A Pro key lifts the 365-day limit and the Enterprise-only intervals; a demo key is the keyless API
// with a key. Any non-empty key is accepted.
Access access_of(const Request& req) {
  if (auto key = req.header("x-cg-pro-api-key"); key && !key->empty()) return Access::pro;
  if (auto key = req.header("x-cg-demo-api-key"); key && !key->empty()) return Access::demo;
  return Access::keyless;
}

// Integral amounts (market caps, volumes) print as JSON integers, as CoinGecko's do.
ojson whole(double v) {
  const double r = std::round(v);
  if (std::isfinite(r) && std::fabs(r) < 9e15) return ojson(static_cast<std::int64_t>(r));
  return ojson(v);
}

std::int64_t epoch(sys_seconds t) {
  return t.time_since_epoch().count();
}
std::int64_t epoch_ms(sys_seconds t) {
  return epoch(t) * 1000;
}

// CoinGecko's ISO instants: "2026-05-18T12:49:21.599Z" (the sandbox's clock has whole seconds).
std::string iso_instant(sys_seconds t) {
  return date::format("%FT%T", t) + ".000Z";
}

Response error_message(unsigned status, std::string_view text) {
  return Response::json(status, ojson{{"error", text}}.dump());
}

Response status_error(unsigned status, int code, std::string_view text) {
  return Response::json(status, ojson{{"status", {{"error_code", code}, {"error_message", text}}}}.dump());
}

// Error 10012, as recorded (served with 401), with the request's time.
Response history_limit(const Request& req) {
  ojson status;
  status["timestamp"] = date::format("%FT%T", req.now) + ".000+00:00";
  status["error_code"] = 10012;
  status["error_message"] = kHistoryLimitMessage;
  return Response::json(401, ojson{{"error", {{"status", status}}}}.dump());
}

Response coingecko_error(unsigned status, const Request& /*req*/) {
  switch (status) {
    case 404:
      return Response::json(404, std::string(kCoinNotFound));
    case 418:
    case 429:
      return status_error(status, 429, kRateLimitMessage);
    case 401:
      return status_error(401, 10002, kKeyMissingMessage);
    case 503:
      return status_error(503, 503, "Service Unavailable");
    default:
      return status_error(status, 500, "Internal Server Error");
  }
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool flag(const Request& req, std::string_view name) {
  return lower(req.param(name).value_or("false")) == "true";
}

// UNIX seconds (fractions allowed) or an ISO date "YYYY-MM-DD" / "YYYY-MM-DDTHH:MM", as CoinGecko takes.
std::optional<sys_seconds> parse_time(const std::string& text) {
  if (text.empty()) return std::nullopt;
  if (text.find('-') != std::string::npos) {
    const auto day = parse_iso_date(std::string_view(text).substr(0, 10));
    if (!day) return std::nullopt;
    if (text.size() == 10) return sys_seconds{*day};
    // YYYY-MM-DDTHH:MM
    const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    if (text.size() != 16 || text[10] != 'T' || text[13] != ':' || !digit(11) || !digit(12) || !digit(14) ||
        !digit(15)) {
      return std::nullopt;
    }
    const int h = std::stoi(text.substr(11, 2)), m = std::stoi(text.substr(14, 2));
    if (h > 23 || m > 59) return std::nullopt;
    return sys_seconds{*day} + hours{h} + minutes{m};
  }
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used != text.size() || !std::isfinite(v) || v < 0 || v > 253402300799.0) return std::nullopt;
    return sys_seconds{seconds{static_cast<std::int64_t>(v)}};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

sys_seconds floor_to(sys_seconds t, minutes step) {
  const auto s = duration_cast<seconds>(step).count();
  const std::int64_t v = epoch(t);
  return sys_seconds{seconds{v - (((v % s) + s) % s)}};
}
sys_seconds ceil_to(sys_seconds t, minutes step) {
  const sys_seconds f = floor_to(t, step);
  return f == t ? t : f + step;
}

// A coin priced in a vs currency.
struct Priced {
  const Coin* coin = nullptr;
  Instrument instrument;
};

std::optional<Priced> priced(const Sandbox& sb, const Coin& coin, const std::string& vs) {
  auto in = sb.instrument(coin.symbol + "-" + to_upper(vs));
  if (!in) return std::nullopt;
  return Priced{&coin, *in};
}

// The market as it is at `now`, from the model's minute bars of yesterday and today.
struct Live {
  bool known = false;
  double price = 0, high_24h = 0, low_24h = 0, volume_24h = 0, price_24h_ago = 0;
};

Live live(const Sandbox& sb, const Instrument& in, sys_seconds now) {
  Live out;
  const sys_days today = floor<days>(now);
  auto minutes_ = sb.model().intraday_bars(in, 1, today - days{1}, today, now);
  sb.scenarios().apply("coingecko", in, minutes_);
  if (minutes_.empty()) return out;
  out.known = true;
  out.price = minutes_.back().close;
  out.price_24h_ago = minutes_.front().open;
  out.high_24h = 0;
  out.low_24h = std::numeric_limits<double>::max();
  const sys_seconds window = now - hours{24};
  for (const Bar& b : minutes_) {
    if (b.ts + minutes{1} <= window) {
      out.price_24h_ago = b.close;
      continue;
    }
    out.high_24h = std::max(out.high_24h, b.high);
    out.low_24h = std::min(out.low_24h, b.low);
    out.volume_24h += static_cast<double>(b.volume);
  }
  return out;
}

// [ms, value] series of one chart answer.
struct Series {
  ojson prices = ojson::array(), market_caps = ojson::array(), total_volumes = ojson::array();

  void add(sys_seconds t, double price, double volume, double supply) {
    prices.push_back({epoch_ms(t), price});
    market_caps.push_back({epoch_ms(t), price * supply});
    total_volumes.push_back({epoch_ms(t), volume});
  }
  Response response() const {
    ojson body;
    body["prices"] = prices;
    body["market_caps"] = market_caps;
    body["total_volumes"] = total_volumes;
    return Response::json(200, body.dump());
  }
};

// The points of [from, to] at `step` (1440 = daily at 00:00 UTC), then the trailing "now" point when the
// range reaches now.
Series chart_series(const Sandbox& sb, const Priced& p, sys_seconds from, sys_seconds to, sys_seconds now,
                    int step_minutes) {
  Series out;
  const double supply = p.coin->circulating_supply;
  const sys_seconds last = std::min(to, now);
  sys_seconds last_point{};
  if (step_minutes >= 1440) {
    const sys_days first_day = floor<days>(ceil_to(from, minutes{1440}));
    const sys_days last_day = floor<days>(last);
    if (first_day <= last_day) {
      // The point at 00:00 of D closes D-1.
      auto bars = sb.model().daily_bars(p.instrument, first_day - days{1}, last_day - days{1}, now);
      sb.scenarios().apply("coingecko", p.instrument, bars);
      for (const Bar& b : bars) {
        const sys_seconds t = sys_seconds{b.day + days{1}};
        if (t > now) continue;
        out.add(t, b.close, static_cast<double>(b.volume), supply);
        last_point = t;
      }
    }
  } else {
    const minutes step{step_minutes};
    const sys_seconds first_t = ceil_to(from, step);
    const sys_seconds last_t = floor_to(last, step);
    if (first_t <= last_t) {
      // Bars from a day before the first point, for its 24-hour volume.
      auto bars = sb.model().intraday_bars(p.instrument, step_minutes, floor<days>(first_t - hours{25}),
                                           floor<days>(last_t), now);
      sb.scenarios().apply("coingecko", p.instrument, bars);
      std::vector<double> running(bars.size() + 1, 0.0);  // running volume totals
      for (std::size_t i = 0; i < bars.size(); ++i)
        running[i + 1] = running[i] + static_cast<double>(bars[i].volume);
      std::size_t window_start = 0;
      for (std::size_t i = 0; i < bars.size(); ++i) {
        const sys_seconds t = bars[i].ts + step;  // the bar ends at the point
        if (t < first_t || t > last_t || t > now) continue;
        while (bars[window_start].ts < t - hours{24})
          ++window_start;
        out.add(t, bars[i].close, running[i + 1] - running[window_start], supply);
        last_point = t;
      }
    }
  }
  if (to >= now && last_point != now) {
    const Live l = live(sb, p.instrument, now);
    if (l.known) out.add(now, l.price, l.volume_24h, supply);
  }
  return out;
}

// The coin of {id} and the currency of vs_currency, or the error CoinGecko answers.
std::variant<Priced, Response> coin_and_currency(const Sandbox& sb, const Request& req) {
  const Coin* coin = find_coin_by_id(req.params.at("id"));
  if (!coin) return Response::json(404, std::string(kCoinNotFound));
  const auto vs = req.param("vs_currency");
  if (!vs || vs->empty()) return error_message(400, "Missing parameter vs_currency");
  if (!kVsCurrencies.count(lower(*vs))) return error_message(400, "invalid vs_currency");
  auto p = priced(sb, *coin, lower(*vs));
  if (!p) return error_message(400, "invalid vs_currency");
  return *p;
}

// interval= of the chart endpoints: "" (CoinGecko chooses), "daily", or the Enterprise-only "hourly"
// and "5m" (served with a Pro key). The step in minutes, or the error.
std::variant<int, Response> explicit_interval(const Request& req) {
  const std::string interval = lower(req.param("interval").value_or(""));
  if (interval.empty()) return 0;
  if (interval == "daily") return 1440;
  if (interval == "hourly" || interval == "5m") {
    if (access_of(req) != Access::pro) return status_error(401, 10005, kPlanRestrictedMessage);
    return interval == "hourly" ? 60 : 5;
  }
  return error_message(400, "invalid interval");
}

Response market_chart_range(const Sandbox& sb, const Request& req) {
  auto found = coin_and_currency(sb, req);
  if (auto* r = std::get_if<Response>(&found)) return *r;
  const Priced& p = std::get<Priced>(found);
  const auto from_text = req.param("from"), to_text = req.param("to");
  if (!from_text) return error_message(400, "Missing parameter from");
  if (!to_text) return error_message(400, "Missing parameter to");
  const auto from = parse_time(*from_text), to = parse_time(*to_text);
  if (!from || !to) return error_message(400, "invalid from or to: UNIX seconds or YYYY-MM-DD(THH:MM)");
  if (*from > *to) return error_message(400, "from must not be after to");
  const sys_seconds now = req.now;
  if (access_of(req) != Access::pro && *from < now - days{kHistoryLimitDays}) return history_limit(req);

  auto interval = explicit_interval(req);
  if (auto* r = std::get_if<Response>(&interval)) return *r;
  int step = std::get<int>(interval);
  if (step == 0) {
    // "1 day from current time = 5-minutely; 1 day from any other time, 2-90 days = hourly; above 90
    // days = daily (00:00 UTC)".
    const auto span = *to - *from;
    step = span <= days{1} && *from >= now - days{1} ? 5 : (span <= days{90} ? 60 : 1440);
  }
  return chart_series(sb, p, *from, *to, now, step).response();
}

Response market_chart(const Sandbox& sb, const Request& req) {
  auto found = coin_and_currency(sb, req);
  if (auto* r = std::get_if<Response>(&found)) return *r;
  const Priced& p = std::get<Priced>(found);
  const auto days_text = req.param("days");
  if (!days_text || days_text->empty()) return error_message(400, "Missing parameter days");
  const sys_seconds now = req.now;
  sys_seconds from;
  int n = 0;
  if (lower(*days_text) == "max") {
    from = sys_seconds{p.instrument.first_trade_day};
    n = static_cast<int>(floor<days>(now - from).count());
  } else {
    try {
      std::size_t used = 0;
      n = std::stoi(*days_text, &used);
      if (used != days_text->size() || n < 1) throw std::invalid_argument("days");
    } catch (const std::exception&) {
      return error_message(400, "invalid days: a whole number of days from 1, or max");
    }
    from = now - days{n};
  }
  if (access_of(req) != Access::pro && (n > kHistoryLimitDays || lower(*days_text) == "max")) {
    return history_limit(req);
  }
  auto interval = explicit_interval(req);
  if (auto* r = std::get_if<Response>(&interval)) return *r;
  int step = std::get<int>(interval);
  if (step == 0) step = n <= 1 ? 5 : (n <= 90 ? 60 : 1440);
  return chart_series(sb, p, from, now, now, step).response();
}

Response simple_price(const Sandbox& sb, const Request& req) {
  const auto ids = req.param("ids");
  if (!ids || comma_list(*ids).empty()) return error_message(400, "Missing parameter ids");
  const auto vs_list = req.param("vs_currencies");
  if (!vs_list || comma_list(*vs_list).empty()) return error_message(400, "Missing parameter vs_currencies");
  const bool market_cap = flag(req, "include_market_cap"), volume = flag(req, "include_24hr_vol"),
             change = flag(req, "include_24hr_change"), updated = flag(req, "include_last_updated_at");
  const sys_seconds now = req.now;
  ojson body = ojson::object();
  for (const std::string& id : comma_list(*ids)) {
    const Coin* coin = find_coin_by_id(lower(id));
    if (!coin || body.contains(coin->id)) continue;  // unknown ids are left out
    ojson prices = ojson::object();
    for (const std::string& vs_any : comma_list(*vs_list)) {
      const std::string vs = lower(vs_any);
      if (!kVsCurrencies.count(vs)) continue;  // so are currencies CoinGecko does not quote in
      const auto p = priced(sb, *coin, vs);
      if (!p) continue;
      const Live l = live(sb, p->instrument, now);
      if (!l.known) continue;
      prices[vs] = l.price;
      if (market_cap) prices[vs + "_market_cap"] = l.price * coin->circulating_supply;
      if (volume) prices[vs + "_24h_vol"] = l.volume_24h;
      if (change) prices[vs + "_24h_change"] = (l.price / l.price_24h_ago - 1.0) * 100.0;
    }
    // The price is refreshed every minute: last_updated_at is the minute's start.
    if (updated) prices["last_updated_at"] = epoch(floor_to(now, minutes{1}));
    body[coin->id] = prices;
  }
  return Response::json(200, body.dump());
}

Response coins_list(const Request& req) {
  const bool platforms = flag(req, "include_platform");
  std::vector<const Coin*> coins;
  for (const Coin& c : coin_universe())
    coins.push_back(&c);
  // CoinGecko lists coins by id.
  std::sort(coins.begin(), coins.end(), [](const Coin* a, const Coin* b) { return a->id < b->id; });
  ojson body = ojson::array();
  for (const Coin* c : coins) {
    ojson coin;
    coin["id"] = c->id;
    coin["symbol"] = lower(c->symbol);
    coin["name"] = c->name;
    if (platforms) coin["platforms"] = ojson::object();
    body.push_back(coin);
  }
  return Response::json(200, body.dump());
}

// The percentage change of the price over a period, from the model (hours for 1h, days otherwise).
double change_over(const Sandbox& sb, const Instrument& in, sys_seconds now, const std::string& period,
                   double price) {
  sys_seconds then;
  if (period == "1h") {
    then = now - hours{1};
  } else if (period == "1y") {
    then = now - days{365};
  } else {
    then = now - days{std::stoi(period.substr(0, period.size() - 1))};
  }
  // The close of the minute that ended at `then` (the open of the first bar when `then` predates it).
  const sys_days day = floor<days>(then);
  const auto bars = sb.model().intraday_bars(in, 60, day, day, now);
  double past = 0;
  for (const Bar& b : bars) {
    if (b.ts <= then) past = b.close;
  }
  if (past <= 0) return 0;
  return (price / past - 1.0) * 100.0;
}

ojson market_entry(const Sandbox& sb, const Priced& p, sys_seconds now, bool sparkline,
                   const std::vector<std::string>& changes) {
  const Coin& c = *p.coin;
  const Instrument& in = p.instrument;
  const Live l = live(sb, in, now);
  const double supply = c.circulating_supply;
  // All-time high and low from the model's daily bars since the first trade.
  double ath = 0, atl = std::numeric_limits<double>::max();
  sys_days ath_day{}, atl_day{};
  for (const Bar& b : sb.model().daily_bars(in, in.first_trade_day, floor<days>(now), now)) {
    if (b.high > ath) ath = b.high, ath_day = b.day;
    if (b.low < atl) atl = b.low, atl_day = b.day;
  }
  if (ath <= 0) ath = atl = l.price;
  const ojson market_cap = whole(l.price * supply);

  ojson e;
  e["id"] = c.id;
  e["symbol"] = lower(c.symbol);
  e["name"] = c.name;
  e["image"] = "https://coin-images.coingecko.com/coins/images/" + std::to_string(c.rank) + "/large/" + c.id +
               ".png?1696501400";
  e["current_price"] = l.price;
  e["market_cap"] = market_cap;
  e["market_cap_rank"] = c.rank;
  e["fully_diluted_valuation"] = market_cap;
  e["total_volume"] = whole(l.volume_24h);
  e["high_24h"] = l.high_24h;
  e["low_24h"] = l.low_24h;
  e["price_change_24h"] = l.price - l.price_24h_ago;
  e["price_change_percentage_24h"] = (l.price / l.price_24h_ago - 1.0) * 100.0;
  e["market_cap_change_24h"] = (l.price - l.price_24h_ago) * supply;
  e["market_cap_change_percentage_24h"] = (l.price / l.price_24h_ago - 1.0) * 100.0;
  e["circulating_supply"] = supply;
  e["total_supply"] = supply;
  e["max_supply"] = supply;
  e["ath"] = ath;
  e["ath_change_percentage"] = (l.price / ath - 1.0) * 100.0;
  e["ath_date"] = iso_instant(sys_seconds{ath_day});
  e["atl"] = atl;
  e["atl_change_percentage"] = (l.price / atl - 1.0) * 100.0;
  e["atl_date"] = iso_instant(sys_seconds{atl_day});
  e["roi"] = nullptr;
  e["last_updated"] = iso_instant(floor_to(now, minutes{1}));
  e["market_cap_rank_with_rehypothecated"] = c.rank;
  if (sparkline) {
    // Hourly prices of the last 7 days.
    ojson prices = ojson::array();
    for (const Bar& b : sb.model().intraday_bars(in, 60, floor<days>(now - days{7}), floor<days>(now), now)) {
      if (b.ts + hours{1} > now - days{7} && b.ts + hours{1} <= now) prices.push_back(b.close);
    }
    e["sparkline_in_7d"] = {{"price", prices}};
  }
  for (const std::string& period : changes) {
    e["price_change_percentage_" + period + "_in_currency"] = change_over(sb, in, now, period, l.price);
  }
  return e;
}

Response coins_markets(const Sandbox& sb, const Request& req) {
  const auto vs_param = req.param("vs_currency");
  if (!vs_param || vs_param->empty()) return error_message(400, "Missing parameter vs_currency");
  const std::string vs = lower(*vs_param);
  if (!kVsCurrencies.count(vs)) return error_message(400, "invalid vs_currency");
  const std::string order = lower(req.param("order").value_or("market_cap_desc"));
  static const std::set<std::string, std::less<>> kOrders = {"market_cap_desc", "market_cap_asc", "id_asc",
                                                             "id_desc"};
  if (!kOrders.count(order)) return error_message(400, "invalid order");
  int per_page = 100, page = 1;
  try {
    if (auto v = req.param("per_page")) per_page = std::stoi(*v);
    if (auto v = req.param("page")) page = std::stoi(*v);
  } catch (const std::exception&) {
    return error_message(400, "invalid per_page or page");
  }
  if (per_page < 1 || page < 1) return error_message(400, "invalid per_page or page");
  per_page = std::min(per_page, 250);  // CoinGecko's largest page
  std::vector<std::string> changes;
  if (auto v = req.param("price_change_percentage")) {
    static const std::set<std::string, std::less<>> kPeriods = {"1h",  "24h",  "7d", "14d",
                                                                "30d", "200d", "1y"};
    for (const std::string& period : comma_list(lower(*v))) {
      if (!kPeriods.count(period)) return error_message(400, "invalid price_change_percentage");
      changes.push_back(period);
    }
  }

  std::vector<const Coin*> coins;
  if (auto ids = req.param("ids")) {
    for (const std::string& id : comma_list(*ids)) {
      const Coin* c = find_coin_by_id(lower(id));
      if (c && std::find(coins.begin(), coins.end(), c) == coins.end()) coins.push_back(c);
    }
  } else {
    for (const Coin& c : coin_universe())
      coins.push_back(&c);
  }
  // The universe's rank is the market-cap order.
  std::sort(coins.begin(), coins.end(), [&](const Coin* a, const Coin* b) {
    if (order == "market_cap_asc") return a->rank > b->rank;
    if (order == "id_asc") return a->id < b->id;
    if (order == "id_desc") return a->id > b->id;
    return a->rank < b->rank;
  });
  ojson body = ojson::array();
  const std::size_t first = static_cast<std::size_t>(page - 1) * static_cast<std::size_t>(per_page);
  for (std::size_t i = first; i < coins.size() && i < first + static_cast<std::size_t>(per_page); ++i) {
    const auto p = priced(sb, *coins[i], vs);
    if (!p) continue;
    body.push_back(market_entry(sb, *p, req.now, flag(req, "sparkline"), changes));
  }
  return Response::json(200, body.dump());
}

// What a request is about, for fault filters: the coin ids and their tickers (a fault may name
// "bitcoin" or "BTC").
std::vector<std::string> coins_of(const Request& req) {
  std::vector<std::string> ids;
  if (auto it = req.params.find("id"); it != req.params.end()) ids.push_back(it->second);
  if (auto list = req.param("ids")) {
    for (const std::string& id : comma_list(*list))
      ids.push_back(id);
  }
  std::vector<std::string> out;
  for (const std::string& id : ids) {
    out.push_back(id);
    if (const Coin* c = find_coin_by_id(lower(id))) out.push_back(c->symbol);
  }
  return out;
}

}  // namespace

void add_coingecko_routes(Sandbox& sb, Router& router) {
  auto add = [&](std::string id, std::string pattern, Handler handler) {
    Route r;
    r.id = std::move(id);
    r.family = "coingecko";
    r.pattern = std::move(pattern);
    r.handler = std::move(handler);
    r.error = &coingecko_error;
    r.symbols = &coins_of;
    router.add(std::move(r));
  };
  add("coingecko.market_chart_range", "/api/v3/coins/{id}/market_chart/range",
      [&sb](const Request& req) { return market_chart_range(sb, req); });
  add("coingecko.market_chart", "/api/v3/coins/{id}/market_chart",
      [&sb](const Request& req) { return market_chart(sb, req); });
  add("coingecko.simple_price", "/api/v3/simple/price",
      [&sb](const Request& req) { return simple_price(sb, req); });
  add("coingecko.coins_list", "/api/v3/coins/list", [](const Request& req) { return coins_list(req); });
  add("coingecko.coins_markets", "/api/v3/coins/markets",
      [&sb](const Request& req) { return coins_markets(sb, req); });
}

}  // namespace pricefeed::sandbox
