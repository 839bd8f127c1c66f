#pragma once

// How many HTTP connections the process's descriptor limit leaves room for.
//
// Every connection costs a descriptor, and so does every database connection, upstream connection
// and file. Under systemd's default of 1,024 (or `ulimit -n 256`) a cap of 512 connections would let
// idle clients starve the database pool and the upstream requests, so HttpServer lowers its cap to:
//
//   RLIMIT_NOFILE (soft) - descriptors open now - descriptors the rest will still open - slack
//
// The slack covers the socket accepted only to be closed at the cap, and sessions being evicted.

#include <cstddef>

namespace pricefeed::host {

struct DescriptorBudget {
  static constexpr std::size_t kSlack = 16;

  std::size_t limit = 0;     // RLIMIT_NOFILE, soft
  std::size_t open = 0;      // descriptors open when measured
  std::size_t reserved = 0;  // what the rest of the process will still open

  // Descriptors left for HTTP connections (0 when none are).
  std::size_t room_for_connections() const;
};

// Measures the limit and the open descriptors (/proc/self/fd) now.
DescriptorBudget measure_descriptor_budget(std::size_t reserved);

}  // namespace pricefeed::host
