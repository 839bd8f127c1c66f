// The small key/value cache with time-to-live that a source keeps through the host (Yahoo's crumb,
// CoinGecko's symbol-to-id list), so that state survives across calls without living in the plugin.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace pricefeed::host {

class SourceCache {
 public:
  static constexpr std::size_t kMaxEntries = 4096;

  std::optional<std::string> get(std::string_view key, std::int64_t now_ms) const;
  void put(std::string_view key, std::string_view value, std::int64_t ttl_ms, std::int64_t now_ms);

 private:
  struct Entry {
    std::string value;
    std::int64_t expires_ms;
  };
  void evict(std::int64_t now_ms);

  mutable std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> entries_;
};

}  // namespace pricefeed::host
