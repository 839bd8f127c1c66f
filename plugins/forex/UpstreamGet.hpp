#pragma once

// One GET to the configured rate source through the host's http service, and the part of judging its
// answer that both backends share: 408 and 5xx are worth retrying (transient), other refusals are not
// (permanent), a body that does not read is transient and never data. 404 and 400 mean different
// things on each API, so each backend reads those itself. 429 never reaches this code: the host's
// http service reports it as rate_limited, with the Retry-After it was given.

#include <string>
#include <string_view>

#include <pricefeed/host.hpp>

#include "forex/MalformedAnswer.hpp"

namespace pricefeed::forex {

struct UpstreamAnswer {
  int status = 0;
  std::string body;
  // "forex (ecb): GET https://data-api.ecb.europa.eu/service/data/EXR/D.USD.EUR.SP00.A?..." with
  // any credentials in base_url removed: the start of every message about this request.
  std::string where;
};

// Rate limits and network failures throw from here, already explained by the host.
UpstreamAnswer upstream_get(const Host& host, std::string_view backend, const std::string& url,
                            std::string_view accept);

// For an answer no backend rule covered: 408/5xx -> transient, anything else -> permanent; the
// message names the request, the status and the start of the body.
[[noreturn]] void fail_on_status(const UpstreamAnswer& answer);

// A body that did not parse: transient, naming the request, what was wrong and the body's start.
[[noreturn]] void fail_malformed(const UpstreamAnswer& answer, const MalformedAnswer& problem);

// The parsed body, or fail_malformed.
template <class Parse>
auto read_answer(const UpstreamAnswer& answer, Parse parse) -> decltype(parse(answer.body)) {
  try {
    return parse(answer.body);
  } catch (const MalformedAnswer& problem) {
    fail_malformed(answer, problem);
  }
}

}  // namespace pricefeed::forex
