#include "host/cli/Cli.hpp"

int main(int argc, char** argv) {
  return pricefeed::host::run_cli(argc, argv);
}
