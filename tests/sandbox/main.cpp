// pricefeed-sandbox: serves the upstream APIs locally (see docs/sandbox.md).
#include <pthread.h>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "tests/sandbox/Sandbox.hpp"
#include "tests/sandbox/Server.hpp"

int main(int argc, char** argv) {
  using namespace pricefeed::sandbox;
  SandboxOptions options;
  try {
    bool help = false;
    options = parse_command_line(std::vector<std::string>(argv + 1, argv + argc), help);
    if (help) {
      std::cout << kUsage;
      return 0;
    }
  } catch (const std::exception& e) {
    std::cerr << "pricefeed-sandbox: " << e.what() << "\n\n" << kUsage;
    return 2;
  }

  std::signal(SIGPIPE, SIG_IGN);
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);

  try {
    Sandbox sandbox(options);
    // From here SIGINT/SIGTERM are taken by sigwait below, never by the server threads (which inherit
    // the mask). Before, they end the process the default way.
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    Server server(sandbox, options.listen, options.threads, options.verbose);
    if (!options.port_file.empty()) {
      // Written to a temporary name and renamed, so a reader never sees a partial number.
      std::string tmp = options.port_file + ".tmp";
      {
        std::ofstream out(tmp);
        out << server.port() << "\n";
      }
      std::filesystem::rename(tmp, options.port_file);
    }
    std::cout << "pricefeed-sandbox listening on " << server.base_url() << " (seed " << options.seed << ")"
              << std::endl;
    int sig = 0;
    sigwait(&signals, &sig);
    server.stop();
    std::cerr << "pricefeed-sandbox: stopped by signal " << sig << std::endl;
  } catch (const std::exception& e) {
    std::cerr << "pricefeed-sandbox: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
