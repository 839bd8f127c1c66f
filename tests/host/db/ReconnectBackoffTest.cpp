#include "host/db/ReconnectBackoff.hpp"

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

TEST(ReconnectBackoff, DoublesFromTheFirstWaitUpToTheLongest) {
  const ReconnectBackoff backoff({milliseconds{500}, seconds{30}});
  EXPECT_EQ(backoff.ceiling(1), milliseconds{500});
  EXPECT_EQ(backoff.ceiling(2), milliseconds{1000});
  EXPECT_EQ(backoff.ceiling(3), milliseconds{2000});
  EXPECT_EQ(backoff.ceiling(7), milliseconds{30000});  // 32 s is past the cap
  EXPECT_EQ(backoff.ceiling(1000000), milliseconds{30000});
}

TEST(ReconnectBackoff, EachWaitIsJitteredDownByAtMostHalf) {
  ReconnectBackoff backoff({milliseconds{500}, seconds{30}}, 42);
  for (int failure = 1; failure <= 12; ++failure) {
    const milliseconds delay = backoff.next_delay();
    const milliseconds top = backoff.ceiling(failure);
    EXPECT_LE(delay, top) << "failure " << failure;
    EXPECT_GE(delay, top / 2) << "failure " << failure;
  }
  EXPECT_EQ(backoff.failures(), 12);
}

TEST(ReconnectBackoff, ASuccessStartsTheNextOutageFromTheFirstWait) {
  ReconnectBackoff backoff({milliseconds{100}, seconds{30}}, 7);
  for (int i = 0; i < 10; ++i)
    backoff.next_delay();
  backoff.reset();
  EXPECT_EQ(backoff.failures(), 0);
  EXPECT_LE(backoff.next_delay(), milliseconds{100});
}

TEST(ReconnectBackoff, NonsensicalSettingsStillGiveAPositiveBoundedWait) {
  ReconnectBackoff backoff({milliseconds{0}, milliseconds{-5}}, 1);
  const milliseconds delay = backoff.next_delay();
  EXPECT_GE(delay, milliseconds{0});
  EXPECT_LE(delay, milliseconds{1});
}

}  // namespace
}  // namespace pricefeed::host
