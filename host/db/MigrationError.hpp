#pragma once

#include <stdexcept>

namespace pricefeed::host {

// Why `pricefeed migrate` (or a start-up schema check) refused or failed. The message names the
// migration file or the versions concerned, and what to do about it.
class MigrationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace pricefeed::host
