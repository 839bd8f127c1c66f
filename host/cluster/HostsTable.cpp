#include "host/cluster/HostsTable.hpp"

#include <pqxx/pqxx>

#include "host/db/ArrayLiteral.hpp"

namespace pricefeed::host {

void record_heartbeat(pqxx::connection& connection, const HostIdentity& host,
                      const std::vector<std::int64_t>& jobs) {
  pqxx::work tx(connection, "cluster: heartbeat");
  tx.exec_params(
      "INSERT INTO hosts (id, host_name, pid, version, schema_version, roles, jobs) "
      "VALUES ($1, $2, $3, $4, $5, $6::text[], $7::bigint[]) "
      "ON CONFLICT (id) DO UPDATE SET last_seen = now(), stopped_at = NULL, jobs = excluded.jobs, "
      "version = excluded.version, schema_version = excluded.schema_version, roles = excluded.roles",
      host.id, host.host_name, host.pid, host.version, host.schema_version, text_array_literal(host.roles),
      bigint_array_literal(jobs));
  tx.commit();
}

void record_clean_stop(pqxx::connection& connection, const std::string& host_id) {
  pqxx::work tx(connection, "cluster: clean stop");
  tx.exec_params("UPDATE hosts SET stopped_at = now(), last_seen = now(), jobs = '{}' WHERE id = $1",
                 host_id);
  tx.exec_params(
      "UPDATE backfill_queue SET locked_until = now(), updated_at = now() "
      "WHERE locked_by = $1 AND status = 'in_progress' AND locked_until > now()",
      host_id);
  tx.exec_params("UPDATE daemon_runs SET running_by = NULL, running_since = NULL WHERE running_by = $1",
                 host_id);
  tx.commit();
}

std::int64_t forget_hosts_gone_for(pqxx::connection& connection, std::chrono::seconds gone_for) {
  pqxx::work tx(connection, "cluster: forget hosts long gone");
  const auto result = tx.exec_params("DELETE FROM hosts WHERE last_seen < now() - make_interval(secs => $1)",
                                     static_cast<std::int64_t>(gone_for.count()));
  tx.commit();
  return result.affected_rows();
}

}  // namespace pricefeed::host
