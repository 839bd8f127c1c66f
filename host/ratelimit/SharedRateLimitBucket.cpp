#include "host/ratelimit/SharedRateLimitBucket.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

#include <pqxx/pqxx>

namespace pricefeed::host {
namespace {

std::chrono::nanoseconds seconds_field(const pqxx::field& field) {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
      std::chrono::duration<double>(field.as<double>()));
}

// Interval parameters go as text in seconds, which PostgreSQL reads exactly.
std::string as_interval(std::chrono::nanoseconds duration) {
  return std::to_string(std::chrono::duration<double>(duration).count()) + " seconds";
}

}  // namespace

std::optional<RateLimit> SharedRateLimitBucket::configure(const std::string& source, const RateLimit& limit) {
  auto connection = pool_.acquire();
  pqxx::nontransaction tx(*connection);
  const pqxx::row row = tx.exec_params1(
      "SELECT previous_requests_per_minute, previous_burst FROM pricefeed_configure_rate_limit($1, $2, $3)",
      source, limit.requests_per_minute, static_cast<int>(std::max<std::uint32_t>(limit.burst, 1)));
  if (row[0].is_null()) return std::nullopt;
  return RateLimit{row[0].as<double>(), row[1].as<std::uint32_t>()};
}

SharedTokens SharedRateLimitBucket::take(const std::string& source, std::uint32_t cost,
                                         std::uint32_t lease_extra) {
  auto connection = pool_.acquire();
  pqxx::nontransaction tx(*connection);
  const pqxx::row row = tx.exec_params1(
      "SELECT granted, extract(epoch FROM wait), extract(epoch FROM cooldown_until - clock_timestamp()), "
      "tokens, lease_seconds FROM pricefeed_take_rate_limit_tokens($1, $2, $3)",
      source, static_cast<std::int64_t>(cost), static_cast<std::int64_t>(lease_extra));
  SharedTokens tokens;
  tokens.granted = row[0].as<double>();
  tokens.wait = seconds_field(row[1]);
  if (!row[2].is_null()) tokens.cooldown_left = seconds_field(row[2]);
  tokens.tokens_left = row[3].as<double>();
  tokens.lease = seconds_field(row[4]);
  return tokens;
}

std::chrono::nanoseconds SharedRateLimitBucket::enter_cooldown(const std::string& source,
                                                               std::chrono::nanoseconds retry_after) {
  auto connection = pool_.acquire();
  pqxx::nontransaction tx(*connection);
  const pqxx::result rows = tx.exec_params(
      "SELECT extract(epoch FROM pricefeed_enter_cooldown($1, $2::interval) - clock_timestamp())", source,
      as_interval(retry_after));
  if (rows.empty() || rows[0][0].is_null())
    throw std::runtime_error("no shared rate limit for source \"" + source + "\" to enter a cooldown in");
  return seconds_field(rows[0][0]);
}

}  // namespace pricefeed::host
