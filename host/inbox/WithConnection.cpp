#include "host/inbox/WithConnection.hpp"

#include "host/db/Database.hpp"

namespace pricefeed::host {

WithConnection connection_per_call(std::string database_url) {
  return [url = std::move(database_url)](const ConnectionWork& work) {
    const auto connection = open_database_connection(url);
    work(*connection);
  };
}

}  // namespace pricefeed::host
