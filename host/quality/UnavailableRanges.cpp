#include "host/quality/UnavailableRanges.hpp"

#include <chrono>

#include <pqxx/transaction>

#include "host/time/CalendarDate.hpp"
#include "host/time/UnixTime.hpp"

namespace pricefeed::host {

void record_unavailable_ranges(pqxx::connection_base& connection, const ClaimedJob& job,
                               const std::string& source, const std::vector<UnavailableRange>& ranges) {
  if (ranges.empty()) return;
  pqxx::work tx(connection);
  for (const UnavailableRange& range : ranges) {
    // end is exclusive: the last day missing is the one before it.
    const std::int64_t last = range.end > range.start ? range.end - 1 : range.start;
    tx.exec_params(
        "INSERT INTO price_gaps (asset_id, resolution, start_date, end_date, reason, backfill_job_id) "
        "VALUES ($1, $2, $3::date, $4::date, $5, $6) "
        "ON CONFLICT (asset_id, resolution, start_date, end_date) "
        "DO UPDATE SET reason = EXCLUDED.reason, updated_at = now()",
        job.asset_id, resolution_name(job.resolution), format_iso_date(utc_date(range.start)),
        format_iso_date(utc_date(last)), source + ": " + range.reason, job.id);
  }
  tx.commit();
}

}  // namespace pricefeed::host
