#include "tests/sandbox/RequestCounters.hpp"

namespace pricefeed::sandbox {

namespace {
template <typename Map>
auto& entry(Map& map, std::string_view key) {
  auto it = map.find(key);
  if (it == map.end()) it = map.emplace(std::string(key), typename Map::mapped_type{}).first;
  return it->second;
}
}  // namespace

void RequestCounters::request(std::string_view route) {
  std::lock_guard lock(mutex_);
  ++entry(routes_, route).requests;
}

void RequestCounters::answer(std::string_view route, unsigned status) {
  std::lock_guard lock(mutex_);
  ++entry(routes_, route).status[status];
}

void RequestCounters::fault(std::string_view route, std::string_view kind) {
  std::lock_guard lock(mutex_);
  ++entry(entry(routes_, route).faults, kind);
}

void RequestCounters::rate_limited(std::string_view route) {
  std::lock_guard lock(mutex_);
  ++entry(routes_, route).rate_limited;
}

void RequestCounters::clear() {
  std::lock_guard lock(mutex_);
  routes_.clear();
}

std::uint64_t RequestCounters::requests(std::string_view route) const {
  std::lock_guard lock(mutex_);
  auto it = routes_.find(route);
  return it == routes_.end() ? 0 : it->second.requests;
}

std::uint64_t RequestCounters::answers(std::string_view route, unsigned status) const {
  std::lock_guard lock(mutex_);
  auto it = routes_.find(route);
  if (it == routes_.end()) return 0;
  auto s = it->second.status.find(status);
  return s == it->second.status.end() ? 0 : s->second;
}

nlohmann::json RequestCounters::to_json() const {
  std::lock_guard lock(mutex_);
  nlohmann::json routes = nlohmann::json::object();
  std::uint64_t total = 0;
  std::map<unsigned, std::uint64_t> total_status;
  for (const auto& [name, c] : routes_) {
    nlohmann::json status = nlohmann::json::object();
    for (const auto& [code, n] : c.status) {
      status[std::to_string(code)] = n;
      total_status[code] += n;
    }
    nlohmann::json faults = nlohmann::json::object();
    for (const auto& [kind, n] : c.faults)
      faults[kind] = n;
    routes[name] = {
        {"requests", c.requests}, {"status", status}, {"faults", faults}, {"rate_limited", c.rate_limited}};
    total += c.requests;
  }
  nlohmann::json status = nlohmann::json::object();
  for (const auto& [code, n] : total_status)
    status[std::to_string(code)] = n;
  return {{"routes", routes}, {"total", {{"requests", total}, {"status", status}}}};
}

}  // namespace pricefeed::sandbox
