#include "host/daemon/QuoteClaims.hpp"

#include <pqxx/pqxx>

#include "host/db/ArrayLiteral.hpp"

namespace pricefeed::host {

std::vector<std::int64_t> QuoteClaims::claim(pqxx::connection& connection, std::chrono::sys_seconds tick_at,
                                             std::span<const std::int64_t> asset_ids) const {
  if (asset_ids.empty()) return {};
  pqxx::work tx(connection, "daemon: quote claims");
  // The conflict's WHERE is what divides the tick: a row already claimed for this very tick is left
  // to its claimer and not returned. Concurrent claimers of one asset serialise on its row, and the
  // second sees the first's tick once it commits. Rows are taken in id order by every host, so two
  // claims of overlapping sets wait for each other instead of deadlocking.
  const pqxx::result rows = tx.exec_params(
      "INSERT INTO quote_claims (asset_id, tick_at, claimed_by) "
      "SELECT id, to_timestamp($2), $3 FROM unnest($1::bigint[]) AS id ORDER BY id "
      "ON CONFLICT (asset_id) DO UPDATE SET tick_at = excluded.tick_at, claimed_by = excluded.claimed_by, "
      "claimed_at = now() WHERE quote_claims.tick_at IS DISTINCT FROM excluded.tick_at "
      "RETURNING asset_id",
      bigint_array_literal(std::vector<std::int64_t>(asset_ids.begin(), asset_ids.end())),
      static_cast<std::int64_t>(tick_at.time_since_epoch().count()), host_id_);
  tx.commit();
  std::vector<std::int64_t> claimed;
  claimed.reserve(rows.size());
  for (const auto& row : rows)
    claimed.push_back(row[0].as<std::int64_t>());
  return claimed;
}

}  // namespace pricefeed::host
