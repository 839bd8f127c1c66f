// The text exposition format 0.0.4 as Prometheus parses it: escaping, number spelling, histograms.
#include "host/metrics/PrometheusTextWriter.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <vector>

namespace pricefeed::host {
namespace {

TEST(PrometheusTextWriter, LabelValuesEscapeBackslashQuoteAndNewlineOnly) {
  EXPECT_EQ(escape_label_value(R"(C:\dir)"), R"(C:\\dir)");
  EXPECT_EQ(escape_label_value(R"(say "hi")"), R"(say \"hi\")");
  EXPECT_EQ(escape_label_value("two\nlines"), R"(two\nlines)");
  EXPECT_EQ(escape_label_value("tab\tand ünïcode {}=,"), "tab\tand ünïcode {}=,");
}

TEST(PrometheusTextWriter, HelpEscapesBackslashAndNewlineButNotQuotes) {
  EXPECT_EQ(escape_help("a \"quoted\" \\ path\nnext"), R"(a "quoted" \\ path\nnext)");
}

TEST(PrometheusTextWriter, ValuesAreShortestExactAndSpecialValuesAreSpelledAsPrometheusDoes) {
  EXPECT_EQ(format_sample_value(0), "0");
  EXPECT_EQ(format_sample_value(3), "3");
  EXPECT_EQ(format_sample_value(0.1), "0.1");
  EXPECT_EQ(format_sample_value(-2.5), "-2.5");
  EXPECT_EQ(format_sample_value(1e21), "1e+21");
  EXPECT_EQ(format_sample_value(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(format_sample_value(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(format_sample_value(std::nan("")), "NaN");
}

TEST(PrometheusTextWriter, AFamilyOpensWithHelpAndType) {
  PrometheusTextWriter writer;
  writer.family_header("pricefeed_x_total", "Things\ncounted.", "counter");
  EXPECT_EQ(writer.text(), "# HELP pricefeed_x_total Things\\ncounted.\n# TYPE pricefeed_x_total counter\n");
}

TEST(PrometheusTextWriter, ASampleWithoutLabelsHasNoBraces) {
  PrometheusTextWriter writer;
  writer.sample("pricefeed_up", {}, {}, 1);
  EXPECT_EQ(writer.text(), "pricefeed_up 1\n");
}

TEST(PrometheusTextWriter, LabelsAreWrittenInOrderWithTheirValuesEscaped) {
  const std::vector<std::string> names{"source", "reason"};
  const std::vector<std::string> values{"yahoo", "a \"b\"\n"};
  PrometheusTextWriter writer;
  writer.sample("pricefeed_rows_rejected_total", names, values, 2);
  EXPECT_EQ(writer.text(), "pricefeed_rows_rejected_total{source=\"yahoo\",reason=\"a \\\"b\\\"\\n\"} 2\n");
}

TEST(PrometheusTextWriter, AHistogramHasCumulativeBucketsEndingInfThenSumAndCount) {
  const std::vector<std::string> names{"source"};
  const std::vector<std::string> values{"yahoo"};
  HistogramSnapshot snapshot{{0.1, 1}, {2, 5, 6}, 7.25, 6};
  PrometheusTextWriter writer;
  writer.histogram("pricefeed_d_seconds", names, values, snapshot);
  EXPECT_EQ(writer.text(),
            "pricefeed_d_seconds_bucket{source=\"yahoo\",le=\"0.1\"} 2\n"
            "pricefeed_d_seconds_bucket{source=\"yahoo\",le=\"1\"} 5\n"
            "pricefeed_d_seconds_bucket{source=\"yahoo\",le=\"+Inf\"} 6\n"
            "pricefeed_d_seconds_sum{source=\"yahoo\"} 7.25\n"
            "pricefeed_d_seconds_count{source=\"yahoo\"} 6\n");
}

TEST(PrometheusTextWriter, AHistogramWithoutLabelsHasOnlyLe) {
  PrometheusTextWriter writer;
  writer.histogram("pricefeed_t_seconds", {}, {}, HistogramSnapshot{{1}, {0, 0}, 0, 0});
  EXPECT_EQ(writer.text(),
            "pricefeed_t_seconds_bucket{le=\"1\"} 0\n"
            "pricefeed_t_seconds_bucket{le=\"+Inf\"} 0\n"
            "pricefeed_t_seconds_sum 0\n"
            "pricefeed_t_seconds_count 0\n");
}

}  // namespace
}  // namespace pricefeed::host
