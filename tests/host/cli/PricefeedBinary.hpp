// The real pricefeed binary of this build, for end-to-end tests.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "tests/support/CommandResult.hpp"

namespace pricefeed::test {

inline CommandResult run_pricefeed(const std::vector<std::string>& args,
                                   const std::map<std::string, std::string>& env = {}) {
  // Appended rather than inserted in front: with the tests' precompiled header (docs/ci.md), gcc 12
  // reported a false -Warray-bounds inside std::string's move for args.insert(args.begin(), ...).
  std::vector<std::string> command{PRICEFEED_BINARY};
  command.insert(command.end(), args.begin(), args.end());
  return run_command(command, env);
}

}  // namespace pricefeed::test
