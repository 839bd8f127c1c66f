#include "host/plugins/SourceCache.hpp"

#include <algorithm>

namespace pricefeed::host {

std::optional<std::string> SourceCache::get(std::string_view key, std::int64_t now_ms) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.expires_ms <= now_ms) return std::nullopt;
  return it->second.value;
}

void SourceCache::put(std::string_view key, std::string_view value, std::int64_t ttl_ms,
                      std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  if (ttl_ms <= 0) {
    entries_.erase(std::string(key));
    return;
  }
  entries_.insert_or_assign(std::string(key), Entry{std::string(value), now_ms + ttl_ms});
  if (entries_.size() > kMaxEntries) evict(now_ms);
}

// Drops expired entries, then those closest to expiry, so a plugin that keys on data cannot grow
// the host without bound.
void SourceCache::evict(std::int64_t now_ms) {
  std::erase_if(entries_, [&](const auto& e) { return e.second.expires_ms <= now_ms; });
  while (entries_.size() > kMaxEntries) {
    auto oldest = std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
      return a.second.expires_ms < b.second.expires_ms;
    });
    entries_.erase(oldest);
  }
}

}  // namespace pricefeed::host
