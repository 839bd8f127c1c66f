#include "host/stream/StreamCoverage.hpp"

#include <algorithm>

namespace pricefeed::host {

void StreamCoverage::mark_live(const std::string& source, const std::vector<std::int64_t>& asset_ids) {
  std::lock_guard lock(mutex_);
  live_by_source_[source].insert(asset_ids.begin(), asset_ids.end());
}

void StreamCoverage::mark_down(const std::string& source) {
  std::lock_guard lock(mutex_);
  live_by_source_.erase(source);
}

void StreamCoverage::remove(const std::string& source, const std::vector<std::int64_t>& asset_ids) {
  std::lock_guard lock(mutex_);
  auto found = live_by_source_.find(source);
  if (found == live_by_source_.end()) return;
  for (std::int64_t id : asset_ids)
    found->second.erase(id);
  if (found->second.empty()) live_by_source_.erase(found);
}

std::set<std::int64_t> StreamCoverage::live_assets() const {
  std::lock_guard lock(mutex_);
  std::set<std::int64_t> live;
  for (const auto& [source, ids] : live_by_source_)
    live.insert(ids.begin(), ids.end());
  return live;
}

bool StreamCoverage::is_live(std::int64_t asset_id) const {
  std::lock_guard lock(mutex_);
  return std::any_of(live_by_source_.begin(), live_by_source_.end(),
                     [asset_id](const auto& entry) { return entry.second.contains(asset_id); });
}

}  // namespace pricefeed::host
