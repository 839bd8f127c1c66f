#include "forex/FrankfurterBackend.hpp"

#include <algorithm>
#include <chrono>
#include <optional>

#include <pricefeed/error.hpp>
#include <pricefeed/url.hpp>

#include "forex/EuroCrossRates.hpp"
#include "forex/UpstreamGet.hpp"

namespace pricefeed::forex {

namespace {

constexpr std::string_view kName = "frankfurter";
constexpr std::string_view kJson = "application/json";
// The list changes when the ECB adds or drops a currency: a few times a decade.
constexpr std::chrono::hours kCurrencyListLifetime{24};

std::string sorted_list(std::vector<std::string> codes) {
  std::sort(codes.begin(), codes.end());
  std::string out;
  for (const std::string& code : codes)
    out += (out.empty() ? "" : ",") + code;
  return out;
}

void expect_euro_base(const UpstreamAnswer& answer, const std::string& base) {
  if (base != kEuro) fail_malformed(answer, MalformedAnswer("$.base is " + base + ", asked for EUR"));
}

}  // namespace

std::string FrankfurterBackend::range_url(std::vector<std::string> currencies, Day first, Day last) const {
  return Url(base_url_)
      .path("/" + iso_date(first) + ".." + iso_date(last))
      .query("base", kEuro)
      .query("symbols", sorted_list(std::move(currencies)))
      .str();
}

std::string FrankfurterBackend::latest_url(std::vector<std::string> currencies) const {
  return Url(base_url_)
      .path("/latest")
      .query("base", kEuro)
      .query("symbols", sorted_list(std::move(currencies)))
      .str();
}

std::string FrankfurterBackend::currencies_url() const {
  return Url(base_url_).path("/currencies").str();
}

CurrencyNames FrankfurterBackend::currency_names(const Host& host, bool allow_cached) const {
  const std::string cache_key = "forex:frankfurter:currencies:" + base_url_;
  if (allow_cached) {
    if (const std::optional<std::string> cached = host.cache_get(cache_key)) {
      try {
        return parse_frankfurter_currencies(*cached);
      } catch (const MalformedAnswer&) {
        // Not ours, or damaged: ask again below.
      }
    }
  }
  const UpstreamAnswer answer = upstream_get(host, kName, currencies_url(), kJson);
  if (answer.status != 200) fail_on_status(answer);
  CurrencyNames names = read_answer(answer, parse_frankfurter_currencies);
  host.cache_put(cache_key, answer.body, kCurrencyListLifetime);
  return names;
}

PairHistory FrankfurterBackend::history(const Host& host, const CurrencyPair& pair, Day first,
                                        Day last) const {
  const std::vector<std::string> legs = euro_legs(pair);
  const UpstreamAnswer answer = upstream_get(host, kName, range_url(legs, first, last), kJson);
  EuroRates euro_rates;
  if (answer.status == 200) {
    const FrankfurterRange range = read_answer(answer, parse_frankfurter_range);
    expect_euro_base(answer, range.base);
    for (const auto& [day, rates] : range.rates_by_day) {
      // Frankfurter starts a range with the rate in force on its first day, which may be the last
      // working day before it: only the days asked for are kept.
      if (day < first || day > last) continue;
      for (const std::string& leg : legs) {
        const auto rate = rates.find(leg);
        if (rate != rates.end()) euro_rates[leg].push_back({day, rate->second});
      }
    }
  } else if (answer.status != 404) {  // 404: nothing at all matched (see below)
    fail_on_status(answer);
  }

  const std::vector<std::string> without_rates = legs_without_rates(legs, euro_rates);
  if (without_rates.empty()) return {pair_series(pair, euro_rates), std::nullopt};
  PairHistory out;  // no rates: at most a missing range

  // A leg without any rate in the range: which currency does Frankfurter not have?
  const CurrencyNames names = currency_names(host, /*allow_cached=*/true);
  for (const std::string& leg : without_rates) {
    if (!names.contains(leg)) {
      throw Error::not_found(answer.where + " answered HTTP " + std::to_string(answer.status) + " without " +
                             leg + ", and Frankfurter lists no " + leg +
                             " among its currencies: the ECB publishes no reference rate for it, so no " +
                             pair.slashed() + " rate");
    }
  }
  if (longer_than_any_closure(host, first, last)) {
    const Day settled_last = settled_last_day(host, last);
    out.missing = MissingRange{first, settled_last,
                               "Frankfurter has no ECB reference rate of " + without_rates.front() +
                                   " from " + iso_date(first) + " to " + iso_date(settled_last)};
  }
  return out;
}

std::vector<LatestRate> FrankfurterBackend::latest(const Host& host,
                                                   const std::vector<CurrencyPair>& pairs) const {
  std::vector<std::string> currencies;
  for (const CurrencyPair& pair : pairs) {
    for (const std::string& leg : euro_legs(pair))
      if (std::find(currencies.begin(), currencies.end(), leg) == currencies.end()) currencies.push_back(leg);
  }
  std::vector<LatestRate> out;
  if (currencies.empty()) return out;
  const UpstreamAnswer answer = upstream_get(host, kName, latest_url(currencies), kJson);
  if (answer.status == 404) return out;  // Frankfurter knows none of them: all left out
  if (answer.status != 200) fail_on_status(answer);
  const FrankfurterLatest latest = read_answer(answer, parse_frankfurter_latest);
  expect_euro_base(answer, latest.base);

  // One answer, one fixing date: every pair's legs are rates of the same day.
  auto euro_rate = [&](const std::string& currency) -> std::optional<double> {
    if (currency == kEuro) return 1.0;
    const auto rate = latest.rates.find(currency);
    return rate == latest.rates.end() ? std::nullopt : std::optional<double>(rate->second);
  };
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const std::optional<double> base = euro_rate(pairs[i].base), quote = euro_rate(pairs[i].quote);
    if (base && quote) out.push_back({i, {latest.day, pair_rate(*base, *quote)}});
  }
  return out;
}

std::vector<PublishedCurrency> FrankfurterBackend::currencies(const Host& host) const {
  std::vector<PublishedCurrency> out;
  for (const auto& [code, name] : currency_names(host, /*allow_cached=*/false))
    out.push_back({code, name});
  return out;
}

}  // namespace pricefeed::forex
