// A warning repeated under attack or descriptor exhaustion writes one line per interval, and that
// line counts the ones held back.
#include "host/log/ThrottledWarning.hpp"

#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

namespace pricefeed::host {
namespace {

using namespace std::chrono_literals;

class ThrottledWarningTest : public ::testing::Test {
 protected:
  void SetUp() override {
    configure_logging(LogFormat::json, spdlog::level::info,
                      std::make_shared<spdlog::sinks::ostream_sink_mt>(out_));
  }
  void TearDown() override { configure_logging(LogFormat::text); }
  std::vector<nlohmann::json> lines() {
    spdlog::default_logger_raw()->flush();
    std::vector<nlohmann::json> parsed;
    std::istringstream in(out_.str());
    for (std::string line; std::getline(in, line);)
      parsed.push_back(nlohmann::json::parse(line));
    return parsed;
  }

  std::ostringstream out_;
  const ThrottledWarning::Clock::time_point start_{};
};

TEST_F(ThrottledWarningTest, AThousandWarningsWithinTheIntervalWriteOneLine) {
  ThrottledWarning warning("HTTP accept failed", 10s);
  for (int i = 0; i < 1000; ++i)
    warning.warn({{"error", "Too many open files"}}, start_ + std::chrono::milliseconds(i));
  const auto written = lines();
  ASSERT_EQ(written.size(), 1u);
  EXPECT_EQ(written[0]["msg"], "HTTP accept failed");
  EXPECT_EQ(written[0]["level"], "warning");
  EXPECT_EQ(written[0]["error"], "Too many open files");
  EXPECT_EQ(written[0]["suppressed"], 0);
}

TEST_F(ThrottledWarningTest, TheNextLineAfterTheIntervalCountsTheOnesHeldBack) {
  ThrottledWarning warning("HTTP accept failed", 10s);
  warning.warn({}, start_);
  for (int i = 1; i <= 41; ++i)
    warning.warn({}, start_ + std::chrono::milliseconds(100 * i));
  warning.warn({}, start_ + 10s);
  warning.warn({}, start_ + 10s + 1ms);
  const auto written = lines();
  ASSERT_EQ(written.size(), 2u);
  EXPECT_EQ(written[1]["suppressed"], 41);
}

}  // namespace
}  // namespace pricefeed::host
