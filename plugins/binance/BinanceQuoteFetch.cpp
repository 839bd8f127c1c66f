#include "binance/BinanceQuoteFetch.hpp"

#include <algorithm>
#include <map>

#include <pricefeed/error.hpp>

#include "binance/BinanceFormatError.hpp"
#include "binance/BinancePair.hpp"
#include "binance/BinanceRequestWeight.hpp"

namespace pricefeed::binance {

namespace {

// "BTCUSDT, ETHUSDT, SOLUSDT and 97 more": a list short enough for one log line.
std::string list_of(const std::vector<std::string>& names) {
  constexpr std::size_t kShown = 5;
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < kShown; ++i) {
    if (i > 0) out += ", ";
    out += names[i];
  }
  if (names.size() > kShown) out += " and " + std::to_string(names.size() - kShown) + " more";
  return out;
}

}  // namespace

void BinanceQuoteFetch::run(const Host& host, const QuoteRequest& request, QuoteSink& sink) const {
  // Several of pricefeed's symbols may name one pair (BTC, and BTCUSDT as a source id).
  std::map<std::string, std::vector<std::size_t>> wanted;
  std::vector<std::string> not_pairs;
  for (std::size_t i = 0; i < request.symbols.size(); ++i) {
    try {
      wanted[binance_pair(request.symbols[i], request.source_ids[i], config_.quote_asset)].push_back(i);
    } catch (const Error& e) {
      if (e.status() != Status::not_found) throw;
      not_pairs.push_back("'" + request.symbols[i] + "'");
    }
  }
  if (!not_pairs.empty()) {
    host.log(LogLevel::info,
             "binance: no quote for " + list_of(not_pairs) + ": not a symbol Binance could list");
  }
  if (wanted.empty()) return;

  const BinanceExchangeInfo info = exchange_info_.get(host);
  const std::uint32_t weight_limit = exchange_info_.last_weight_limit();
  std::vector<std::string> ask, not_listed, not_trading;
  for (const auto& [pair, indexes] : wanted) {
    const BinancePairInfo* listed = info.find(pair);
    if (listed == nullptr) {
      not_listed.push_back(pair);
    } else if (!listed->trading()) {
      not_trading.push_back(pair + " (" + listed->status + ")");
    } else {
      ask.push_back(pair);
    }
  }
  if (!not_listed.empty()) {
    host.log(LogLevel::info, "binance: no quote for " + list_of(not_listed) + ": Binance does not list them");
  }
  if (!not_trading.empty()) {
    host.log(LogLevel::info, "binance: no quote for " + list_of(not_trading) +
                                 ": listed but not trading, so their last price is stale");
  }

  for (std::size_t first = 0; first < ask.size(); first += kMaxPairsPerCall) {
    const std::vector<std::string> chunk(
        ask.begin() + static_cast<std::ptrdiff_t>(first),
        ask.begin() + static_cast<std::ptrdiff_t>(std::min(ask.size(), first + kMaxPairsPerCall)));
    const std::vector<BinanceTickerPrice> answered = prices(host, chunk, /*may_refresh=*/true, weight_limit);
    const std::int64_t now = host.now_seconds();
    for (const BinanceTickerPrice& price : answered) {
      const auto it = wanted.find(price.pair);
      if (it == wanted.end()) continue;  // not asked for
      const BinancePairInfo* listed = info.find(price.pair);
      for (std::size_t index : it->second) {
        Quote quote;
        quote.symbol = request.symbols[index];
        quote.price = price.price;
        quote.currency = listed != nullptr ? listed->quote : config_.quote_asset;
        quote.ts = now;
        if (!sink.push(std::move(quote))) return;
      }
    }
    sink.flush();
    if (sink.stopped()) return;
  }
}

std::vector<BinanceTickerPrice> BinanceQuoteFetch::prices(const Host& host, std::vector<std::string> pairs,
                                                          bool may_refresh,
                                                          std::uint32_t weight_limit) const {
  if (pairs.empty()) return {};
  const std::uint32_t weight = pairs.size() == 1 ? kTickerPriceOneSymbolWeight : kTickerPriceSymbolsWeight;
  const BinanceAnswer answer = client_.get(host, client_.ticker_price_url(pairs), weight, weight_limit);
  if (answer.status == 200) {
    try {
      return parse_binance_ticker_prices(answer.body);
    } catch (const BinanceFormatError& e) {
      throw answer.malformed("Binance's ticker/price JSON", e);
    }
  }
  if (!answer.invalid_symbol()) throw answer.failure("the prices of " + list_of(pairs));

  if (pairs.size() == 1) {
    host.log(LogLevel::warn,
             "binance: no quote for " + pairs.front() +
                 ": Binance refuses it as an invalid symbol (-1121) although exchangeInfo listed it");
    return {};
  }
  if (may_refresh) {
    // The cached exchangeInfo is the likeliest culprit: a pair delisted since it was read.
    const BinanceExchangeInfo fresh = exchange_info_.refresh(host);
    std::vector<std::string> still, gone;
    for (std::string& pair : pairs) {
      const BinancePairInfo* listed = fresh.find(pair);
      (listed != nullptr && listed->trading() ? still : gone).push_back(std::move(pair));
    }
    if (!gone.empty()) {
      host.log(LogLevel::info, "binance: no quote for " + list_of(gone) + ": no longer listed or trading");
      return prices(host, std::move(still), /*may_refresh=*/false, exchange_info_.last_weight_limit());
    }
    pairs = std::move(still);  // the same list: asking it again would be refused again
  }
  // Binance refuses a pair its own exchangeInfo lists: find which by halves, so the others are served.
  const auto middle = pairs.begin() + static_cast<std::ptrdiff_t>(pairs.size() / 2);
  std::vector<BinanceTickerPrice> out =
      prices(host, std::vector<std::string>(pairs.begin(), middle), false, weight_limit);
  std::vector<BinanceTickerPrice> rest =
      prices(host, std::vector<std::string>(middle, pairs.end()), false, weight_limit);
  out.insert(out.end(), rest.begin(), rest.end());
  return out;
}

}  // namespace pricefeed::binance
