// The real pricefeed binary of this build, for end-to-end tests.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "tests/support/CommandResult.hpp"

namespace pricefeed::test {

inline CommandResult run_pricefeed(std::vector<std::string> args,
                                   const std::map<std::string, std::string>& env = {}) {
  args.insert(args.begin(), PRICEFEED_BINARY);
  return run_command(args, env);
}

}  // namespace pricefeed::test
