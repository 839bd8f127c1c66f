// A split reported inside stored history is recorded once and re-fetches the whole stored range
// once; one before the history, or whose job just wrote everything, re-fetches nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "host/metrics/HostMetrics.hpp"
#include "host/quality/SplitRefetch.hpp"
#include "tests/host/quality/StoredHistory.hpp"

namespace pricefeed::host::quality_test {
namespace {

using ::testing::IsEmpty;

class SplitRefetchTest : public StoredHistoryTest {
 protected:
  SplitRefetch splits{5};
  std::int64_t aapl = insert_asset("AAPL", "stock", "NMS");

  void SetUp() override {
    store_trading_days(aapl, "stock", "NMS", day("2026-01-02"), day("2026-03-31"), "yahoo");
  }

  static ReportedSplit four_for_one(const char* date) { return {day(date), 4, 1, "yahoo"}; }

  static double splits_counted() { return host_metrics().splits_detected.labels({"yahoo"}).value(); }
};

TEST_F(SplitRefetchTest, ASplitInsideStoredHistoryQueuesOneRefetchOfTheWholeRange) {
  const double counted_before = splits_counted();
  const auto outcomes = splits.handle(*sql, aapl, {four_for_one("2026-03-16")},
                                      DateRange{day("2026-03-01"), day("2026-03-31")});

  ASSERT_EQ(outcomes.size(), 1u);
  ASSERT_TRUE(outcomes[0].refetch_job_id.has_value());
  EXPECT_EQ(splits_counted(), counted_before + 1);
  pqxx::read_transaction tx(*sql);
  const auto job = tx.exec_params(
      "SELECT asset_id, start_date::text, end_date::text, status FROM backfill_queue "
      "WHERE id = $1",
      *outcomes[0].refetch_job_id)[0];
  EXPECT_EQ(job[0].as<std::int64_t>(), aapl);
  EXPECT_STREQ(job[1].c_str(), "2026-01-02");
  EXPECT_STREQ(job[2].c_str(), "2026-03-31");
  EXPECT_STREQ(job[3].c_str(), "pending");
  const auto split = tx.exec_params(
      "SELECT split_date::text, numerator, denominator, source, refetch_job_id FROM asset_splits WHERE id = "
      "$1",
      outcomes[0].split_id)[0];
  EXPECT_STREQ(split[0].c_str(), "2026-03-16");
  EXPECT_EQ(split[1].as<double>(), 4);
  EXPECT_EQ(split[2].as<double>(), 1);
  EXPECT_STREQ(split[3].c_str(), "yahoo");
  EXPECT_EQ(split[4].as<std::int64_t>(), *outcomes[0].refetch_job_id);
}

TEST_F(SplitRefetchTest, TheSameSplitSeenAgainQueuesNothing) {
  splits.handle(*sql, aapl, {four_for_one("2026-03-16")}, DateRange{day("2026-03-01"), day("2026-03-31")});
  const double counted_before = splits_counted();

  // The re-fetch job reports it again, as does every later job over that date.
  EXPECT_THAT(splits.handle(*sql, aapl, {four_for_one("2026-03-16")},
                            DateRange{day("2026-01-02"), day("2026-03-31")}),
              IsEmpty());
  EXPECT_THAT(splits.handle(*sql, aapl, {four_for_one("2026-03-16")}, std::nullopt), IsEmpty());
  EXPECT_EQ(count("SELECT count(*) FROM backfill_queue"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM asset_splits"), 1);
  EXPECT_EQ(splits_counted(), counted_before);
}

TEST_F(SplitRefetchTest, ASplitBeforeTheStoredHistoryNeedsNoRefetch) {
  const auto outcomes = splits.handle(*sql, aapl, {four_for_one("2025-06-02")}, std::nullopt);

  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_FALSE(outcomes[0].refetch_job_id.has_value());
  EXPECT_EQ(count("SELECT count(*) FROM backfill_queue"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM asset_splits WHERE refetch_job_id IS NULL"), 1);
}

TEST_F(SplitRefetchTest, AJobThatJustWroteTheWholeHistoryNeedsNoRefetch) {
  const auto outcomes = splits.handle(*sql, aapl, {four_for_one("2026-03-16")},
                                      DateRange{day("2026-01-01"), day("2026-03-31")});

  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_FALSE(outcomes[0].refetch_job_id.has_value());
  EXPECT_EQ(count("SELECT count(*) FROM backfill_queue"), 0);
}

TEST_F(SplitRefetchTest, ASplitAfterTheStoredHistoryRefetchesIt) {
  // Seen by a job over April: March and before were stored on the old share count.
  const auto outcomes = splits.handle(*sql, aapl, {four_for_one("2026-04-06")},
                                      DateRange{day("2026-04-01"), day("2026-04-10")});

  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_TRUE(outcomes[0].refetch_job_id.has_value());
}

TEST(SplitsAmongTest, OnlySplitsWithARatioAreActedOn) {
  std::vector<Action> actions;
  actions.push_back({Action::Kind::dividend, 1773619200, 0.25, kAbsent, kAbsent});
  actions.push_back({Action::Kind::split, 1773619200, kAbsent, 4, 1});  // 2026-03-16
  actions.push_back({Action::Kind::split, 1773705600, kAbsent, kAbsent, kAbsent});
  actions.push_back({Action::Kind::split, 1773705600, kAbsent, 0, 1});

  const auto splits = splits_among(actions, "yahoo");

  ASSERT_EQ(splits.size(), 1u);
  EXPECT_EQ(splits[0].date, day("2026-03-16"));
  EXPECT_EQ(splits[0].numerator, 4);
  EXPECT_EQ(splits[0].denominator, 1);
  EXPECT_EQ(splits[0].source, "yahoo");
}

}  // namespace
}  // namespace pricefeed::host::quality_test
