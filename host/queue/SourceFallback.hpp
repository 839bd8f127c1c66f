// Walking a job along its asset class's routing chain ([routing] in the config): a source that
// answers not_found or permanent is exhausted for the job and the next one is asked, without
// spending a retry attempt; when none is left the job fails with every source's reason.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "host/queue/ClaimedJob.hpp"

namespace pricefeed::host {

// The first source of `routing_chain` that the job has not exhausted; nullopt when none is left.
std::optional<std::string> next_source(const ClaimedJob& job, const std::vector<std::string>& routing_chain);

// The error_message of a job no source could serve, naming each one's reason in the order tried:
// "no source could serve BTC (crypto): binance: not_found: unknown symbol; coingecko: permanent: bad JSON"
std::string describe_exhausted_sources(const ClaimedJob& job);

}  // namespace pricefeed::host
