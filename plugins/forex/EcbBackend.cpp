#include "forex/EcbBackend.hpp"

#include <algorithm>

#include <pricefeed/error.hpp>
#include <pricefeed/url.hpp>

#include "forex/EcbCsvParser.hpp"
#include "forex/EuroCrossRates.hpp"
#include "forex/UpstreamGet.hpp"
#include "upstream/BodyExcerpt.hpp"

namespace pricefeed::forex {

namespace {

constexpr std::string_view kName = "ecb";
constexpr std::string_view kCsv = "text/csv";
// A currency whose last rate is older than the newest one by more than this is no longer published
// (the ECB fixes every currency on the same days).
constexpr Day kCatalogRecencyDays = 14;

std::string joined(const std::vector<std::string>& codes, const char* separator) {
  std::string out;
  for (const std::string& code : codes)
    out += (out.empty() ? "" : separator) + code;
  return out;
}

bool asked_for(const std::vector<std::string>& currencies, const std::string& code) {
  return std::find(currencies.begin(), currencies.end(), code) != currencies.end();
}

// The series of an answer, refusing any that was not asked for: such an answer is not about our query.
std::map<std::string, EcbSeries, std::less<>> series_of(const UpstreamAnswer& answer,
                                                        const std::vector<std::string>& currencies) {
  auto series = read_answer(answer, parse_ecb_exchange_rates);
  for (const auto& [code, one] : series) {
    if (!asked_for(currencies, code)) {
      fail_malformed(answer,
                     MalformedAnswer("the answer holds the " + code + " series, which was not asked for"));
    }
  }
  return series;
}

}  // namespace

std::string EcbBackend::series_key(std::vector<std::string> currencies) {
  // In alphabetical order, as the ECB lists the series: one key (and URL) per set of currencies.
  std::sort(currencies.begin(), currencies.end());
  return "D." + joined(currencies, "+") + ".EUR.SP00.A";
}

std::string EcbBackend::history_url(const std::vector<std::string>& currencies, Day first, Day last) const {
  // The key is built from validated currency codes only, so it goes in literally: its '+' separators
  // must reach the ECB as they are.
  return Url(base_url_)
      .path("/data/EXR/" + series_key(currencies))
      .query("startPeriod", iso_date(first))
      .query("endPeriod", iso_date(last))
      .query("format", "csvdata")
      .query("detail", "dataonly")
      .str();
}

std::string EcbBackend::last_observation_url(const std::vector<std::string>& currencies,
                                             bool full_detail) const {
  Url url(base_url_);
  url.path("/data/EXR/" + series_key(currencies)).query("lastNObservations", "1").query("format", "csvdata");
  if (!full_detail) url.query("detail", "dataonly");
  return url.str();
}

std::map<std::string, DailyRate> EcbBackend::last_observations(
    const Host& host, const std::vector<std::string>& currencies) const {
  const UpstreamAnswer answer = upstream_get(host, kName, last_observation_url(currencies, false), kCsv);
  std::map<std::string, DailyRate> out;
  if (answer.status == 404) return out;  // none of these series exists
  if (answer.status != 200) fail_on_status(answer);
  for (const auto& [code, series] : series_of(answer, currencies)) {
    if (!series.rates.empty()) out.emplace(code, series.rates.back());
  }
  return out;
}

PairHistory EcbBackend::history(const Host& host, const CurrencyPair& pair, Day first, Day last) const {
  const std::vector<std::string> legs = euro_legs(pair);
  const UpstreamAnswer answer = upstream_get(host, kName, history_url(legs, first, last), kCsv);
  EuroRates euro_rates;
  if (answer.status == 200) {
    for (auto& [code, series] : series_of(answer, legs)) {
      RateSeries kept;
      for (const DailyRate& rate : series.rates)
        if (rate.day >= first && rate.day <= last) kept.push_back(rate);
      if (!kept.empty()) euro_rates.emplace(code, std::move(kept));
    }
  } else if (answer.status == 400) {
    // A refused key: when the refusal names one of our currencies, that currency is the problem.
    for (const std::string& leg : legs) {
      if (answer.body.find(leg) != std::string::npos) {
        throw Error::not_found(answer.where + " answered HTTP 400 about " + leg +
                               ": the ECB does not publish " + pair.slashed() + " (" +
                               upstream::body_excerpt(answer.body) + ")");
      }
    }
    fail_on_status(answer);
  } else if (answer.status != 404) {  // 404: no observation in the range (see below)
    fail_on_status(answer);
  }

  const std::vector<std::string> without_rates = legs_without_rates(legs, euro_rates);
  if (without_rates.empty()) return {pair_series(pair, euro_rates), std::nullopt};
  PairHistory out;  // no rates: at most a missing range

  // Some leg has no rate in the range: an unknown currency, a series that ended, or only closing days.
  const std::map<std::string, DailyRate> last_rates = last_observations(host, without_rates);
  for (const std::string& leg : without_rates) {
    if (!last_rates.contains(leg)) {
      throw Error::not_found(answer.where + " had no " + leg +
                             " rate, and the ECB has no daily euro reference rate of " + leg + " (EXR " +
                             series_key({leg}) + " has no observation), so no " + pair.slashed() + " rate");
    }
  }
  if (!longer_than_any_closure(host, first, last)) return out;  // maybe only closing days
  const std::string& leg = without_rates.front();
  const Day last_published = last_rates.at(leg).day;
  out.missing = MissingRange{
      first, settled_last_day(host, last),
      last_published < first ? "the ECB's last " + leg + " reference rate is of " + iso_date(last_published) +
                                   ", so there is no " + pair.slashed() + " rate after it"
                             : "the ECB published no " + leg + " reference rate from " + iso_date(first) +
                                   " to " + iso_date(settled_last_day(host, last))};
  return out;
}

std::vector<LatestRate> EcbBackend::latest(const Host& host, const std::vector<CurrencyPair>& pairs) const {
  std::vector<std::string> currencies;
  for (const CurrencyPair& pair : pairs) {
    for (const std::string& leg : euro_legs(pair))
      if (!asked_for(currencies, leg)) currencies.push_back(leg);
  }
  std::vector<LatestRate> out;
  if (currencies.empty()) return out;
  const std::map<std::string, DailyRate> last = last_observations(host, currencies);

  for (std::size_t i = 0; i < pairs.size(); ++i) {
    const CurrencyPair& pair = pairs[i];
    const auto base = last.find(pair.base);
    const auto quote = last.find(pair.quote);
    const bool base_is_euro = pair.base == kEuro, quote_is_euro = pair.quote == kEuro;
    if ((!base_is_euro && base == last.end()) || (!quote_is_euro && quote == last.end())) continue;
    const Day base_day = base_is_euro ? quote->second.day : base->second.day;
    const Day quote_day = quote_is_euro ? base->second.day : quote->second.day;
    if (base_day != quote_day) {
      // Never divide rates of two different days: such a quote would be no day's rate.
      host.log(LogLevel::warn,
               "forex (ecb): no common date for " + pair.slashed() + ": the last " + pair.base +
                   " rate is of " + iso_date(base_day) + ", the last " + pair.quote + " rate of " +
                   iso_date(quote_day),
               {{"symbol", pair.symbol()}});
      continue;
    }
    const double euro_base = base_is_euro ? 1.0 : base->second.value;
    const double euro_quote = quote_is_euro ? 1.0 : quote->second.value;
    out.push_back({i, {base_day, pair_rate(euro_base, euro_quote)}});
  }
  return out;
}

std::vector<PublishedCurrency> EcbBackend::currencies(const Host& host) const {
  const UpstreamAnswer answer =
      upstream_get(host, kName, last_observation_url({}, /*full_detail=*/true), kCsv);
  if (answer.status != 200) fail_on_status(answer);
  const auto series = read_answer(answer, parse_ecb_exchange_rates);
  Day newest = 0;
  for (const auto& [code, one] : series)
    if (!one.rates.empty()) newest = std::max(newest, one.rates.back().day);

  std::vector<PublishedCurrency> out{{std::string(kEuro), "Euro"}};
  for (const auto& [code, one] : series) {
    if (one.rates.empty() || one.rates.back().day < newest - kCatalogRecencyDays) continue;
    const std::string name = currency_name_from_ecb_title(one.title);
    out.push_back({code, name.empty() ? code : name});
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
  return out;
}

}  // namespace pricefeed::forex
