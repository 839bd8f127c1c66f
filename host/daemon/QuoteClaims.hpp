// Divides a tick's due assets among the hosts that tick at the same boundary (table quote_claims,
// sql/012_quote_claims.sql): an asset is claimed for a tick once, by whichever host asks first, and
// only the claimer quotes it. Hosts need not know of each other; a host that dies holding claims
// costs their assets this tick only, since the next tick claims them afresh.
#pragma once

#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <pqxx/connection>

namespace pricefeed::host {

class QuoteClaims {
 public:
  // `host_id`: who claims (hosts.id, the worker id).
  explicit QuoteClaims(std::string host_id) : host_id_(std::move(host_id)) {}

  // Claims for the tick at `tick_at` (tick_boundary_of the tick's instant) those of `asset_ids` no host has
  // claimed for that tick yet, in one statement, and returns them (in no particular order).
  std::vector<std::int64_t> claim(pqxx::connection& connection, std::chrono::sys_seconds tick_at,
                                  std::span<const std::int64_t> asset_ids) const;

  const std::string& host_id() const noexcept { return host_id_; }

 private:
  std::string host_id_;
};

}  // namespace pricefeed::host
