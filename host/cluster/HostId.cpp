#include "host/cluster/HostId.hpp"

#include <unistd.h>

namespace pricefeed::host {

std::string this_host_name() {
  char name[256] = {};
  if (gethostname(name, sizeof name - 1) != 0) return "unknown";
  return name;
}

std::string this_host_id() {
  return this_host_name() + ":" + std::to_string(getpid());
}

}  // namespace pricefeed::host
