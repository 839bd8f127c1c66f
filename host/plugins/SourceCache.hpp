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

// Bounded three ways, so that a plugin keying on data or caching whole answers cannot grow the host
// without bound: at most kMaxEntries entries, kMaxKeyBytes per key and kMaxValueBytes per value (the
// largest real entry, CoinGecko's symbol index, is about 300 KB), and kMaxTotalBytes of keys and
// values together. Entries closest to expiry make room for new ones.
class SourceCache {
 public:
  static constexpr std::size_t kMaxEntries = 4096;
  static constexpr std::size_t kMaxKeyBytes = 1024;
  static constexpr std::size_t kMaxValueBytes = std::size_t{1} << 20;   // 1 MiB
  static constexpr std::size_t kMaxTotalBytes = std::size_t{16} << 20;  // 16 MiB

  enum class PutOutcome { stored, erased, key_too_long, value_too_large };

  std::optional<std::string> get(std::string_view key, std::int64_t now_ms) const;
  // A key or value past its limit is refused, and the key's older value, if any, is dropped (a get
  // after a refused put finds nothing rather than something outdated).
  PutOutcome put(std::string_view key, std::string_view value, std::int64_t ttl_ms, std::int64_t now_ms);
  std::size_t total_bytes() const;

 private:
  struct Entry {
    std::string value;
    std::int64_t expires_ms;
  };
  void evict(std::int64_t now_ms);

  void erase(std::string_view key);

  mutable std::mutex mutex_;
  std::map<std::string, Entry, std::less<>> entries_;
  std::size_t total_bytes_ = 0;  // keys and values of entries_
};

}  // namespace pricefeed::host
