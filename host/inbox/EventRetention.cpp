#include "host/inbox/EventRetention.hpp"

#include <cstdint>
#include <exception>
#include <stdexcept>
#include <string>

#include <pqxx/result>

namespace pricefeed::host {

std::size_t delete_processed_events_older_than(pqxx::transaction_base& tx, int older_than_days,
                                               std::size_t limit) {
  try {
    return tx
        .exec_params(
            "DELETE FROM transaction_events WHERE event_id IN ("
            " SELECT event_id FROM transaction_events"
            " WHERE processed_at IS NOT NULL AND processed_at < now() - make_interval(days => $1)"
            " ORDER BY processed_at LIMIT $2 FOR UPDATE SKIP LOCKED)",
            older_than_days, static_cast<std::int64_t>(limit))
        .affected_rows();
  } catch (const std::exception& error) {
    std::throw_with_nested(std::runtime_error("deleting processed events older than " +
                                              std::to_string(older_than_days) + " days: " + error.what()));
  }
}

}  // namespace pricefeed::host
