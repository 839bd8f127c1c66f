#include "host/db/DatabaseOutage.hpp"

#include <string>

#include <pqxx/except>

#include "host/db/ConnectionPool.hpp"
#include "host/db/Database.hpp"

namespace pricefeed::host {

bool is_database_outage(const std::exception& error) {
  if (dynamic_cast<const pqxx::broken_connection*>(&error) != nullptr) return true;
  if (dynamic_cast<const pqxx::in_doubt_error*>(&error) != nullptr) return true;
  if (dynamic_cast<const DatabaseConnectionError*>(&error) != nullptr) return true;
  if (dynamic_cast<const ConnectionPoolTimeout*>(&error) != nullptr) return true;
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&error)) {
    const std::string state = sql->sqlstate();
    if (state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03") return true;
  }
  // Wrappers that say what was being done (BackfillQueueError) nest the database's own exception.
  try {
    std::rethrow_if_nested(error);
  } catch (const std::exception& inner) {
    return is_database_outage(inner);
  } catch (...) {
  }
  return false;
}

}  // namespace pricefeed::host
