#include "host/queue/ClaimedJob.hpp"

#include <algorithm>

#include "host/assets/SourceSymbol.hpp"

namespace pricefeed::host {

bool ClaimedJob::is_exhausted(std::string_view source_name) const {
  return std::any_of(exhausted_sources.begin(), exhausted_sources.end(),
                     [&](const ExhaustedSource& exhausted) { return exhausted.source == source_name; });
}

std::string ClaimedJob::symbol_for(std::string_view source_name) const {
  return host::symbol_for(source_ids, source_name, symbol);
}

}  // namespace pricefeed::host
