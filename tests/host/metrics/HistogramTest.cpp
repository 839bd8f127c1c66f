#include "host/metrics/Histogram.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <thread>
#include <vector>

namespace pricefeed::host {
namespace {

TEST(Histogram, BucketsAreCumulativeAndAValueOnABoundCountsInThatBucket) {
  Histogram histogram({{0.5, 1, 5}});
  for (double v : {0.1, 0.5, 0.7, 1.0, 3.0, 100.0})
    histogram.observe(v);
  const HistogramSnapshot s = histogram.snapshot();
  EXPECT_EQ(s.upper_bounds, (std::vector<double>{0.5, 1, 5}));
  EXPECT_EQ(s.cumulative, (std::vector<std::uint64_t>{2, 4, 5, 6}));
  EXPECT_EQ(s.count, 6u);
  EXPECT_DOUBLE_EQ(s.sum, 105.3);
}

TEST(Histogram, NothingObservedIsAllZeros) {
  const HistogramSnapshot s = Histogram({{1}}).snapshot();
  EXPECT_EQ(s.cumulative, (std::vector<std::uint64_t>{0, 0}));
  EXPECT_EQ(s.count, 0u);
  EXPECT_EQ(s.sum, 0);
}

TEST(Histogram, NaNIsIgnoredAndNegativeValuesFallIntoTheFirstBucket) {
  Histogram histogram({{1}});
  histogram.observe(std::nan(""));
  histogram.observe(-2);
  const HistogramSnapshot s = histogram.snapshot();
  EXPECT_EQ(s.cumulative, (std::vector<std::uint64_t>{1, 1}));
  EXPECT_EQ(s.sum, -2);
}

TEST(Histogram, ConcurrentObservationsAreAllCounted) {
  Histogram histogram({{1, 2}});
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&] {
        for (int i = 0; i < 10000; ++i)
          histogram.observe(i % 3);  // 0, 1, 2: one third each bucket up to 2
      });
  }
  const HistogramSnapshot s = histogram.snapshot();
  EXPECT_EQ(s.count, 80000u);
  EXPECT_EQ(s.cumulative.back(), 80000u);
  EXPECT_EQ(s.cumulative[0], 8u * (3334u + 3333u));  // 0s and 1s are <= 1
  EXPECT_DOUBLE_EQ(s.sum, 8.0 * (3333 * 1 + 3333 * 2));
}

TEST(Histogram, BucketBoundsMustBeFiniteIncreasingAndPresent) {
  EXPECT_NO_THROW(validate_bucket_bounds({0.1, 1, 10}));
  EXPECT_THROW(validate_bucket_bounds({}), std::invalid_argument);
  EXPECT_THROW(validate_bucket_bounds({1, 1}), std::invalid_argument);
  EXPECT_THROW(validate_bucket_bounds({2, 1}), std::invalid_argument);
  EXPECT_THROW(validate_bucket_bounds({1, INFINITY}), std::invalid_argument);
  EXPECT_THROW(validate_bucket_bounds({NAN}), std::invalid_argument);
}

}  // namespace
}  // namespace pricefeed::host
