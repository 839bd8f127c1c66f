#include "host/db/GapFillingBars.hpp"

#include <exception>
#include <stdexcept>
#include <string>

#include <pqxx/result>

#include "host/time/UnixTime.hpp"

namespace pricefeed::host {

void mark_gap_filling_bars(pqxx::transaction_base& tx, std::int64_t gap_id, std::int64_t asset_id,
                           std::chrono::sys_days first, std::chrono::sys_days last) {
  try {
    tx.exec_params(
        "UPDATE asset_prices SET filled_gap_id = $1 WHERE asset_id = $2 AND resolution = '1d' "
        "AND ts >= to_timestamp($3) AND ts < to_timestamp($4) AND filled_gap_id IS NULL",
        gap_id, asset_id, unix_seconds(first), unix_seconds(last + std::chrono::days{1}));
  } catch (const std::exception& error) {
    std::throw_with_nested(std::runtime_error("marking the daily bars of asset " + std::to_string(asset_id) +
                                              " that filled gap " + std::to_string(gap_id) + ": " +
                                              error.what()));
  }
}

}  // namespace pricefeed::host
