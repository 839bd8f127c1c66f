// What an operator's log pipeline receives: one JSON object per line with typed fields, a readable
// line for a terminal, and never a secret — whoever wrote the message.
#include "host/log/Log.hpp"

#include <sstream>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include "host/redaction/SecretValues.hpp"

namespace pricefeed::host {
namespace {

using ::testing::HasSubstr;
using ::testing::MatchesRegex;
using ::testing::Not;

class LogTest : public ::testing::Test {
 protected:
  void use(LogFormat format, spdlog::level::level_enum level = spdlog::level::info) {
    configure_logging(format, level, std::make_shared<spdlog::sinks::ostream_sink_mt>(out_));
  }
  std::string written() {
    spdlog::default_logger_raw()->flush();
    return out_.str();
  }
  nlohmann::ordered_json only_json_line() {
    const std::string text = written();
    EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 1) << text;
    return nlohmann::ordered_json::parse(text);
  }
  void TearDown() override {
    clear_secrets();
    configure_logging(LogFormat::text);
  }

  std::ostringstream out_;
};

TEST_F(LogTest, JsonLinesCarryTsLevelMsgAndTypedFields) {
  use(LogFormat::json);
  log_info("backfill job completed",
           {{"job_id", 42}, {"asset_id", std::int64_t{7}}, {"source", "yahoo"}, {"duration_ms", 1250}});

  const nlohmann::ordered_json line = only_json_line();
  EXPECT_THAT(
      line.at("ts").get<std::string>(),
      MatchesRegex(R"(20[0-9][0-9]-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]\.[0-9]{3}Z)"));
  EXPECT_EQ(line.at("level"), "info");
  EXPECT_EQ(line.at("msg"), "backfill job completed");
  EXPECT_EQ(line.at("job_id"), 42);
  EXPECT_EQ(line.at("asset_id"), 7);
  EXPECT_EQ(line.at("source"), "yahoo");
  EXPECT_TRUE(line.at("duration_ms").is_number_integer());
  // The keys come in the order an operator reads them.
  EXPECT_EQ(line.begin().key(), "ts");
}

TEST_F(LogTest, JsonEscapesWhatWouldBreakTheLine) {
  use(LogFormat::json);
  log_warn("upstream said \"no\"\nand then {}", {{"body", "a\tb\\c"}, {"bytes", "\xff\xfe"}});
  const nlohmann::ordered_json line = only_json_line();
  EXPECT_EQ(line.at("msg"), "upstream said \"no\"\nand then {}");
  EXPECT_EQ(line.at("body"), "a\tb\\c");
  EXPECT_EQ(line.at("level"), "warning");
}

TEST_F(LogTest, TextLinesAreReadableKeyValuePairs) {
  use(LogFormat::text);
  log_error("backfill job failed", {{"job_id", 3}, {"reason", "yahoo: not found"}});
  EXPECT_THAT(written(), HasSubstr("backfill job failed job_id=3 reason=\"yahoo: not found\""));
}

TEST_F(LogTest, LevelsBelowTheConfiguredOneAreDropped) {
  use(LogFormat::json, spdlog::level::warn);
  log_info("chatter");
  EXPECT_EQ(written(), "");
}

TEST_F(LogTest, ApiKeysInUrlsAreRedactedInMessagesAndFields) {
  for (LogFormat format : {LogFormat::json, LogFormat::text}) {
    out_.str("");
    use(format);
    log_warn("GET https://pro-api.coingecko.com/api/v3/coins/list?x_cg_pro_api_key=CG-live-1234 failed",
             {{"url", "https://h/v1?apikey=k-999&symbol=AAPL"},
              {"database", "postgresql://app:pgpass-77@db/pricefeed"}});
    const std::string text = written();
    EXPECT_THAT(text, Not(HasSubstr("CG-live-1234")));
    EXPECT_THAT(text, Not(HasSubstr("k-999")));
    EXPECT_THAT(text, Not(HasSubstr("pgpass-77")));
    EXPECT_THAT(text, HasSubstr("x_cg_pro_api_key=REDACTED"));
    EXPECT_THAT(text, HasSubstr("symbol=AAPL"));
  }
}

TEST_F(LogTest, RegisteredSecretsAreRedactedWhereverTheyAppear) {
  register_secret("bearer-token-abcdef");
  use(LogFormat::json);
  log_error("plugin echoed its config: {\"api_key\":\"bearer-token-abcdef\"}",
            {{"error", "401 for token bearer-token-abcdef"}});
  const nlohmann::ordered_json line = only_json_line();
  EXPECT_EQ(line.at("msg"), "plugin echoed its config: {\"api_key\":\"REDACTED\"}");
  EXPECT_EQ(line.at("error"), "401 for token REDACTED");
}

TEST(LogFormatName, OnlyJsonAndTextAreKnown) {
  EXPECT_EQ(parse_log_format("json"), LogFormat::json);
  EXPECT_EQ(parse_log_format("text"), LogFormat::text);
  EXPECT_THROW(parse_log_format("yaml"), std::invalid_argument);
}

}  // namespace
}  // namespace pricefeed::host
