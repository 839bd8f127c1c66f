#pragma once

// One GET to CoinGecko through the host's HTTP service, and what its answer means for the host.
//
// The API key travels only in its header (x-cg-demo-api-key or x-cg-pro-api-key), never in the URL,
// so no URL, log line or message ever holds it. CoinGecko explains refusals in the body in several
// shapes (CoinGeckoErrorBody), sometimes with an unexpected HTTP status, so the body decides first:
//
//   error 10012 (365-day history limit)     CoinGeckoHistoryLimit, whatever the status: the caller
//                                           reports the range unavailable
//   HTTP 404, or "coin not found"           not_found
//   errors 10002, 10010, 10011 (the key)    permanent, pointing at api_key / api_plan
//   HTTP 408, 5xx                           transient
//   other refusals (400, 401, 403, 10005)   permanent, CoinGecko's code and message quoted
//   200 that does not parse                 transient, with an excerpt of the body
//
// 429 never reaches this code: the host's http service turns it into rate_limited with Retry-After.

#include <functional>
#include <string>
#include <string_view>

#include <pricefeed/error.hpp>
#include <pricefeed/host.hpp>
#include <pricefeed/url.hpp>

#include "coingecko/CoinGeckoFormatError.hpp"
#include "coingecko/CoinGeckoSourceConfig.hpp"
#include "upstream/BodyExcerpt.hpp"

namespace pricefeed::coingecko {

// The public and demo API refused a range reaching more than 365 days back (error 10012). A
// permanent error if nobody catches it; history catches it and reports the range unavailable.
class CoinGeckoHistoryLimit : public Error {
 public:
  explicit CoinGeckoHistoryLimit(const std::string& message) : Error(Status::permanent, message) {}
};

class CoinGeckoClient {
 public:
  explicit CoinGeckoClient(const CoinGeckoSourceConfig& config) : config_(config) {}

  // base_url + path ("/coins/markets"); add query parameters to the result.
  Url url(std::string_view path) const { return Url(config_.base_url).path(path); }

  // GET url and return the body of a 200 answer that is not an error. `subject` says what was asked
  // for, for messages ("the daily history of 'bitcoin'").
  std::string get(const Host& host, const std::string& url, const std::string& subject) const;

  // get(), then parse: a CoinGeckoFormatError from `parse` becomes a transient error naming the URL
  // and quoting the body's first bytes.
  template <class Parse>
  auto get_parsed(const Host& host, const std::string& url, const std::string& subject, Parse&& parse) const {
    const std::string body = get(host, url, subject);
    try {
      return parse(body);
    } catch (const CoinGeckoFormatError& e) {
      throw Error::transient(where(url) + ": CoinGecko's answer about " + subject +
                             " is not what it should be (" + e.what() + "); it starts with " +
                             upstream::body_excerpt(body));
    }
  }

  // "coingecko: GET <url>": every message starts so.
  static std::string where(const std::string& url);

 private:
  const CoinGeckoSourceConfig& config_;
};

}  // namespace pricefeed::coingecko
