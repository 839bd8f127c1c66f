// Retention of the inbox (docs/resilience.md "Retention"): a processed event is deleted once it is
// older than [events] retain_days. Its id is then forgotten, so a sender replaying it after that has
// it handled again.
#pragma once

#include <cstddef>

#include <pqxx/transaction_base>

namespace pricefeed::host {

// One batch inside the caller's transaction: deletes up to `limit` events processed (successfully or
// with an error) more than `older_than_days` days ago, oldest first, and returns how many. An
// unprocessed event is never deleted. Rows another transaction holds (the orchestrator handling
// one) are skipped (SKIP LOCKED) for a later batch, not waited for.
std::size_t delete_processed_events_older_than(pqxx::transaction_base& tx, int older_than_days,
                                               std::size_t limit);

}  // namespace pricefeed::host
