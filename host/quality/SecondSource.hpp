// The second opinion on a stored close: the next source of the asset class's routing chain after the
// one that gave the row, asked for its daily closes of a few days through the same SourceInstance as
// backfill jobs (so its rate limit and cooldowns apply). The anomaly cross-check and the divergence
// check both ask it.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include <pqxx/connection_base>

#include "host/assets/AssetIdentity.hpp"
#include "host/config/Config.hpp"
#include "host/plugins/SourceRegistry.hpp"

namespace pricefeed::host {

// Throws std::runtime_error naming the id when no such asset exists.
AssetIdentity load_asset_identity(pqxx::connection_base& connection, std::int64_t asset_id);

struct SourceCloses {
  std::string source;
  bool answered = false;  // false: the call failed (error says why)
  std::string error;
  std::map<std::chrono::sys_days, double> closes;  // by trading date
};

class SecondSource {
 public:
  SecondSource(const SourceRegistry& sources, const RoutingConfig& routing);

  // The first source of the class's chain, other than `stored_source`, that runs and serves daily
  // history of the class; nullopt when the chain has no such second source.
  std::optional<std::string> pick(AssetClass asset_class, std::string_view stored_source) const;

  // `source`'s daily closes of the trading dates [from, to].
  SourceCloses daily_closes(const std::string& source, const AssetIdentity& asset, std::chrono::sys_days from,
                            std::chrono::sys_days to, const std::atomic<bool>* cancelled = nullptr) const;

 private:
  const SourceRegistry& sources_;
  const RoutingConfig& routing_;
};

// 100 * (b - a) / a: how far `b` is from `a`, in percent.
double percent_apart(double a, double b);

}  // namespace pricefeed::host
