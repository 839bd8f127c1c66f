#include "host/queue/ClaimedJob.hpp"

#include <algorithm>

namespace pricefeed::host {

bool ClaimedJob::is_exhausted(std::string_view source_name) const {
  return std::any_of(exhausted_sources.begin(), exhausted_sources.end(),
                     [&](const ExhaustedSource& exhausted) { return exhausted.source == source_name; });
}

std::string ClaimedJob::symbol_for(std::string_view source_name) const {
  if (source_ids.is_object()) {
    const auto found = source_ids.find(source_name);
    if (found != source_ids.end() && found->is_string() && !found->get_ref<const std::string&>().empty()) {
      return found->get<std::string>();
    }
  }
  return symbol;
}

}  // namespace pricefeed::host
