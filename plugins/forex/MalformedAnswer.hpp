#pragma once

// What a parser throws when an upstream's answer does not have the documented shape: cut short, an
// HTML error page, a changed format. The message says what is wrong and where (a line, a JSON path);
// the caller adds which request it answered and an excerpt of the body. Such a body is never read as
// data, and the host sees TRANSIENT: a body broken on the way is worth another try later.

#include <stdexcept>

namespace pricefeed::forex {

class MalformedAnswer : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace pricefeed::forex
