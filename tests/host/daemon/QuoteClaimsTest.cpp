// QuoteClaims on a real PostgreSQL: the hosts ticking at one boundary divide its due assets, each
// asset once, and the next tick (or a replayed one) claims them afresh.
#include "host/daemon/QuoteClaims.hpp"

#include <algorithm>
#include <future>
#include <set>
#include <thread>

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "host/daemon/DaemonSchedule.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;

const sys_seconds kTick = sys_days{year{2026} / 11 / 24} + hours{15};

class QuoteClaimsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    pqxx::work tx(*connection_);
    for (int i = 0; i < 2000; ++i) {
      ids_.push_back(
          tx.exec_params1("INSERT INTO assets (symbol, asset_class, currency) VALUES ($1, 'stock', "
                          "'USD') RETURNING id",
                          "S" + std::to_string(i))[0]
              .as<std::int64_t>());
    }
    tx.commit();
  }

  std::vector<std::int64_t> sorted(std::vector<std::int64_t> ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  test::TestDatabase db_;
  std::unique_ptr<pqxx::connection> connection_ = db_.connect();
  std::vector<std::int64_t> ids_;
};

TEST_F(QuoteClaimsTest, TheFirstHostToClaimAnAssetForATickGetsItAndTheSecondGetsNothing) {
  const std::vector<std::int64_t> some(ids_.begin(), ids_.begin() + 3);
  EXPECT_EQ(sorted(QuoteClaims("a:1").claim(*connection_, kTick, some)), some);
  EXPECT_TRUE(QuoteClaims("b:2").claim(*connection_, kTick, some).empty());
  EXPECT_TRUE(QuoteClaims("a:1").claim(*connection_, kTick, some).empty()) << "not even the claimer twice";

  pqxx::work tx(*connection_);
  EXPECT_EQ(tx.exec1("SELECT count(*) FROM quote_claims WHERE claimed_by = 'a:1'")[0].as<int>(), 3);
}

TEST_F(QuoteClaimsTest, ANewTickAndAReplayedOldOneClaimTheAssetsAfresh) {
  const std::vector<std::int64_t> one{ids_[0]};
  ASSERT_EQ(QuoteClaims("a:1").claim(*connection_, kTick, one), one);
  EXPECT_EQ(QuoteClaims("b:2").claim(*connection_, kTick + minutes{15}, one), one);
  EXPECT_EQ(QuoteClaims("b:2").claim(*connection_, kTick - days{400}, one), one) << "a --once --at replay";
}

TEST_F(QuoteClaimsTest, OnlyTheAssetsLeftUnclaimedAreReturnedFromAPartlyClaimedSet) {
  ASSERT_EQ(QuoteClaims("a:1").claim(*connection_, kTick, std::vector<std::int64_t>{ids_[1]}).size(), 1u);
  const std::vector<std::int64_t> three(ids_.begin(), ids_.begin() + 3);
  EXPECT_EQ(sorted(QuoteClaims("b:2").claim(*connection_, kTick, three)),
            (std::vector<std::int64_t>{ids_[0], ids_[2]}));
}

// Three hosts claiming the same 2,000 assets at once, each on its own connection and in its own order
// of chunks (as DaemonTick does): every asset is claimed exactly once, and none deadlocks.
TEST_F(QuoteClaimsTest, ConcurrentHostsClaimingOverlappingChunksClaimEachAssetExactlyOnce) {
  auto host = [&](std::string id, std::size_t first_chunk) {
    auto connection = db_.connect();
    const QuoteClaims claims(std::move(id));
    std::vector<std::int64_t> mine;
    constexpr std::size_t kChunk = 250;
    const std::size_t chunks = ids_.size() / kChunk;
    for (std::size_t i = 0; i < chunks; ++i) {
      const std::size_t begin = ((first_chunk + i) % chunks) * kChunk;
      const std::vector<std::int64_t> chunk(ids_.begin() + static_cast<std::ptrdiff_t>(begin),
                                            ids_.begin() + static_cast<std::ptrdiff_t>(begin + kChunk));
      for (std::int64_t id : claims.claim(*connection, kTick, chunk))
        mine.push_back(id);
    }
    return mine;
  };
  auto a = std::async(std::launch::async, host, "a:1", 0);
  auto b = std::async(std::launch::async, host, "b:2", 3);
  auto c = std::async(std::launch::async, host, "c:3", 0);
  std::vector<std::int64_t> all;
  for (auto* claimed : {&a, &b, &c}) {
    const std::vector<std::int64_t> mine = claimed->get();
    all.insert(all.end(), mine.begin(), mine.end());
  }
  EXPECT_EQ(sorted(all), ids_) << "every asset once, none twice, none left out";
}

TEST(TickBoundaryTest, AnInstantBelongsToTheBoundaryAtOrBeforeIt) {
  EXPECT_EQ(tick_boundary_of(kTick, minutes{15}), kTick);
  EXPECT_EQ(tick_boundary_of(kTick + minutes{14} + seconds{59}, minutes{15}), kTick);
  EXPECT_EQ(tick_boundary_of(kTick + minutes{15}, minutes{15}), kTick + minutes{15});
  EXPECT_EQ(tick_boundary_of(kTick + minutes{7}, minutes{60}), kTick);
}

}  // namespace
}  // namespace pricefeed::host
