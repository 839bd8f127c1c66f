// The yahoo plugin through its real C ABI: yahoo.so is dlopen'ed and driven by a test host whose
// http service answers from canned bodies (Yahoo's recorded answers) and records every URL.

#include <cmath>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/plugins/support/Fixtures.hpp"
#include "tests/plugins/support/PluginFixture.hpp"
#include "tests/plugins/support/PluginTestHost.hpp"

namespace pricefeed::yahoo {
namespace {

using namespace plugins::test;

using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr std::int64_t kDay = 86400;
const std::string kBase = "http://yahoo.test";
const std::string kConfig = R"({"plugin":"yahoo","base_url":"http://yahoo.test","requests_per_minute":33})";

std::string chart_url(const std::string& ticker_segment, std::int64_t period1, std::int64_t period2,
                      const std::string& interval) {
  return kBase + "/v8/finance/chart/" + ticker_segment + "?period1=" + std::to_string(period1) +
         "&period2=" + std::to_string(period2) + "&interval=" + interval +
         "&includePrePost=false&events=div%7Csplit";
}

// The value of one query parameter of a recorded URL.
std::int64_t query_number(const std::string& url, const std::string& key) {
  const auto at = url.find(key + "=");
  if (at == std::string::npos) throw std::runtime_error("no " + key + " in " + url);
  return std::stoll(url.substr(at + key.size() + 1));
}

// An intraday answer: the BTC recording's three bars re-stamped one minute apart from period1.
std::string minute_bars_from(std::int64_t period1) {
  nlohmann::json body =
      nlohmann::json::parse(read_yahoo_fixture("chart-BTC-USD-2020-01-01-to-2020-01-03.json"));
  auto& result = body["chart"]["result"][0];
  result["timestamp"] = {period1, period1 + 60, period1 + 120};
  result["indicators"].erase("adjclose");
  result["meta"]["dataGranularity"] = "1m";
  return body.dump();
}

class YahooPlugin : public PluginFixture {
 protected:
  // 2025-03-01 12:00 UTC: the clock every intraday limit is measured against.
  const std::int64_t now_ = utc_midnight(2025, 3, 1) + 12 * 3600;

  void SetUp() override {
    load(YAHOO_PLUGIN_PATH, now_);
    instance_ = create(kConfig);
    ASSERT_NE(instance_, nullptr);
  }

  pricefeed_status history(TestCall& call, const std::string& symbol, std::uint32_t asset_class,
                           std::uint32_t resolution, std::int64_t start, std::int64_t end,
                           const std::string& source_id = "") {
    const pricefeed_status status =
        host_->fetch_history(instance_, call, symbol, source_id, asset_class, resolution, start, end);
    EXPECT_EQ(call.responses_released, call.responses.size()) << "every HTTP answer must be released";
    return status;
  }
};

TEST_F(YahooPlugin, DescriptorDeclaresHistoryQuotesAndCatalog) {
  expect_descriptor({.name = "yahoo",
                     .asset_classes = PRICEFEED_CLASS_STOCK | PRICEFEED_CLASS_BOND |
                                      PRICEFEED_CLASS_COMMODITY | PRICEFEED_CLASS_FOREX |
                                      PRICEFEED_CLASS_CRYPTO,
                     .capabilities = PRICEFEED_CAP_HISTORY | PRICEFEED_CAP_QUOTES | PRICEFEED_CAP_CATALOG,
                     .resolutions = PRICEFEED_RES_1D | PRICEFEED_RES_1H | PRICEFEED_RES_1M,
                     .max_quote_batch = 50});
}

TEST_F(YahooPlugin, CreateRefusesABadConfiguration) {
  struct Case {
    std::string config;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {R"({"plugin":"yahoo"})", "base_url: is required"},
           {R"({"base_url":"ftp://yahoo.test"})", "base_url: expected an http:// or https:// URL"},
           {R"({"base_url":"http://yahoo.test","crumb_base_url":"yahoo.test"})", "crumb_base_url"},
           {R"({"base_url":"http://yahoo.test","user_agent":""})", "user_agent"},
           {R"({"base_url":42})", "base_url: expected a string"},
       }) {
    expect_refused(c.config, c.message);
  }
}

TEST_F(YahooPlugin, DailyHistoryAsksTheChartEndpointAndStoresTradingDates) {
  const std::int64_t start = utc_midnight(2020, 1, 1);
  const std::int64_t end = utc_midnight(2020, 1, 3);
  // One day wider on both sides, so that bars stamped on the UTC day before or after their trading
  // date are in the answer.
  const std::string url = chart_url("AAPL", start - kDay, end + kDay, "1d");
  host_->answer(url, {200, read_yahoo_fixture("chart-AAPL-2020-01-01-to-2020-01-03.json")});

  TestCall call;
  ASSERT_EQ(history(call, "AAPL", PRICEFEED_CLASS_STOCK, PRICEFEED_RES_1D, start, end), PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.requests.size(), 1u);
  EXPECT_EQ(call.requests[0].url, url);
  EXPECT_EQ(call.requests[0].method, "GET");
  EXPECT_THAT(call.requests[0].header("User-Agent").value_or(""), StartsWith("Mozilla/5.0"));
  EXPECT_EQ(call.requests[0].header("Accept"), "application/json");
  EXPECT_EQ(call.requests[0].header("Cookie"), std::nullopt);  // the chart endpoint needs no crumb

  ASSERT_EQ(call.bars.size(), 1u);
  EXPECT_EQ(call.bars[0].ts, utc_midnight(2020, 1, 2));
  EXPECT_DOUBLE_EQ(call.bars[0].close, 75.0875015258789);
  EXPECT_DOUBLE_EQ(call.bars[0].adj_close, 72.71607208251953);
  EXPECT_EQ(call.bars[0].struct_size, sizeof(pricefeed_bar));
  EXPECT_TRUE(call.unavailable.empty());
  EXPECT_TRUE(call.errors.empty());
}

TEST_F(YahooPlugin, SymbolsBecomeYahooTickersEscapedAsOnePathSegment) {
  host_->otherwise([](const std::string&) {
    return CannedAnswer{
        200, read_yahoo_fixture("chart-AAPL-2025-02-01-to-2025-02-02-includePrePost-false-interval-1m.json")};
  });
  struct Case {
    std::string symbol;
    std::string source_id;
    std::uint32_t asset_class;
    std::string segment;
  };
  for (const Case& c : std::vector<Case>{
           {"BRK.B", "", PRICEFEED_CLASS_STOCK, "BRK-B"},
           {"ABR$D", "", PRICEFEED_CLASS_STOCK, "ABR-PD"},
           {"OCDO.L", "", PRICEFEED_CLASS_STOCK, "OCDO.L"},
           {"^TNX", "", PRICEFEED_CLASS_BOND, "%5ETNX"},
           {"EURUSD", "", PRICEFEED_CLASS_FOREX, "EURUSD%3DX"},
           {"BTC", "", PRICEFEED_CLASS_CRYPTO, "BTC-USD"},
           {"GOLD", "GC=F", PRICEFEED_CLASS_COMMODITY, "GC%3DF"},
           {"SILVER", "", PRICEFEED_CLASS_COMMODITY, "SI%3DF"},
           {"AAPL", "AAPL.MX", PRICEFEED_CLASS_STOCK, "AAPL.MX"},
           {"A/../B C", "", PRICEFEED_CLASS_STOCK, "A%2F..%2FB%20C"},
       }) {
    SCOPED_TRACE(c.symbol);
    TestCall call;
    ASSERT_EQ(history(call, c.symbol, c.asset_class, PRICEFEED_RES_1D, utc_midnight(2025, 2, 1),
                      utc_midnight(2025, 2, 2), c.source_id),
              PRICEFEED_OK)
        << call.last_error();
    ASSERT_EQ(call.requests.size(), 1u);
    EXPECT_THAT(call.requests[0].url, StartsWith(kBase + "/v8/finance/chart/" + c.segment + "?period1="));
  }
}

TEST_F(YahooPlugin, CommodityWithoutAYahooTickerIsNotFoundWithoutARequest) {
  TestCall call;
  EXPECT_EQ(history(call, "UNOBTAINIUM", PRICEFEED_CLASS_COMMODITY, PRICEFEED_RES_1D,
                    utc_midnight(2025, 1, 1), utc_midnight(2025, 2, 1)),
            PRICEFEED_NOT_FOUND);
  EXPECT_TRUE(call.requests.empty());
  EXPECT_THAT(call.last_error(), HasSubstr("UNOBTAINIUM"));
  EXPECT_THAT(call.last_error(), HasSubstr("source id"));
}

TEST_F(YahooPlugin, MinuteRangeIsSplitWithinYahooLimitsAndTheOldPartReported) {
  host_->otherwise([](const std::string& url) {
    return CannedAnswer{200, minute_bars_from(query_number(url, "period1"))};
  });
  const std::int64_t start = now_ - 40 * kDay;
  TestCall call;
  ASSERT_EQ(history(call, "AAPL", PRICEFEED_CLASS_STOCK, PRICEFEED_RES_1M, start, now_ + kDay), PRICEFEED_OK)
      << call.last_error();

  // Older than Yahoo's 30-day window (less a day of margin): reported, never asked for.
  const std::int64_t served_from = now_ - 29 * kDay;
  ASSERT_EQ(call.unavailable.size(), 1u);
  EXPECT_EQ(call.unavailable[0].start, start);
  EXPECT_EQ(call.unavailable[0].end, served_from);
  EXPECT_THAT(call.unavailable[0].reason, HasSubstr("1m bars only for the last 30 days"));

  // The rest in adjacent requests of at most 8 days (7 here), ending at now: the future costs none.
  ASSERT_EQ(call.requests.size(), 5u);
  std::int64_t expected_from = served_from;
  for (const RecordedRequest& request : call.requests) {
    SCOPED_TRACE(request.url);
    EXPECT_THAT(request.url, HasSubstr("&interval=1m&"));
    const std::int64_t period1 = query_number(request.url, "period1");
    const std::int64_t period2 = query_number(request.url, "period2");
    EXPECT_EQ(period1, expected_from);
    EXPECT_GT(period2, period1);
    EXPECT_LE(period2 - period1, 8 * kDay);
    expected_from = period2;
  }
  EXPECT_EQ(expected_from, now_);
  // Intraday bars keep their instants.
  ASSERT_EQ(call.bars.size(), 15u);
  EXPECT_EQ(call.bars[0].ts, served_from);
  EXPECT_EQ(call.bars[1].ts, served_from + 60);
}

TEST_F(YahooPlugin, HourRangeOlderThan730DaysIsReportedUnavailable) {
  host_->otherwise([](const std::string& url) {
    return CannedAnswer{200, minute_bars_from(query_number(url, "period1"))};
  });
  const std::int64_t start = now_ - 1000 * kDay;
  TestCall call;
  ASSERT_EQ(history(call, "AAPL", PRICEFEED_CLASS_STOCK, PRICEFEED_RES_1H, start, now_), PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.unavailable.size(), 1u);
  EXPECT_EQ(call.unavailable[0].start, start);
  EXPECT_EQ(call.unavailable[0].end, now_ - 729 * kDay);
  EXPECT_THAT(call.unavailable[0].reason, HasSubstr("730 days"));
  ASSERT_EQ(call.requests.size(), 1u);
  EXPECT_EQ(call.requests[0].url, chart_url("AAPL", now_ - 729 * kDay, now_, "1h"));
}

TEST_F(YahooPlugin, EntirelyTooOldMinuteRangeMakesNoRequest) {
  TestCall call;
  const std::int64_t start = now_ - 100 * kDay;
  ASSERT_EQ(history(call, "AAPL", PRICEFEED_CLASS_STOCK, PRICEFEED_RES_1M, start, start + kDay),
            PRICEFEED_OK);
  EXPECT_TRUE(call.requests.empty());
  ASSERT_EQ(call.unavailable.size(), 1u);
  EXPECT_EQ(call.unavailable[0].end, start + kDay);
}

TEST_F(YahooPlugin, UnknownSymbolIsNotFoundNamingIt) {
  host_->otherwise([](const std::string&) {
    return CannedAnswer{404, read_yahoo_fixture("chart-404-unknown-symbol.FROM-LOG.json")};
  });
  TestCall call;
  EXPECT_EQ(history(call, "NOSUCH", PRICEFEED_CLASS_STOCK, PRICEFEED_RES_1D, utc_midnight(2020, 1, 1),
                    utc_midnight(2020, 2, 1)),
            PRICEFEED_NOT_FOUND);
  ASSERT_EQ(call.errors.size(), 1u);
  EXPECT_THAT(call.last_error(), HasSubstr("'NOSUCH'"));
  EXPECT_THAT(call.last_error(), HasSubstr("No data found, symbol may be delisted"));
  EXPECT_THAT(call.last_error(), HasSubstr(kBase + "/v8/finance/chart/NOSUCH?"));
}

TEST_F(YahooPlugin, NotFoundInsideA200AnswerIsNotFoundToo) {
  host_->otherwise([](const std::string&) {
    return CannedAnswer{200, read_yahoo_fixture("chart-404-unknown-symbol.FROM-LOG.json")};
  });
  TestCall call;
  EXPECT_EQ(history(call, "NOSUCH", PRICEFEED_CLASS_STOCK, PRICEFEED_RES_1D, utc_midnight(2020, 1, 1),
                    utc_midnight(2020, 2, 1)),
            PRICEFEED_NOT_FOUND);
  EXPECT_THAT(call.last_error(), HasSubstr("NOSUCH"));
}

TEST_F(YahooPlugin, ServerErrorsAreTransient) {
  for (int status : {500, 502, 503, 408}) {
    SCOPED_TRACE(status);
    host_->otherwise([status](const std::string&) { return CannedAnswer{status, "upstream failed"}; });
    TestCall call;
    EXPECT_EQ(history(call, "AAPL", PRICEFEED_CLASS_STOCK, PRICEFEED_RES_1D, utc_midnight(2020, 1, 1),
                      utc_midnight(2020, 2, 1)),
              PRICEFEED_TRANSIENT);
    EXPECT_THAT(call.last_error(), HasSubstr("HTTP " + std::to_string(status)));
    EXPECT_THAT(call.last_error(), HasSubstr(kBase + "/v8/finance/chart/AAPL?"));
    EXPECT_THAT(call.last_error(), HasSubstr("'upstream failed'"));
  }
}

TEST_F(YahooPlugin, GarbageBodyIsTransientNamingTheUrl) {
  host_->otherwise([](const std::string&) { return CannedAnswer{200, "<html>Oops</html>"}; });
  TestCall call;
  EXPECT_EQ(history(call, "AAPL", PRICEFEED_CLASS_STOCK, PRICEFEED_RES_1D, utc_midnight(2020, 1, 1),
                    utc_midnight(2020, 2, 1)),
            PRICEFEED_TRANSIENT);
  EXPECT_THAT(call.last_error(), HasSubstr(kBase + "/v8/finance/chart/AAPL?"));
  EXPECT_THAT(call.last_error(), HasSubstr("not JSON"));
  EXPECT_THAT(call.last_error(), HasSubstr("<html>Oops</html>"));
}

TEST_F(YahooPlugin, RefusalsArePermanent) {
  for (int status : {400, 401, 403, 422}) {
    SCOPED_TRACE(status);
    host_->otherwise([status](const std::string&) {
      return CannedAnswer{status, read_yahoo_fixture("401-invalid-crumb.FROM-LOG.json")};
    });
    TestCall call;
    EXPECT_EQ(history(call, "AAPL", PRICEFEED_CLASS_STOCK, PRICEFEED_RES_1D, utc_midnight(2020, 1, 1),
                      utc_midnight(2020, 2, 1)),
              PRICEFEED_PERMANENT);
    EXPECT_THAT(call.last_error(), HasSubstr("HTTP " + std::to_string(status)));
  }
}

TEST_F(YahooPlugin, RateLimitFromTheHostIsPassedOnUntouched) {
  host_->rate_limit_everything(30000);
  TestCall call;
  EXPECT_EQ(history(call, "AAPL", PRICEFEED_CLASS_STOCK, PRICEFEED_RES_1D, utc_midnight(2020, 1, 1),
                    utc_midnight(2020, 2, 1)),
            PRICEFEED_RATE_LIMITED);
  // The host's own message and retry-after stand: the plugin adds nothing.
  ASSERT_EQ(call.errors.size(), 1u);
  EXPECT_EQ(call.errors[0], "the source is rate limited (test host)");
  EXPECT_EQ(call.retry_after_ms, 30000);
}

TEST_F(YahooPlugin, CancellationStopsBetweenRequests) {
  host_->otherwise([](const std::string& url) {
    return CannedAnswer{200, minute_bars_from(query_number(url, "period1"))};
  });
  TestCall call;
  call.cancel_after_requests = 2;
  EXPECT_EQ(history(call, "AAPL", PRICEFEED_CLASS_STOCK, PRICEFEED_RES_1M, now_ - 29 * kDay, now_),
            PRICEFEED_TRANSIENT);
  EXPECT_EQ(call.requests.size(), 2u);
  EXPECT_EQ(call.bars.size(), 6u);  // what arrived before the cancellation is kept
  EXPECT_THAT(call.last_error(), HasSubstr("cancelled after 2 of 5 requests"));
}

TEST_F(YahooPlugin, SinkStopEndsTheFetchWithoutFurtherRequests) {
  host_->otherwise([](const std::string& url) {
    return CannedAnswer{200, minute_bars_from(query_number(url, "period1"))};
  });
  TestCall call;
  call.stop_after_bars = 1;
  EXPECT_EQ(history(call, "AAPL", PRICEFEED_CLASS_STOCK, PRICEFEED_RES_1M, now_ - 29 * kDay, now_),
            PRICEFEED_OK);
  EXPECT_EQ(call.requests.size(), 1u);
}

TEST_F(YahooPlugin, BarsOutsideTheAskedRangeAreDropped) {
  const std::int64_t start = utc_midnight(2020, 1, 2);
  const std::int64_t end = utc_midnight(2020, 1, 3);
  host_->answer(chart_url("BTC-USD", start - kDay, end + kDay, "1d"),
                {200, read_yahoo_fixture("chart-BTC-USD-2020-01-01-to-2020-01-03.json")});
  TestCall call;
  ASSERT_EQ(history(call, "BTC", PRICEFEED_CLASS_CRYPTO, PRICEFEED_RES_1D, start, end), PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.bars.size(), 1u);
  EXPECT_EQ(call.bars[0].ts, start);
  EXPECT_DOUBLE_EQ(call.bars[0].close, 6985.47021484375);
}

TEST_F(YahooPlugin, SplitAndDividendReachTheSink) {
  const std::int64_t start = utc_midnight(2020, 8, 31);
  const std::int64_t end = utc_midnight(2020, 11, 7);
  host_->answer(chart_url("AAPL", start - kDay, end + kDay, "1d"),
                {200, read_yahoo_fixture("chart-AAPL-2020-08-31-to-2020-11-07.json")});
  TestCall call;
  ASSERT_EQ(history(call, "AAPL", PRICEFEED_CLASS_STOCK, PRICEFEED_RES_1D, start, end), PRICEFEED_OK)
      << call.last_error();
  EXPECT_EQ(call.bars.size(), 49u);
  ASSERT_EQ(call.actions.size(), 2u);
  EXPECT_EQ(call.actions[0].kind, PRICEFEED_ACTION_SPLIT);
  EXPECT_EQ(call.actions[0].ts, start);
  EXPECT_DOUBLE_EQ(call.actions[0].numerator, 4);
  EXPECT_DOUBLE_EQ(call.actions[0].denominator, 1);
  EXPECT_EQ(call.actions[1].kind, PRICEFEED_ACTION_DIVIDEND);
  EXPECT_EQ(call.actions[1].ts, utc_midnight(2020, 11, 6));
  EXPECT_DOUBLE_EQ(call.actions[1].amount, 0.205);
}

TEST_F(YahooPlugin, RangeBeforeTheFirstTradeIsReportedUnavailable) {
  const std::int64_t start = utc_midnight(2014, 1, 1);
  const std::int64_t end = utc_midnight(2020, 1, 4);
  host_->answer(chart_url("BTC-USD", start - kDay, end + kDay, "1d"),
                {200, read_yahoo_fixture("chart-BTC-USD-2020-01-01-to-2020-01-03.json")});
  TestCall call;
  ASSERT_EQ(history(call, "BTC", PRICEFEED_CLASS_CRYPTO, PRICEFEED_RES_1D, start, end), PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.unavailable.size(), 1u);
  EXPECT_EQ(call.unavailable[0].start, start);
  EXPECT_EQ(call.unavailable[0].end, utc_midnight(2014, 9, 17));  // meta.firstTradeDate
  EXPECT_THAT(call.unavailable[0].reason, HasSubstr("2014-09-17"));
  EXPECT_EQ(call.bars.size(), 3u);
}

TEST_F(YahooPlugin, InvertedRangeIsPermanentAndEmptyRangeAsksNothing) {
  TestCall inverted;
  EXPECT_EQ(history(inverted, "AAPL", PRICEFEED_CLASS_STOCK, PRICEFEED_RES_1D, utc_midnight(2020, 2, 1),
                    utc_midnight(2020, 1, 1)),
            PRICEFEED_PERMANENT);
  EXPECT_THAT(inverted.last_error(), HasSubstr("before it starts"));
  TestCall empty;
  EXPECT_EQ(history(empty, "AAPL", PRICEFEED_CLASS_STOCK, PRICEFEED_RES_1D, utc_midnight(2020, 1, 1),
                    utc_midnight(2020, 1, 1)),
            PRICEFEED_OK);
  EXPECT_TRUE(empty.requests.empty());
}

TEST_F(YahooPlugin, OneInstanceServesSeveralThreadsAtOnce) {
  const std::int64_t start = utc_midnight(2020, 8, 31);
  const std::int64_t end = utc_midnight(2020, 11, 7);
  host_->answer(chart_url("AAPL", start - kDay, end + kDay, "1d"),
                {200, read_yahoo_fixture("chart-AAPL-2020-08-31-to-2020-11-07.json")});
  const CallsAtOnce at_once = call_from_threads(4, 20, [&](std::size_t, TestCall& call) {
    return host_->fetch_history(instance_, call, "AAPL", "", PRICEFEED_CLASS_STOCK, PRICEFEED_RES_1D, start,
                                end);
  });
  for (std::size_t i = 0; i < at_once.calls.size(); ++i) {
    EXPECT_EQ(at_once.statuses[i], PRICEFEED_OK) << at_once.calls[i].last_error();
    EXPECT_EQ(at_once.calls[i].bars.size(), 49u);
    EXPECT_EQ(at_once.calls[i].actions.size(), 2u);
  }
}

}  // namespace
}  // namespace pricefeed::yahoo
