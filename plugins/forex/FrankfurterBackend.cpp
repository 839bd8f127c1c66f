#include "forex/FrankfurterBackend.hpp"

#include <algorithm>
#include <chrono>
#include <map>

#include <pricefeed/error.hpp>
#include <pricefeed/url.hpp>

#include "forex/UpstreamGet.hpp"

namespace pricefeed::forex {

namespace {

constexpr std::string_view kName = "frankfurter";
constexpr std::string_view kJson = "application/json";
// The list changes when the ECB adds or drops a currency: a few times a decade.
constexpr std::chrono::hours kCurrencyListLifetime{24};

std::string joined(const std::vector<std::string>& codes) {
  std::string out;
  for (const std::string& code : codes)
    out += (out.empty() ? "" : ",") + code;
  return out;
}

}  // namespace

std::string FrankfurterBackend::range_url(const CurrencyPair& pair, Day first, Day last) const {
  return Url(base_url_)
      .path("/" + iso_date(first) + ".." + iso_date(last))
      .query("base", pair.base)
      .query("symbols", pair.quote)
      .str();
}

std::string FrankfurterBackend::latest_url(const std::string& base,
                                           const std::vector<std::string>& quotes) const {
  return Url(base_url_).path("/latest").query("base", base).query("symbols", joined(quotes)).str();
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
  const UpstreamAnswer answer = upstream_get(host, kName, range_url(pair, first, last), kJson);
  PairHistory out;
  if (answer.status == 200) {
    const FrankfurterRange range = read_answer(answer, parse_frankfurter_range);
    if (range.base != pair.base) {
      fail_malformed(answer, MalformedAnswer("$.base is " + range.base + ", asked for " + pair.base));
    }
    for (const auto& [day, rates] : range.rates_by_day) {
      // Frankfurter starts a range on the working day before the first one asked when that one has
      // no rate; and a date without the quote currency has no rate for the pair.
      if (day < first || day > last) continue;
      const auto rate = rates.find(pair.quote);
      if (rate != rates.end()) out.rates.push_back({day, rate->second});
    }
    return out;
  }
  if (answer.status != 404) fail_on_status(answer);

  // Nothing at all for the request: which currency does Frankfurter not have?
  const CurrencyNames names = currency_names(host, /*allow_cached=*/true);
  for (const std::string& code : {pair.base, pair.quote}) {
    if (!names.contains(code)) {
      throw Error::not_found(answer.where + " answered HTTP 404: Frankfurter lists no " + code +
                             " among its currencies, so it has no " + pair.slashed() +
                             " rate (the ECB publishes no reference rate for " + code + ")");
    }
  }
  if (last - first + 1 > kLongestTargetClosure) {
    out.missing = MissingRange{first, last,
                               "Frankfurter has no ECB reference rate of " + pair.slashed() + " from " +
                                   iso_date(first) + " to " + iso_date(last)};
  }
  return out;
}

std::vector<LatestRate> FrankfurterBackend::latest(const Host& host,
                                                   const std::vector<CurrencyPair>& pairs) const {
  // One request per base currency, for all the quotes asked against it.
  std::map<std::string, std::vector<std::size_t>> by_base;
  for (std::size_t i = 0; i < pairs.size(); ++i)
    by_base[pairs[i].base].push_back(i);

  std::vector<LatestRate> out;
  std::size_t asked = 0;
  for (const auto& [base, indices] : by_base) {
    if (host.cancelled()) {
      throw Error::transient("forex (frankfurter): cancelled after " + std::to_string(asked) + " of " +
                             std::to_string(by_base.size()) + " latest-rate requests");
    }
    ++asked;
    std::vector<std::string> quotes;
    for (std::size_t i : indices) {
      if (std::find(quotes.begin(), quotes.end(), pairs[i].quote) == quotes.end())
        quotes.push_back(pairs[i].quote);
    }
    const UpstreamAnswer answer = upstream_get(host, kName, latest_url(base, quotes), kJson);
    if (answer.status == 404) continue;  // Frankfurter knows none of these: left out
    if (answer.status != 200) fail_on_status(answer);
    const FrankfurterLatest rates = read_answer(answer, parse_frankfurter_latest);
    if (rates.base != base)
      fail_malformed(answer, MalformedAnswer("$.base is " + rates.base + ", asked for " + base));
    for (std::size_t i : indices) {
      const auto rate = rates.rates.find(pairs[i].quote);
      if (rate != rates.rates.end()) out.push_back({i, {rates.day, rate->second}});
    }
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
