#include "host/queue/SourceFallback.hpp"

namespace pricefeed::host {

std::optional<std::string> next_source(const ClaimedJob& job, const std::vector<std::string>& routing_chain) {
  for (const std::string& source : routing_chain) {
    if (!job.is_exhausted(source)) return source;
  }
  return std::nullopt;
}

std::string describe_exhausted_sources(const ClaimedJob& job) {
  std::string message =
      "no source could serve " + job.symbol + " (" + asset_class_name(job.asset_class) + ")";
  if (job.exhausted_sources.empty()) return message + ": no source is routed for this class";
  message += ": ";
  bool first = true;
  for (const ExhaustedSource& exhausted : job.exhausted_sources) {
    if (!first) message += "; ";
    first = false;
    message += exhausted.source + ": " + exhausted.reason;
  }
  return message;
}

}  // namespace pricefeed::host
