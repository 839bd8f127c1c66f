// Runs a real program (the pricefeed binary, a script) the way an operator would, and keeps what it
// printed and how it ended, for end-to-end tests.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace pricefeed::test {

struct CommandResult {
  int exit_code = -1;  // -1 when it did not exit normally (killed by a signal)
  std::string out;     // standard output
  std::string err;     // standard error
};

// argv[0] is the program's path; extra_env is added to (and overrides) this process's environment.
CommandResult run_command(const std::vector<std::string>& argv,
                          const std::map<std::string, std::string>& extra_env = {});

}  // namespace pricefeed::test
