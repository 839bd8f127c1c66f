#include "host/db/Database.hpp"

#include <pqxx/except>

#include "host/redaction/TextRedaction.hpp"

namespace pricefeed::host {

std::unique_ptr<pqxx::connection> open_database_connection(const std::string& url) {
  // libpq treats an empty string as "every default", which connects somewhere unexpected or fails
  // with a message that does not say the URL was missing.
  if (url.empty()) {
    throw DatabaseConnectionError(
        "cannot connect to PostgreSQL: the database URL is empty (set [database].url or DATABASE_URL)");
  }
  try {
    return std::make_unique<pqxx::connection>(url);
  } catch (const std::exception& error) {
    // pqxx::broken_connection for an unreachable server, pqxx::argument_error for a malformed string.
    std::string reason = error.what();
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' '))
      reason.pop_back();
    // The whole message is redacted, not only the string: libpq may quote parts of it back.
    throw DatabaseConnectionError(redact_text("cannot connect to PostgreSQL at " + url + ": " + reason));
  }
}

}  // namespace pricefeed::host
