#include "coingecko/CoinGeckoSource.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <set>
#include <utility>
#include <vector>

#include <pricefeed/error.hpp>

#include "coingecko/CoinGeckoCoinId.hpp"
#include "coingecko/CoinGeckoCoinsMarketsParser.hpp"
#include "coingecko/CoinGeckoDailyCloses.hpp"
#include "coingecko/CoinGeckoHistoryPlan.hpp"
#include "coingecko/CoinGeckoMarketChartParser.hpp"
#include "coingecko/CoinGeckoMessageText.hpp"
#include "coingecko/CoinGeckoSimplePriceParser.hpp"

namespace pricefeed::coingecko {

namespace {

constexpr std::int64_t kDay = 86400;
// Every price is asked in US dollars: quotes, history and the catalog all say "USD".
constexpr const char* kVsCurrency = "usd";
constexpr const char* kCurrency = "USD";
constexpr std::int64_t kMarketsPageSize = 250;  // /coins/markets' largest per_page

std::int64_t floor_day(std::int64_t t) {
  return t - (((t % kDay) + kDay) % kDay);
}

std::string iso_date(std::int64_t unix_seconds) {
  const std::chrono::year_month_day ymd{
      std::chrono::sys_days{std::chrono::days{floor_day(unix_seconds) / kDay}}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
  return text;
}

}  // namespace

CoinGeckoSource::CoinGeckoSource(Host& /*host*/, const Config& config)
    : config_(CoinGeckoSourceConfig::from(config)), client_(config_), resolver_(client_) {}

std::string CoinGeckoSource::coin_id(const Host& host, const std::string& symbol,
                                     const std::string& source_id) const {
  if (!source_id.empty()) return checked_coin_id(source_id);
  return resolver_.resolve(host, symbol);
}

std::string CoinGeckoSource::resolve_symbol(Host& host, std::string_view symbol, AssetClass asset_class) {
  if (asset_class != AssetClass::crypto) {
    throw Error::unsupported(std::string("coingecko resolves crypto tickers only, not ") +
                             asset_class_name(asset_class) + " symbols");
  }
  return resolver_.resolve(host, symbol);
}

void CoinGeckoSource::fetch_history(Host& host, const HistoryRequest& request, HistorySink& sink) {
  if (request.start > request.end) {
    throw Error::permanent("coingecko: the asked range of '" + request.symbol + "' ends (" +
                           std::to_string(request.end) + ") before it starts (" +
                           std::to_string(request.start) + ")");
  }
  // First, so that an unknown coin is not_found before anything is reported about its range.
  const std::string id = coin_id(host, request.symbol, request.source_id);
  const std::string subject = "the daily history of '" + id + "'";
  const std::int64_t now = host.now_seconds();
  const CoinGeckoHistoryPlan plan = plan_history(request.start, request.end, now, config_.history_limit_days);
  if (plan.unavailable &&
      !sink.unavailable(plan.unavailable->start, plan.unavailable->end, plan.unavailable->reason)) {
    return;
  }
  if (!plan.request) return;  // nothing servable: every asked day is past the limit or not over yet

  // Checked before the request: a cancelled job must not spend the source's rate limit. Not a
  // success, so the job is not completed with its range missing; the host retries it.
  if (host.cancelled()) throw Error::transient("coingecko: cancelled before asking for " + subject);

  const std::string url = client_.url("/coins")
                              .segment(id)
                              .path("/market_chart/range")
                              .query("vs_currency", kVsCurrency)
                              .query("from", plan.request->from)
                              .query("to", plan.request->to)
                              .query("interval", "daily")
                              .str();
  // The days whose close exists by now: the rest of the range is not a gap, it has not happened.
  const std::int64_t complete_end = std::min(request.end, floor_day(now));
  CoinGeckoMarketChart chart;
  try {
    chart = client_.get_parsed(host, url, subject,
                               [](const std::string& body) { return parse_market_chart(body); });
  } catch (const CoinGeckoHistoryLimit& refused) {
    // The served window was misjudged (history_limit_days larger than the plan's real limit, or
    // CoinGecko's clock far ahead): the range is unavailable, which the host records as a gap. Never
    // retried here, never a failed job.
    host.log(LogLevel::warn, refused.what(), {{"coin", id}, {"symbol", request.symbol}});
    if (plan.first_bar < complete_end) {
      sink.unavailable(
          plan.first_bar, complete_end,
          "CoinGecko refused the range with its 365-day history limit for the public and demo "
          "API (error 10012); a paid plan lifts it (api_plan = \"pro\", history_limit_days = 0)");
    }
    return;
  }

  const CoinGeckoDailyCloses closes = daily_closes(chart);
  if (closes.intraday_points > 0) {
    host.log(LogLevel::warn,
             "coingecko: the answer holds points between midnights; only daily closes are kept",
             {{"coin", id}, {"points_dropped", std::to_string(closes.intraday_points)}});
  }

  // Where CoinGecko's prices of the coin begin, when that is after what was asked: the days before
  // have no price there (a coin listed later), which is not a gap to fill from this source.
  std::optional<std::int64_t> first_bar_served;
  for (const Bar& bar : closes.bars) {
    if (bar.ts >= plan.first_bar && bar.ts < request.end) {
      first_bar_served = bar.ts;
      break;
    }
  }
  if (chart.prices.empty()) {
    if (plan.first_bar < complete_end &&
        !sink.unavailable(plan.first_bar, complete_end,
                          "CoinGecko has no prices of '" + id + "' for these dates")) {
      return;
    }
  } else if (first_bar_served && *first_bar_served > plan.first_bar &&
             chart.prices.front().ms / 1000 > plan.request->from + kDay) {
    if (!sink.unavailable(plan.first_bar, *first_bar_served,
                          "before CoinGecko's first price of '" + id + "' (" +
                              iso_date(chart.prices.front().ms / 1000) + ")")) {
      return;
    }
  }

  for (const Bar& bar : closes.bars) {
    if (bar.ts < plan.first_bar || bar.ts >= request.end) continue;
    if (!sink.push(bar)) return;
  }
}

void CoinGeckoSource::fetch_quotes(Host& host, const QuoteRequest& request, QuoteSink& sink) {
  // Which coin each asked symbol is; a symbol CoinGecko does not know costs only its own quote.
  std::vector<std::pair<std::size_t, std::string>> wanted;
  std::vector<std::string> unknown;
  for (std::size_t i = 0; i < request.symbols.size(); ++i) {
    try {
      wanted.emplace_back(i, coin_id(host, request.symbols[i], request.source_ids[i]));
    } catch (const Error& e) {
      if (e.status() != Status::not_found) throw;
      unknown.push_back(request.symbols[i]);
      host.log(LogLevel::warn, e.what(), {{"symbol", request.symbols[i]}});
    }
  }
  if (wanted.empty()) {
    if (unknown.empty()) return;
    throw Error::not_found("coingecko: none of the asked symbols is a CoinGecko coin: " + listed(unknown));
  }

  std::vector<std::string> ids;
  std::set<std::string> seen;
  for (const auto& [index, id] : wanted) {
    if (seen.insert(id).second) ids.push_back(id);
  }
  std::string ids_param;
  for (std::size_t i = 0; i < ids.size(); ++i)
    ids_param += (i ? "," : "") + ids[i];
  if (host.cancelled()) throw Error::transient("coingecko: cancelled before asking for quotes");

  const std::string url = client_.url("/simple/price")
                              .query("ids", ids_param)
                              .query("vs_currencies", kVsCurrency)
                              .query("include_last_updated_at", "true")
                              .query("include_24hr_vol", "true")
                              .str();
  const auto prices =
      client_.get_parsed(host, url, "the prices of " + std::to_string(ids.size()) + " coins",
                         [](const std::string& body) { return parse_simple_price(body, kVsCurrency); });

  const std::int64_t now = host.now_seconds();
  std::vector<std::string> without_price;
  for (const auto& [index, id] : wanted) {
    const auto found = prices.find(id);
    if (found == prices.end() || !std::isfinite(found->second.price) || found->second.price <= 0) {
      without_price.push_back(request.symbols[index] + " (" + id + ")");
      continue;
    }
    Quote quote;
    quote.symbol = request.symbols[index];
    quote.price = found->second.price;
    quote.currency = kCurrency;
    quote.ts = found->second.last_updated_at.value_or(now);
    // CoinGecko's volume is the last 24 hours', the nearest it has to a session's.
    quote.volume = found->second.volume_24h;
    if (!sink.push(std::move(quote))) return;
  }
  if (!without_price.empty()) {
    host.log(LogLevel::info, "coingecko: no USD price for some coins; they get no quote",
             {{"coins", listed(without_price)}});
  }
}

void CoinGeckoSource::list_assets(Host& host, std::uint32_t asset_classes, AssetSink& sink) {
  if ((asset_classes & PRICEFEED_CLASS_CRYPTO) == 0) return;
  const std::int64_t per_page = std::min(kMarketsPageSize, config_.catalog_size);
  const std::int64_t pages = (config_.catalog_size + per_page - 1) / per_page;

  std::int64_t assets_listed = 0, ranked_seen = 0;
  std::set<std::string> tickers;
  std::vector<std::string> shadowed, unusable;
  for (std::int64_t page = 1; page <= pages && ranked_seen < config_.catalog_size; ++page) {
    if (host.cancelled()) {
      throw Error::transient("coingecko: cancelled after " + std::to_string(page - 1) + " of " +
                             std::to_string(pages) + " catalog pages");
    }
    const std::string url = client_.url("/coins/markets")
                                .query("vs_currency", kVsCurrency)
                                .query("order", "market_cap_desc")
                                .query("per_page", per_page)
                                .query("page", page)
                                .str();
    const std::vector<CoinGeckoMarketCoin> coins =
        client_.get_parsed(host, url, "page " + std::to_string(page) + " of the coins by market cap",
                           [](const std::string& body) { return parse_coins_markets(body); });
    for (const CoinGeckoMarketCoin& coin : coins) {
      if (ranked_seen >= config_.catalog_size) break;
      ++ranked_seen;
      const std::optional<std::string> ticker = pricefeed_ticker(coin.symbol);
      if (!ticker || !is_coin_id(coin.id)) {
        unusable.push_back(coin.id);
        continue;
      }
      // Several coins can share a ticker; pricefeed keeps one asset per ticker, and the larger market
      // cap (the earlier one here) is the one the ticker resolves to as well.
      if (!tickers.insert(*ticker).second) {
        shadowed.push_back(*ticker + " (" + coin.id + ")");
        continue;
      }
      Asset asset;
      asset.symbol = *ticker;
      asset.source_id = coin.id;
      asset.name = coin.name;
      asset.asset_class = AssetClass::crypto;
      asset.currency = kCurrency;
      asset.rank = coin.rank;
      if (!sink.push(std::move(asset))) return;
      ++assets_listed;
    }
    sink.flush();
    if (sink.stopped()) return;
    if (static_cast<std::int64_t>(coins.size()) < per_page) break;  // the last page
  }
  if (!shadowed.empty()) {
    host.log(LogLevel::info, "coingecko: coins whose ticker a larger coin already has are not listed",
             {{"coins", listed(shadowed)}});
  }
  if (!unusable.empty()) {
    host.log(LogLevel::info, "coingecko: coins whose symbol is not a ticker pricefeed accepts are not listed",
             {{"coins", listed(unusable)}});
  }
  host.log(LogLevel::info, "coingecko: catalog listed",
           {{"assets", std::to_string(assets_listed)}, {"coins_seen", std::to_string(ranked_seen)}});
}

}  // namespace pricefeed::coingecko
