#pragma once

#include <string>
#include <string_view>

namespace pricefeed::host {

// Returns the connection string with every password replaced by "***", so that it can be named in an
// error message or a log line. Understands the three places libpq takes a password from:
//   postgresql://user:secret@host/db          (URL user info)
//   postgresql://user@host/db?password=secret (URL query parameter)
//   host=h user=u password=secret             (keyword/value form, quoted or not)
std::string redact_database_url(std::string_view url);

}  // namespace pricefeed::host
