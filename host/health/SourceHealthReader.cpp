#include "host/health/SourceHealthReader.hpp"

#include <utility>

#include <vector>

#include "host/health/DatabaseProbe.hpp"
#include "host/plugins/SourceFingerprint.hpp"

namespace pricefeed::host {
namespace {

// The limiter's clock is monotonic; the calendar instant is "now on the calendar plus what is left".
UtcTime on_the_calendar(Clock::time_point until, const Clock& clock) {
  const auto left = until - clock.now();
  return std::chrono::time_point_cast<std::chrono::milliseconds>(
      clock.wall_now() + std::chrono::duration_cast<std::chrono::system_clock::duration>(left));
}

}  // namespace

SourceHealthReader::SourceHealthReader(const SourceRegistry& registry, const Clock& clock,
                                       ConnectionPool& pool, StreamsNow streams)
    : registry_(registry), clock_(clock), pool_(pool), streams_(std::move(streams)) {}

SourceHealthSnapshot SourceHealthReader::read() const {
  SourceHealthSnapshot snapshot;
  snapshot.fingerprint_salt = process_fingerprint_salt();
  std::vector<std::string> names;
  for (const auto& instance : registry_.instances()) {
    SourceHealth source;
    source.name = instance->name();
    source.plugin = instance->plugin().name();
    source.plugin_version = instance->plugin().version();
    source.plugin_file = instance->plugin().file().string();
    source.fingerprint = source_fingerprint(snapshot.fingerprint_salt, instance->plugin().file_state(),
                                            instance->config_json());
    source.calls = instance->calls();
    if (const auto& limiter = instance->context().limiter) {
      source.rate_limiter = limiter->state();
      if (source.rate_limiter->cooldown_until)
        source.cooldown_until = on_the_calendar(*source.rate_limiter->cooldown_until, clock_);
    }
    names.push_back(source.name);
    snapshot.sources.push_back(std::move(source));
  }
  if (streams_) {
    for (SourceStreamStatus& stream : streams_()) {
      for (auto& source : snapshot.sources) {
        if (source.name == stream.source) source.stream = std::move(stream);
      }
    }
  }
  try {
    auto activity = read_source_activity(pool_, names);
    for (auto& source : snapshot.sources)
      source.activity = std::move(activity[source.name]);
  } catch (const std::exception& error) {
    snapshot.database_error = describe_database_error(error);
  }
  return snapshot;
}

}  // namespace pricefeed::host
