#include "host/plugins/SourceTimeouts.hpp"

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr milliseconds kNone{0};

TEST(SourceTimeoutsTest, BeforeAnyTimeoutARequestGetsTheFirstTimeout) {
  const SourceTimeouts timeouts{seconds{30}, seconds{120}};
  EXPECT_EQ(timeouts.for_request(kNone, 0), seconds{30});
}

TEST(SourceTimeoutsTest, EachTimeoutDoublesTheNextUpToTheCap) {
  const SourceTimeouts timeouts{seconds{30}, seconds{120}};
  EXPECT_EQ(timeouts.for_request(kNone, 1), seconds{60});
  EXPECT_EQ(timeouts.for_request(kNone, 2), seconds{120});
  EXPECT_EQ(timeouts.for_request(kNone, 3), seconds{120});
  EXPECT_EQ(timeouts.for_request(kNone, 4'000'000'000u), seconds{120}) << "no overflow however many";
}

TEST(SourceTimeoutsTest, ACapBetweenTwoDoublingsIsReachedExactly) {
  const SourceTimeouts timeouts{seconds{30}, seconds{100}};
  EXPECT_EQ(timeouts.for_request(kNone, 2), seconds{100});
}

TEST(SourceTimeoutsTest, ThePluginsOwnTimeoutIsDoubledTheSameWay) {
  const SourceTimeouts timeouts{seconds{30}, seconds{120}};
  EXPECT_EQ(timeouts.for_request(seconds{5}, 0), seconds{5});
  EXPECT_EQ(timeouts.for_request(seconds{5}, 2), seconds{20});
}

// A plugin asking for an hour must not hold a worker thread past what the operator allowed
// (timeout_max_seconds).
TEST(SourceTimeoutsTest, APluginTimeoutAboveTheCapIsCutToTheCap) {
  const SourceTimeouts timeouts{seconds{30}, seconds{120}};
  EXPECT_EQ(timeouts.for_request(seconds{300}, 0), seconds{120});
  EXPECT_EQ(timeouts.for_request(seconds{3600}, 3), seconds{120});
  EXPECT_EQ(timeouts.for_request(std::chrono::milliseconds{4'294'967'295}, 0), seconds{120});
}

}  // namespace
}  // namespace pricefeed::host
