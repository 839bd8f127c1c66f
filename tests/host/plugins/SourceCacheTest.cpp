#include "host/plugins/SourceCache.hpp"

#include <gtest/gtest.h>

#include <string>

namespace pricefeed::host {
namespace {

constexpr std::int64_t kNow = 1'000'000;
constexpr std::int64_t kHour = 3'600'000;

TEST(SourceCacheTest, AValueUpToTheLimitIsKept) {
  SourceCache cache;
  const std::string value(SourceCache::kMaxValueBytes, 'x');
  EXPECT_EQ(cache.put("k", value, kHour, kNow), SourceCache::PutOutcome::stored);
  EXPECT_EQ(cache.get("k", kNow), value);
}

// Before the limit, a plugin could park any amount of memory in the host, one put at a time.
TEST(SourceCacheTest, AValuePastTheLimitIsRefusedAndTheKeysOlderValueDropped) {
  SourceCache cache;
  ASSERT_EQ(cache.put("k", "old", kHour, kNow), SourceCache::PutOutcome::stored);
  const std::string value(SourceCache::kMaxValueBytes + 1, 'x');
  EXPECT_EQ(cache.put("k", value, kHour, kNow), SourceCache::PutOutcome::value_too_large);
  EXPECT_FALSE(cache.get("k", kNow)) << "a get after a refused put finds nothing outdated";
  EXPECT_EQ(cache.total_bytes(), 0u);
}

TEST(SourceCacheTest, AKeyPastTheLimitIsRefused) {
  SourceCache cache;
  const std::string key(SourceCache::kMaxKeyBytes + 1, 'k');
  EXPECT_EQ(cache.put(key, "v", kHour, kNow), SourceCache::PutOutcome::key_too_long);
  EXPECT_FALSE(cache.get(key, kNow));
}

TEST(SourceCacheTest, TheWholeCacheStaysWithinItsByteBudget) {
  SourceCache cache;
  const std::string value(SourceCache::kMaxValueBytes, 'x');
  const std::size_t puts = SourceCache::kMaxTotalBytes / SourceCache::kMaxValueBytes + 8;
  for (std::size_t i = 0; i < puts; ++i) {
    ASSERT_EQ(cache.put("k" + std::to_string(i), value, kHour + static_cast<std::int64_t>(i), kNow),
              SourceCache::PutOutcome::stored);
    EXPECT_LE(cache.total_bytes(), SourceCache::kMaxTotalBytes);
  }
  EXPECT_FALSE(cache.get("k0", kNow)) << "the entry closest to expiry made room";
  EXPECT_TRUE(cache.get("k" + std::to_string(puts - 1), kNow)) << "the newest is kept";
}

TEST(SourceCacheTest, ANonPositiveTtlErasesAndTheBytesAreGivenBack) {
  SourceCache cache;
  ASSERT_EQ(cache.put("k", "value", kHour, kNow), SourceCache::PutOutcome::stored);
  EXPECT_EQ(cache.put("k", "", 0, kNow), SourceCache::PutOutcome::erased);
  EXPECT_FALSE(cache.get("k", kNow));
  EXPECT_EQ(cache.total_bytes(), 0u);
}

}  // namespace
}  // namespace pricefeed::host
