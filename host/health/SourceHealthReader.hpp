// Builds a SourceHealthSnapshot of the running sources: their descriptors and rate limiters from
// memory, their activity from the database in one statement.
//
//   SourceHealthReader reader(runtime.registry(), runtime.clock(), health_pool);
//   SourceHealthSnapshot snapshot = reader.read();   // never throws for a database outage
#pragma once

#include "host/db/ConnectionPool.hpp"
#include "host/health/SourceHealth.hpp"
#include "host/plugins/SourceRegistry.hpp"
#include "host/ratelimit/Clock.hpp"

namespace pricefeed::host {

class SourceHealthReader {
 public:
  // Everything is borrowed and must outlive the reader. `clock` is the one the limiters run on.
  SourceHealthReader(const SourceRegistry& registry, const Clock& clock, ConnectionPool& pool);

  // Thread-safe (each call leases its own connection).
  SourceHealthSnapshot read() const;

 private:
  const SourceRegistry& registry_;
  const Clock& clock_;
  ConnectionPool& pool_;
};

}  // namespace pricefeed::host
