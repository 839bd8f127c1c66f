#pragma once

#include <stdexcept>

namespace pricefeed::host {

// A queue operation failed in the database. The message names the operation, the job and the
// worker; the database's own exception is nested (std::rethrow_if_nested) for whoever needs its type.
class BackfillQueueError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace pricefeed::host
