// The registry as GET /metrics shows it: families by name, children by label values, counters and
// gauges under concurrent use, scrape-time hooks, and refusals of what Prometheus would not accept.
#include "host/metrics/MetricsRegistry.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <stdexcept>
#include <thread>
#include <vector>

namespace pricefeed::host {
namespace {

using ::testing::HasSubstr;

TEST(MetricsRegistry, ExposesEachFamilyWithHelpTypeAndItsChildrenInLabelOrder) {
  MetricsRegistry registry;
  auto& rows = registry.counter("pricefeed_rows_written_total", "Rows written.", {"source"});
  rows.labels({"yahoo"}).inc(3);
  rows.labels({"binance"}).inc();
  registry.gauge("pricefeed_database_up", "Up.").labels().set(1);
  EXPECT_EQ(registry.expose(),
            "# HELP pricefeed_database_up Up.\n"
            "# TYPE pricefeed_database_up gauge\n"
            "pricefeed_database_up 1\n"
            "# HELP pricefeed_rows_written_total Rows written.\n"
            "# TYPE pricefeed_rows_written_total counter\n"
            "pricefeed_rows_written_total{source=\"binance\"} 1\n"
            "pricefeed_rows_written_total{source=\"yahoo\"} 3\n");
}

TEST(MetricsRegistry, AFamilyWithNoChildYetShowsOnlyItsHelpAndType) {
  MetricsRegistry registry;
  registry.counter("pricefeed_rows_rejected_total", "Rejected.", {"source", "reason"});
  EXPECT_EQ(registry.expose(),
            "# HELP pricefeed_rows_rejected_total Rejected.\n# TYPE pricefeed_rows_rejected_total counter\n");
}

TEST(MetricsRegistry, LabelValuesAreEscapedInTheExposition) {
  MetricsRegistry registry;
  registry.gauge("pricefeed_g", "G.", {"l"}).labels({"a\\b\"c\nd"}).set(2);
  EXPECT_THAT(registry.expose(), HasSubstr("pricefeed_g{l=\"a\\\\b\\\"c\\nd\"} 2\n"));
}

TEST(MetricsRegistry, HistogramsExposeCumulativeBucketsSumAndCount) {
  MetricsRegistry registry;
  auto& duration = registry.histogram("pricefeed_t_seconds", "T.", {"outcome"}, {1, 10});
  duration.labels({"completed"}).observe(0.5);
  duration.labels({"completed"}).observe(5);
  duration.labels({"completed"}).observe(50);
  EXPECT_THAT(registry.expose(), HasSubstr("# TYPE pricefeed_t_seconds histogram\n"
                                           "pricefeed_t_seconds_bucket{outcome=\"completed\",le=\"1\"} 1\n"
                                           "pricefeed_t_seconds_bucket{outcome=\"completed\",le=\"10\"} 2\n"
                                           "pricefeed_t_seconds_bucket{outcome=\"completed\",le=\"+Inf\"} 3\n"
                                           "pricefeed_t_seconds_sum{outcome=\"completed\"} 55.5\n"
                                           "pricefeed_t_seconds_count{outcome=\"completed\"} 3\n"));
}

TEST(MetricsRegistry, TheSameLabelValuesGiveTheSameChild) {
  MetricsRegistry registry;
  auto& family = registry.counter("pricefeed_c_total", "C.", {"a", "b"});
  Counter& first = family.labels({"x", "y"});
  EXPECT_EQ(&family.labels({"x", "y"}), &first);
  EXPECT_NE(&family.labels({"x", "z"}), &first);
  EXPECT_NE(&family.labels({"xy", ""}), &first);  // values are not joined into one key
}

TEST(MetricsRegistry, RegisteringANameAgainReturnsTheSameFamilyButAnotherTypeOrLabelsIsRefused) {
  MetricsRegistry registry;
  auto& family = registry.counter("pricefeed_c_total", "C.", {"source"});
  EXPECT_EQ(&registry.counter("pricefeed_c_total", "C.", {"source"}), &family);
  EXPECT_THROW(registry.gauge("pricefeed_c_total", "C.", {"source"}), std::invalid_argument);
  EXPECT_THROW(registry.counter("pricefeed_c_total", "C.", {"other"}), std::invalid_argument);
}

TEST(MetricsRegistry, NamesAndLabelsPrometheusWouldRefuseAreRefusedWithTheName) {
  MetricsRegistry registry;
  try {
    registry.counter("pricefeed-dash_total", "Bad.");
    FAIL() << "a dash was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_THAT(e.what(), HasSubstr("pricefeed-dash_total"));
  }
  EXPECT_THROW(registry.counter("1pricefeed", "Bad."), std::invalid_argument);
  EXPECT_THROW(registry.counter("", "Bad."), std::invalid_argument);
  EXPECT_THROW(registry.counter("pricefeed_ok", "Bad.", {"__reserved"}), std::invalid_argument);
  EXPECT_THROW(registry.counter("pricefeed_ok", "Bad.", {"has:colon"}), std::invalid_argument);
  EXPECT_THROW(registry.counter("pricefeed_ok", "Bad.", {"twice", "twice"}), std::invalid_argument);
  EXPECT_THROW(registry.histogram("pricefeed_h", "Bad.", {"le"}, {1}), std::invalid_argument);
  EXPECT_THROW(registry.histogram("pricefeed_h", "Bad.", {}, {2, 1}), std::invalid_argument);
  EXPECT_NO_THROW(registry.counter("pricefeed:recorded_total", "Colons are allowed in names."));
}

TEST(MetricsRegistry, TheWrongNumberOfLabelValuesIsRefused) {
  MetricsRegistry registry;
  auto& family = registry.counter("pricefeed_c_total", "C.", {"source"});
  EXPECT_THROW(family.labels(), std::invalid_argument);
  EXPECT_THROW(family.labels({"a", "b"}), std::invalid_argument);
}

TEST(MetricsRegistry, ConcurrentIncrementsOfNewAndExistingChildrenAreAllCounted) {
  MetricsRegistry registry;
  auto& family = registry.counter("pricefeed_c_total", "C.", {"source"});
  auto& gauge = registry.gauge("pricefeed_g", "G.");
  const std::vector<std::string> sources{"a", "b", "c", "d"};
  {
    std::vector<std::jthread> threads;
    for (int t = 0; t < 8; ++t)
      threads.emplace_back([&, t] {
        for (int i = 0; i < 5000; ++i) {
          family.labels({sources[static_cast<std::size_t>((t + i) % 4)]}).inc();
          gauge.labels().inc(2);
          gauge.labels().dec();
        }
      });
  }
  for (const auto& source : sources)
    EXPECT_EQ(family.labels({source}).value(), 10000) << source;
  EXPECT_EQ(gauge.labels().value(), 40000);
}

TEST(MetricsRegistry, ACounterNeverGoesDown) {
  Counter counter;
  counter.inc(5);
  counter.inc(-3);
  EXPECT_EQ(counter.value(), 5);
  counter.advance_to(4);
  EXPECT_EQ(counter.value(), 5);
  counter.advance_to(9);
  EXPECT_EQ(counter.value(), 9);
}

TEST(MetricsRegistry, ScrapeHooksRunBeforeEveryExposition) {
  MetricsRegistry registry;
  auto& gauge = registry.gauge("pricefeed_scrapes", "Scrapes seen.");
  int scrapes = 0;
  registry.on_scrape([&] { gauge.labels().set(++scrapes); });
  EXPECT_THAT(registry.expose(), HasSubstr("pricefeed_scrapes 1\n"));
  EXPECT_THAT(registry.expose(), HasSubstr("pricefeed_scrapes 2\n"));
}

TEST(MetricsRegistry, AClearedFamilyShowsNoSamplesUntilSetAgain) {
  MetricsRegistry registry;
  auto& jobs = registry.gauge("pricefeed_jobs", "Jobs.", {"status"});
  jobs.labels({"pending"}).set(3);
  jobs.clear();
  EXPECT_EQ(registry.expose(), "# HELP pricefeed_jobs Jobs.\n# TYPE pricefeed_jobs gauge\n");
  jobs.labels({"pending"}).set(1);
  EXPECT_THAT(registry.expose(), HasSubstr("pricefeed_jobs{status=\"pending\"} 1\n"));
}

}  // namespace
}  // namespace pricefeed::host
