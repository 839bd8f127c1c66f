#include "host/http/DescriptorBudget.hpp"

#include <sys/resource.h>

#include <filesystem>
#include <limits>
#include <system_error>

namespace pricefeed::host {

std::size_t DescriptorBudget::room_for_connections() const {
  const std::size_t used = open + reserved + kSlack;
  return limit > used ? limit - used : 0;
}

DescriptorBudget measure_descriptor_budget(std::size_t reserved) {
  DescriptorBudget budget;
  budget.reserved = reserved;
  rlimit limit{};
  budget.limit = getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur != RLIM_INFINITY
                     ? static_cast<std::size_t>(limit.rlim_cur)
                     : std::numeric_limits<std::size_t>::max();
  // Counts the iterator's own descriptor too: one too many errs on the safe side.
  std::error_code error;
  for (std::filesystem::directory_iterator it("/proc/self/fd", error), end; !error && it != end;
       it.increment(error))
    ++budget.open;
  return budget;
}

}  // namespace pricefeed::host
