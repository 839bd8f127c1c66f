#include "tests/sandbox/RequestLog.hpp"

#include <algorithm>

namespace pricefeed::sandbox {

RequestLog::RequestLog(std::size_t capacity) : capacity_(std::max<std::size_t>(1, capacity)) {}

void RequestLog::record(LoggedRequest entry) {
  std::lock_guard lock(mutex_);
  entry.seq = next_seq_++;
  if (entries_.size() == capacity_) {
    entries_.pop_front();
    ++dropped_;
  }
  entries_.push_back(std::move(entry));
}

void RequestLog::clear() {
  std::lock_guard lock(mutex_);
  entries_.clear();
  dropped_ = 0;
}

std::vector<LoggedRequest> RequestLog::entries(const RequestLogFilter& filter) const {
  std::lock_guard lock(mutex_);
  std::vector<LoggedRequest> out;
  // Entries are in seq order: skip the ones a reader has already seen without looking at each.
  auto first = std::upper_bound(entries_.begin(), entries_.end(), filter.after_seq,
                                [](std::uint64_t seq, const LoggedRequest& e) { return seq < e.seq; });
  for (auto it = first; it != entries_.end(); ++it) {
    if (filter.family && it->family != *filter.family) continue;
    if (filter.route && it->route != *filter.route) continue;
    out.push_back(*it);
  }
  return out;
}

nlohmann::json RequestLog::to_json(const RequestLogFilter& filter) const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& e : entries(filter))
    list.push_back(sandbox::to_json(e));
  std::lock_guard lock(mutex_);
  return {{"requests", std::move(list)}, {"dropped", dropped_}, {"capacity", capacity_}};
}

nlohmann::json to_json(const LoggedRequest& e) {
  nlohmann::json j = {
      {"seq", e.seq},       {"received_ms", e.received_ms}, {"route", e.route},     {"family", e.family},
      {"method", e.method}, {"target", e.target},           {"symbols", e.symbols}, {"status", e.status},
      {"peer", e.peer},     {"user_agent", e.user_agent}};
  if (!e.fault.empty()) j["fault"] = e.fault;
  if (!e.api_key.empty()) j["api_key"] = e.api_key;
  return j;
}

}  // namespace pricefeed::sandbox
