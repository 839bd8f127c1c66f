// version_is_older: how the listing finds the newest version among the hosts.
#include <gtest/gtest.h>

#include "host/cluster/ClusterHosts.hpp"

namespace pricefeed::host {
namespace {

TEST(VersionOrderTest, NumbersCompareAsNumbers) {
  EXPECT_TRUE(version_is_older("0.9.1", "0.10.0"));
  EXPECT_FALSE(version_is_older("0.10.0", "0.9.1"));
  EXPECT_TRUE(version_is_older("1.2", "1.2.1"));
  EXPECT_FALSE(version_is_older("1.2.1", "1.2"));
}

TEST(VersionOrderTest, AVersionIsNotOlderThanItself) {
  EXPECT_FALSE(version_is_older("0.1.0", "0.1.0"));
}

TEST(VersionOrderTest, PartsThatAreNotNumbersCompareAsText) {
  EXPECT_TRUE(version_is_older("0.1.0-alpha", "0.1.0-beta"));
}

}  // namespace
}  // namespace pricefeed::host
