// Which assets are live on a stream: marked per source, all of a source's gone when its stream is
// down, and an asset live on two sources stays live while either is up.
#include "host/stream/StreamCoverage.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(StreamCoverage, NothingIsLiveBeforeAStreamMarksIt) {
  const StreamCoverage coverage;
  EXPECT_THAT(coverage.live_assets(), IsEmpty());
  EXPECT_FALSE(coverage.is_live(1));
}

TEST(StreamCoverage, MarkedAssetsAreLiveUntilTheirStreamIsDown) {
  StreamCoverage coverage;
  coverage.mark_live("binance", {1, 2});
  coverage.mark_live("binance", {3});
  coverage.mark_live("kraken", {7});
  EXPECT_THAT(coverage.live_assets(), ElementsAre(1, 2, 3, 7));
  EXPECT_TRUE(coverage.is_live(3));

  coverage.mark_down("binance");
  EXPECT_THAT(coverage.live_assets(), ElementsAre(7));
  EXPECT_FALSE(coverage.is_live(1));
}

TEST(StreamCoverage, RemovedAssetsAreNoLongerLiveOnThatSource) {
  StreamCoverage coverage;
  coverage.mark_live("binance", {1, 2});
  coverage.remove("binance", {1});
  coverage.remove("kraken", {2});  // not streamed there: nothing changes
  EXPECT_THAT(coverage.live_assets(), ElementsAre(2));
}

TEST(StreamCoverage, AnAssetOnTwoStreamsStaysLiveWhileOneIsUp) {
  StreamCoverage coverage;
  coverage.mark_live("binance", {5});
  coverage.mark_live("kraken", {5});
  coverage.mark_down("binance");
  EXPECT_TRUE(coverage.is_live(5));
  coverage.mark_down("kraken");
  EXPECT_FALSE(coverage.is_live(5));
}

}  // namespace
}  // namespace pricefeed::host
