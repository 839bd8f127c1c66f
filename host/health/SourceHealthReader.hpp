// Builds a SourceHealthSnapshot of the running sources: their descriptors and rate limiters from
// memory, their activity from the database in one statement.
//
//   SourceHealthReader reader(runtime.registry(), runtime.clock(), health_pool);
//   SourceHealthSnapshot snapshot = reader.read();   // never throws for a database outage
#pragma once

#include <functional>
#include <vector>

#include "host/db/ConnectionPool.hpp"
#include "host/health/SourceHealth.hpp"
#include "host/plugins/SourceRegistry.hpp"
#include "host/ratelimit/Clock.hpp"

namespace pricefeed::host {

class SourceHealthReader {
 public:
  // The streams of the sources that stream, now (StreamService::status); safe from any thread.
  using StreamsNow = std::function<std::vector<SourceStreamStatus>()>;

  // Everything is borrowed and must outlive the reader. `clock` is the one the limiters run on.
  // `streams` may be empty: no source streams.
  SourceHealthReader(const SourceRegistry& registry, const Clock& clock, ConnectionPool& pool,
                     StreamsNow streams = {});

  // Thread-safe (each call leases its own connection).
  SourceHealthSnapshot read() const;

 private:
  const SourceRegistry& registry_;
  const Clock& clock_;
  ConnectionPool& pool_;
  StreamsNow streams_;
};

}  // namespace pricefeed::host
