// Per-route request counters for GET /__sandbox/stats.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace pricefeed::sandbox {

class RequestCounters {
 public:
  void request(std::string_view route);
  void answer(std::string_view route, unsigned status);
  void fault(std::string_view route, std::string_view kind);
  void rate_limited(std::string_view route);
  void clear();

  std::uint64_t requests(std::string_view route) const;
  std::uint64_t answers(std::string_view route, unsigned status) const;
  // {"routes":{"yahoo.chart":{"requests":3,"status":{"200":2,"429":1},"faults":{"429":1},
  //  "rate_limited":0}},"total":{"requests":3,"status":{...}}}
  nlohmann::json to_json() const;

 private:
  struct Counts {
    std::uint64_t requests = 0;
    std::uint64_t rate_limited = 0;
    std::map<unsigned, std::uint64_t> status;
    std::map<std::string, std::uint64_t, std::less<>> faults;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Counts, std::less<>> routes_;
};

}  // namespace pricefeed::sandbox
