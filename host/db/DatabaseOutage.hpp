// Whether an error means "PostgreSQL is unreachable or went away" (to be waited out with a
// ReconnectBackoff) rather than a bug or a bad row (to be logged and moved past): a connection that
// broke or could not be opened, a pool that could not get one, or a server that is shutting down,
// starting up or killed our backend (SQLSTATE class 08, 57P01..57P03), also when nested inside an
// exception that says what was being done (std::throw_with_nested).
#pragma once

#include <exception>

namespace pricefeed::host {

bool is_database_outage(const std::exception& error);

}  // namespace pricefeed::host
