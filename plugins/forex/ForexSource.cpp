#include "forex/ForexSource.hpp"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <pricefeed/error.hpp>

#include "forex/CurrencyPair.hpp"
#include "forex/EcbBackend.hpp"
#include "forex/ForexDate.hpp"
#include "forex/FrankfurterBackend.hpp"

namespace pricefeed::forex {

namespace {

std::unique_ptr<const RateBackend> make_backend(const ForexSourceConfig& config) {
  if (config.backend == ForexBackend::ecb) return std::make_unique<EcbBackend>(config.base_url);
  return std::make_unique<FrankfurterBackend>(config.base_url);
}

std::string describe(const HistoryRequest& request, const CurrencyPair& pair) {
  if (request.symbol == pair.symbol()) return "'" + request.symbol + "'";
  return "'" + request.symbol + "' (" + pair.symbol() + ")";
}

std::string listed(const std::vector<std::string>& symbols) {
  std::string out;
  for (std::size_t i = 0; i < symbols.size() && i < 10; ++i)
    out += (i == 0 ? "" : ", ") + symbols[i].substr(0, 40);
  if (symbols.size() > 10) out += " and " + std::to_string(symbols.size() - 10) + " more";
  return out;
}

}  // namespace

ForexSource::ForexSource(Host& /*host*/, const Config& config)
    : config_(ForexSourceConfig::from(config)), backend_(make_backend(config_)) {}

void ForexSource::fetch_history(Host& host, const HistoryRequest& request, HistorySink& sink) {
  if (request.resolution != Resolution::day) {
    throw Error::unsupported(std::string("forex: the ECB fixes one reference rate a day; no ") +
                             resolution_name(request.resolution) + " bars");
  }
  const CurrencyPair pair = parse_currency_pair(request.id());
  if (request.start > request.end) {
    throw Error::permanent("forex: the asked range of " + describe(request, pair) + " ends (" +
                           std::to_string(request.end) + ") before it starts (" +
                           std::to_string(request.start) + ")");
  }
  // Daily bars are keyed at 00:00 UTC: the days whose midnight lies in [start, end).
  Day first = first_midnight_at_or_after(request.start);
  Day last = first_midnight_at_or_after(request.end) - 1;

  if (first < kEuroFirstDay) {
    const std::int64_t gap_end = std::min(request.end, midnight_of(kEuroFirstDay));
    if (request.start < gap_end && !sink.unavailable(request.start, gap_end,
                                                     "the ECB publishes euro reference rates from " +
                                                         iso_date(kEuroFirstDay) + " only")) {
      return;
    }
    first = kEuroFirstDay;
  }
  // Nothing exists after today: the future costs no request (and Frankfurter answers 404 for it).
  last = std::min(last, day_containing(host.now_seconds()));
  if (first > last) return;

  const Day days = last - first + 1;
  const Day span =
      config_.max_days_per_request > 0 ? std::min<Day>(config_.max_days_per_request, days) : days;
  const Day requests = (days + span - 1) / span;
  Day done = 0;
  for (Day from = first; from <= last; from += span, ++done) {
    // Checked before every request: a cancelled job must not spend the source's rate limit. Not a
    // success, so the job is not completed with part of its range missing; the host retries it.
    if (host.cancelled()) {
      throw Error::transient("forex: cancelled after " + std::to_string(done) + " of " +
                             std::to_string(requests) + " requests for " + describe(request, pair) +
                             "; the rest of the range was not fetched");
    }
    const Day to = std::min(last, from + span - 1);
    const PairHistory history = backend_->history(host, pair, from, to);
    for (const DailyRate& rate : history.rates) {
      Bar bar;  // open, high, low, adj_close and volume stay absent (NaN): a fixing is one number a day
      bar.ts = midnight_of(rate.day);
      bar.close = rate.value;
      if (!sink.push(bar)) return;
    }
    if (history.missing) {
      const std::int64_t gap_start = std::max(request.start, midnight_of(history.missing->first));
      const std::int64_t gap_end = std::min(request.end, midnight_of(history.missing->last + 1));
      if (gap_start < gap_end && !sink.unavailable(gap_start, gap_end, history.missing->reason)) return;
    }
    // Each answer's bars go to the host before the next request: stored even if a later one fails,
    // and a "stop" is seen before more of the rate limit is spent.
    sink.flush();
    if (sink.stopped()) return;
  }
}

void ForexSource::fetch_quotes(Host& host, const QuoteRequest& request, QuoteSink& sink) {
  std::vector<CurrencyPair> pairs;
  std::vector<std::size_t> asked_index;  // pairs[k] is request.symbols[asked_index[k]]
  for (std::size_t i = 0; i < request.symbols.size(); ++i) {
    try {
      pairs.push_back(parse_currency_pair(request.id(i)));
      asked_index.push_back(i);
    } catch (const Error& e) {
      host.log(LogLevel::warn, e.what(), {{"symbol", request.symbols[i]}});
    }
  }

  std::vector<bool> answered(request.symbols.size(), false);
  const std::vector<LatestRate> latest =
      pairs.empty() ? std::vector<LatestRate>{} : backend_->latest(host, pairs);
  for (const LatestRate& rate : latest) {
    const std::size_t i = asked_index[rate.pair_index];
    Quote quote;
    quote.symbol = request.symbols[i];
    quote.price = rate.rate.value;
    quote.currency = pairs[rate.pair_index].quote;
    // The date the rate was fixed for, at 00:00 UTC like its daily bar, so that writing the quote
    // into "its" daily bar lands on the fixing's date even before today's rate is out.
    quote.ts = midnight_of(rate.rate.day);
    answered[i] = true;
    if (!sink.push(std::move(quote))) return;
  }
  sink.flush();

  std::vector<std::string> unanswered;
  for (std::size_t i = 0; i < request.symbols.size(); ++i)
    if (!answered[i]) unanswered.push_back(request.symbols[i]);
  if (unanswered.empty()) return;
  const std::string message = std::string("forex (") + backend_name(config_.backend) +
                              "): no reference rate for " + listed(unanswered) +
                              " (not a currency pair, or a currency the ECB does not publish)";
  if (latest.empty()) throw Error::not_found(message);
  host.log(LogLevel::warn, message);
}

void ForexSource::list_assets(Host& host, std::uint32_t asset_classes, AssetSink& sink) {
  if ((asset_classes & PRICEFEED_CLASS_FOREX) == 0) return;
  const std::vector<PublishedCurrency> currencies = backend_->currencies(host);
  std::map<std::string, std::string, std::less<>> names;
  for (const PublishedCurrency& currency : currencies)
    names.emplace(currency.code, currency.name);
  for (const std::string& quote : config_.catalog_quotes) {
    if (!names.contains(quote)) {
      throw Error::permanent(std::string("forex (") + backend_name(config_.backend) +
                             "): catalog_quotes names " + quote +
                             ", which the ECB does not publish a reference rate for");
    }
  }
  // Every published currency against each catalog quote: CCYUSD, "Euro / US Dollar", in USD. The
  // source id is the symbol itself: both are written the same way.
  for (const std::string& quote : config_.catalog_quotes) {
    for (const PublishedCurrency& currency : currencies) {
      if (currency.code == quote) continue;
      Asset asset;
      asset.symbol = currency.code + quote;
      asset.source_id = asset.symbol;
      asset.name = currency.name + " / " + names.at(quote);
      asset.asset_class = AssetClass::forex;
      asset.currency = quote;
      if (!sink.push(std::move(asset))) return;
    }
  }
  sink.flush();
}

}  // namespace pricefeed::forex
