#include "host/plugins/SourceCache.hpp"

#include <algorithm>

namespace pricefeed::host {

std::optional<std::string> SourceCache::get(std::string_view key, std::int64_t now_ms) const {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.expires_ms <= now_ms) return std::nullopt;
  return it->second.value;
}

SourceCache::PutOutcome SourceCache::put(std::string_view key, std::string_view value, std::int64_t ttl_ms,
                                         std::int64_t now_ms) {
  std::lock_guard lock(mutex_);
  erase(key);
  if (key.size() > kMaxKeyBytes) return PutOutcome::key_too_long;
  if (value.size() > kMaxValueBytes) return PutOutcome::value_too_large;
  if (ttl_ms <= 0) return PutOutcome::erased;
  entries_.emplace(std::string(key), Entry{std::string(value), now_ms + ttl_ms});
  total_bytes_ += key.size() + value.size();
  if (entries_.size() > kMaxEntries || total_bytes_ > kMaxTotalBytes) evict(now_ms);
  return PutOutcome::stored;
}

std::size_t SourceCache::total_bytes() const {
  std::lock_guard lock(mutex_);
  return total_bytes_;
}

void SourceCache::erase(std::string_view key) {
  auto it = entries_.find(key);
  if (it == entries_.end()) return;
  total_bytes_ -= it->first.size() + it->second.value.size();
  entries_.erase(it);
}

// Drops expired entries, then those closest to expiry, until both the count and the byte budget are
// kept. A single entry always fits the budget (kMaxKeyBytes + kMaxValueBytes < kMaxTotalBytes).
void SourceCache::evict(std::int64_t now_ms) {
  for (auto it = entries_.begin(); it != entries_.end();) {
    if (it->second.expires_ms <= now_ms) {
      total_bytes_ -= it->first.size() + it->second.value.size();
      it = entries_.erase(it);
    } else {
      ++it;
    }
  }
  while (entries_.size() > kMaxEntries || total_bytes_ > kMaxTotalBytes) {
    auto oldest = std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
      return a.second.expires_ms < b.second.expires_ms;
    });
    total_bytes_ -= oldest->first.size() + oldest->second.value.size();
    entries_.erase(oldest);
  }
}

}  // namespace pricefeed::host
