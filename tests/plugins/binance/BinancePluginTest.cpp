// The binance plugin through its real C ABI: binance.so is dlopen'ed and driven by the shared test host,
// whose http service answers canned bodies (Binance's recorded answers and made-up pages in the same
// format) with headers, and records every URL and the request weight stated as its cost.

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/plugins/support/Fixtures.hpp"
#include "tests/plugins/support/PluginFixture.hpp"
#include "tests/plugins/support/PluginTestHost.hpp"

namespace pricefeed::binance {
namespace {

using namespace plugins::test;

using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::int64_t kDayMs = 86'400'000;
constexpr std::int64_t kHourMs = 3'600'000;
const std::string kBase = "http://binance.test";
const std::string kConfig =
    R"({"plugin":"binance","base_url":"http://binance.test","requests_per_minute":6000})";
const std::string kExchangeInfoUrl = kBase + "/api/v3/exchangeInfo";

std::string klines_url(const std::string& pair, const std::string& interval, std::int64_t start_ms,
                       std::int64_t end_ms) {
  return kBase + "/api/v3/klines?symbol=" + pair + "&interval=" + interval +
         "&startTime=" + std::to_string(start_ms) + "&endTime=" + std::to_string(end_ms) + "&limit=1000";
}

std::string decimal(double value) {
  char text[64];
  std::snprintf(text, sizeof text, "%.8f", value);
  return text;
}

// `count` klines in Binance's format, opening every `step_ms` from `first_open_ms`; the i-th has
// close 100 + i (so a bar tells which kline it came from).
std::string klines_body(std::int64_t first_open_ms, std::size_t count, std::int64_t step_ms) {
  std::string body = "[";
  for (std::size_t i = 0; i < count; ++i) {
    const std::int64_t open = first_open_ms + static_cast<std::int64_t>(i) * step_ms;
    const double close = 100.0 + static_cast<double>(i);
    if (i > 0) body += ',';
    body += "[" + std::to_string(open) + ",\"" + decimal(close - 0.5) + "\",\"" + decimal(close + 1) +
            "\",\"" + decimal(close - 1) + "\",\"" + decimal(close) + "\",\"" +
            decimal(10.0 + static_cast<double>(i)) + "\"," + std::to_string(open + step_ms - 1) + ",\"" +
            decimal(1000) + "\",42,\"" + decimal(5) + "\",\"" + decimal(500) + "\",\"0\"]";
  }
  return body + "]";
}

struct Pair {
  std::string pair, base, quote, status;
};

std::string exchange_info_body(std::uint32_t weight_limit, const std::vector<Pair>& pairs) {
  std::string symbols;
  for (const Pair& p : pairs) {
    if (!symbols.empty()) symbols += ',';
    symbols += R"({"symbol":")" + p.pair + R"(","status":")" + p.status + R"(","baseAsset":")" + p.base +
               R"(","baseAssetPrecision":8,"quoteAsset":")" + p.quote +
               R"(","quotePrecision":8,"filters":[]})";
  }
  return R"({"timezone":"UTC","serverTime":1740000000000,"rateLimits":[)"
         R"({"rateLimitType":"REQUEST_WEIGHT","interval":"MINUTE","intervalNum":1,"limit":)" +
         std::to_string(weight_limit) +
         R"(},{"rateLimitType":"ORDERS","interval":"SECOND","intervalNum":10,"limit":100},)"
         R"({"rateLimitType":"RAW_REQUESTS","interval":"MINUTE","intervalNum":5,"limit":61000}],)"
         R"("exchangeFilters":[],"symbols":[)" +
         symbols + "]}";
}

const std::vector<Pair> kPairs = {
    {"BTCUSDT", "BTC", "USDT", "TRADING"}, {"ETHUSDT", "ETH", "USDT", "TRADING"},
    {"SOLUSDT", "SOL", "USDT", "TRADING"}, {"ETHBTC", "ETH", "BTC", "TRADING"},
    {"LUNAUSDT", "LUNA", "USDT", "BREAK"}, {"XYZUSDT", "XYZ", "USDT", "TRADING"},
    {"BNBUSDC", "BNB", "USDC", "TRADING"}};

CannedAnswer ok(std::string body, std::uint32_t used_weight = 10) {
  return {200,
          std::move(body),
          {{"Content-Type", "application/json;charset=UTF-8"},
           {"x-mbx-used-weight-1m", std::to_string(used_weight)}}};
}

CannedAnswer binance_error(int status, int code, const std::string& msg) {
  return {status, R"({"code":)" + std::to_string(code) + R"(,"msg":")" + msg + R"("})", {}};
}

class BinancePlugin : public PluginFixture {
 protected:
  // 2025-03-01 12:00:30 UTC.
  const std::int64_t now_ = utc_midnight(2025, 3, 1) + 12 * 3600 + 30;
  const std::int64_t now_ms_ = now_ * 1000;

  void SetUp() override {
    load(BINANCE_PLUGIN_PATH, now_);
    instance_ = create(kConfig);
    ASSERT_NE(instance_, nullptr);
    host_->answer(kExchangeInfoUrl, ok(exchange_info_body(6000, kPairs), 20));
  }

  pricefeed_status history(TestCall& call, const std::string& symbol, std::uint32_t resolution,
                           std::int64_t start, std::int64_t end, const std::string& source_id = "") {
    const pricefeed_status status = host_->fetch_history(instance_, call, symbol, source_id,
                                                         PRICEFEED_CLASS_CRYPTO, resolution, start, end);
    EXPECT_EQ(call.responses_released, call.responses.size()) << "every HTTP answer must be released";
    return status;
  }

  pricefeed_status quotes(TestCall& call, const std::vector<std::string>& symbols,
                          const std::vector<std::string>& source_ids = {}) {
    const pricefeed_status status =
        host_->fetch_quotes(instance_, call, symbols, source_ids, PRICEFEED_CLASS_CRYPTO);
    EXPECT_EQ(call.responses_released, call.responses.size()) << "every HTTP answer must be released";
    return status;
  }

  std::vector<std::string> urls(const TestCall& call) const {
    std::vector<std::string> out;
    for (const auto& r : call.requests)
      out.push_back(r.url);
    return out;
  }
};

TEST_F(BinancePlugin, DescriptorDeclaresCryptoHistoryQuotesCatalogResolutionAndStream) {
  expect_descriptor({.name = "binance",
                     .asset_classes = PRICEFEED_CLASS_CRYPTO,
                     .capabilities = PRICEFEED_CAP_HISTORY | PRICEFEED_CAP_QUOTES | PRICEFEED_CAP_CATALOG |
                                     PRICEFEED_CAP_RESOLVE_SYMBOL | PRICEFEED_CAP_STREAM,
                     .resolutions = PRICEFEED_RES_1D | PRICEFEED_RES_1H | PRICEFEED_RES_1M,
                     .max_quote_batch = 100});
}

TEST_F(BinancePlugin, CreateRefusesABadConfigurationNamingTheKey) {
  struct Case {
    std::string config;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {R"({"plugin":"binance"})", "base_url: is required"},
           {R"({"base_url":"ftp://binance.test"})", "base_url: expected an http:// or https:// URL"},
           {R"({"base_url":"http://binance.test?x=1"})", "base_url: must not contain a query"},
           {R"({"base_url":"http://binance.test","stream_url":"https://stream.binance.com:9443"})",
            "stream_url: expected a ws:// or wss:// URL"},
           {R"({"base_url":"http://binance.test","stream_url":"wss://x/stream?streams=a"})",
            "stream_url: must not contain a query"},
           {R"({"base_url":"http://binance.test","stream_url":7})", "stream_url: expected a string"},
           {R"({"base_url":"http://binance.test","quote_asset":"usdt"})",
            "quote_asset: expected an asset code"},
           {R"({"base_url":"http://binance.test","quote_asset":"US DT"})", "quote_asset"},
           {R"({"base_url":"http://binance.test","quote_asset":""})", "quote_asset"},
           {R"({"base_url":"http://binance.test","quote_asset":7})", "quote_asset: expected a string"},
           {R"({"base_url":"http://binance.test","exchange_info_ttl_minutes":0})",
            "exchange_info_ttl_minutes: expected 1 to 1440"},
           {R"({"base_url":"http://binance.test","exchange_info_ttl_minutes":2000})",
            "exchange_info_ttl_minutes"},
           {R"({"base_url":"http://binance.test","exchange_info_ttl_minutes":"60"})",
            "exchange_info_ttl_minutes: expected a number"},
           {R"({"base_url":"http://binance.test","requests_per_minute":0})",
            "requests_per_minute: expected a positive"},
           {R"({"base_url":"http://binance.test","requests_per_minute":1.5})",
            "requests_per_minute: expected an integer"},
           {"not json", "configuration is not valid JSON"},
       }) {
    expect_refused(c.config, c.message);
  }
}

TEST_F(BinancePlugin, DailyHistoryPagesThroughThousandKlinePagesKeyedAtUtcMidnight) {
  const std::int64_t start = utc_midnight(2018, 1, 1);
  const std::int64_t end = utc_midnight(2021, 1, 1);  // 1096 days: a full page and a short one
  const std::int64_t start_ms = start * 1000, end_ms = end * 1000;
  const std::int64_t second_page = start_ms + 999 * kDayMs + 1;  // one ms after the last open time
  host_->answer(klines_url("BTCUSDT", "1d", start_ms, end_ms - 1), ok(klines_body(start_ms, 1000, kDayMs)));
  host_->answer(klines_url("BTCUSDT", "1d", second_page, end_ms - 1),
                ok(klines_body(start_ms + 1000 * kDayMs, 96, kDayMs)));

  TestCall call;
  ASSERT_EQ(history(call, "BTC", PRICEFEED_RES_1D, start, end), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.requests.size(), 3u);
  EXPECT_EQ(call.requests[0].url, kExchangeInfoUrl);  // the weight limit, read once
  EXPECT_EQ(call.requests[1].url, klines_url("BTCUSDT", "1d", start_ms, end_ms - 1));
  EXPECT_EQ(call.requests[2].url, klines_url("BTCUSDT", "1d", second_page, end_ms - 1));
  EXPECT_EQ(call.requests[1].header("Accept"), "application/json");

  ASSERT_EQ(call.bars.size(), 1096u);
  for (std::size_t i = 0; i < call.bars.size(); ++i) {
    EXPECT_EQ(call.bars[i].ts, start + static_cast<std::int64_t>(i) * 86400) << i;
  }
  const pricefeed_bar& first = call.bars.front();
  EXPECT_DOUBLE_EQ(first.open, 99.5);
  EXPECT_DOUBLE_EQ(first.high, 101);
  EXPECT_DOUBLE_EQ(first.low, 99);
  EXPECT_DOUBLE_EQ(first.close, 100);
  EXPECT_DOUBLE_EQ(first.adj_close, 100);  // nothing to adjust on an exchange pair
  EXPECT_DOUBLE_EQ(first.volume, 10);
  EXPECT_DOUBLE_EQ(call.bars[1000].close, 100);  // the second page's first kline
  EXPECT_TRUE(call.unavailable.empty());
  EXPECT_TRUE(call.errors.empty());
}

TEST_F(BinancePlugin, EveryRequestStatesBinancesRequestWeightAsItsCost) {
  const std::int64_t start = utc_midnight(2025, 2, 1);
  host_->answer(klines_url("BTCUSDT", "1d", start * 1000, utc_midnight(2025, 2, 3) * 1000 - 1),
                ok(klines_body(start * 1000, 2, kDayMs)));
  TestCall call;
  ASSERT_EQ(history(call, "BTC", PRICEFEED_RES_1D, start, utc_midnight(2025, 2, 3)), PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.requests.size(), 2u);
  EXPECT_EQ(call.requests[0].cost, 20u);  // exchangeInfo
  EXPECT_EQ(call.requests[1].cost, 2u);   // klines

  host_->otherwise([](const std::string& url) {
    return ok(url.find("symbols=") != std::string::npos
                  ? R"([{"symbol":"BTCUSDT","price":"1.00000000"},{"symbol":"ETHUSDT","price":"2.00000000"}])"
                  : R"({"symbol":"BTCUSDT","price":"1.00000000"})");
  });
  TestCall many, one;
  ASSERT_EQ(quotes(many, {"BTC", "ETH"}), PRICEFEED_OK) << many.last_error();
  ASSERT_EQ(many.requests.size(), 1u);
  EXPECT_EQ(many.requests[0].cost, 4u);  // symbols=[...]: 4 whatever their number
  ASSERT_EQ(quotes(one, {"BTC"}), PRICEFEED_OK) << one.last_error();
  ASSERT_EQ(one.requests.size(), 1u);
  EXPECT_EQ(one.requests[0].cost, 2u);  // symbol=: 2
}

TEST_F(BinancePlugin, TheStillOpenLastKlineIsDropped) {
  const std::int64_t start = utc_midnight(2025, 2, 25);
  // The range reaches past now: only up to now is asked for.
  host_->answer(klines_url("BTCUSDT", "1d", start * 1000, now_ms_ - 1),
                ok(klines_body(start * 1000, 5, kDayMs)));
  TestCall call;
  ASSERT_EQ(history(call, "BTC", PRICEFEED_RES_1D, start, utc_midnight(2025, 3, 5)), PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.requests.size(), 2u);
  ASSERT_EQ(call.bars.size(), 4u);  // 1 March's kline closes at 23:59:59.999: not yet
  EXPECT_EQ(call.bars.back().ts, utc_midnight(2025, 2, 28));
  EXPECT_TRUE(call.unavailable.empty());
}

TEST_F(BinancePlugin, ARangeWhollyInTheFutureAsksNothing) {
  TestCall call;
  ASSERT_EQ(history(call, "BTC", PRICEFEED_RES_1D, utc_midnight(2025, 3, 2), utc_midnight(2025, 3, 9)),
            PRICEFEED_OK);
  EXPECT_TRUE(call.requests.empty());
  EXPECT_TRUE(call.bars.empty());
}

TEST_F(BinancePlugin, TheRangeBeforeTheListingIsReportedUnavailable) {
  const std::int64_t start = utc_midnight(2020, 1, 1);
  const std::int64_t end = utc_midnight(2020, 6, 1);
  const std::int64_t listed = utc_midnight(2020, 4, 10);
  host_->answer(klines_url("SOLUSDT", "1d", start * 1000, end * 1000 - 1),
                ok(klines_body(listed * 1000, 52, kDayMs)));
  TestCall call;
  ASSERT_EQ(history(call, "SOL", PRICEFEED_RES_1D, start, end), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.unavailable.size(), 1u);
  EXPECT_EQ(call.unavailable[0].start, start);
  EXPECT_EQ(call.unavailable[0].end, listed);
  EXPECT_THAT(call.unavailable[0].reason,
              AllOf(HasSubstr("SOLUSDT"), HasSubstr("2020-04-10"), HasSubstr("not listed yet")));
  ASSERT_EQ(call.bars.size(), 52u);
  EXPECT_EQ(call.bars.front().ts, listed);
}

TEST_F(BinancePlugin, ARangeWithoutAnyKlineIsReportedUnavailableWhole) {
  const std::int64_t start = utc_midnight(2019, 1, 1);
  const std::int64_t end = utc_midnight(2019, 2, 1);
  host_->answer(klines_url("SOLUSDT", "1d", start * 1000, end * 1000 - 1), ok("[]"));
  TestCall call;
  ASSERT_EQ(history(call, "SOL", PRICEFEED_RES_1D, start, end), PRICEFEED_OK) << call.last_error();
  EXPECT_TRUE(call.bars.empty());
  ASSERT_EQ(call.unavailable.size(), 1u);
  EXPECT_EQ(call.unavailable[0].start, start);
  EXPECT_EQ(call.unavailable[0].end, end);
  EXPECT_THAT(call.unavailable[0].reason, HasSubstr("not trading then"));
}

TEST_F(BinancePlugin, AStartWithinADayIsNoListingGap) {
  // Noon: the first daily kline that can be in range opens the next midnight.
  const std::int64_t start = utc_midnight(2024, 1, 1) + 12 * 3600;
  const std::int64_t end = utc_midnight(2024, 1, 4);
  host_->answer(klines_url("BTCUSDT", "1d", start * 1000, end * 1000 - 1),
                ok(klines_body(utc_midnight(2024, 1, 2) * 1000, 2, kDayMs)));
  TestCall call;
  ASSERT_EQ(history(call, "BTC", PRICEFEED_RES_1D, start, end), PRICEFEED_OK) << call.last_error();
  EXPECT_EQ(call.bars.size(), 2u);
  EXPECT_TRUE(call.unavailable.empty());
}

TEST_F(BinancePlugin, HourlyHistoryKeepsTheRealOpenInstantsAcrossPages) {
  const std::int64_t start = utc_midnight(2024, 1, 1);
  const std::int64_t end = start + 1500 * 3600;
  const std::int64_t second = start * 1000 + 999 * kHourMs + 1;
  host_->answer(klines_url("ETHBTC", "1h", start * 1000, end * 1000 - 1),
                ok(klines_body(start * 1000, 1000, kHourMs)));
  host_->answer(klines_url("ETHBTC", "1h", second, end * 1000 - 1),
                ok(klines_body(start * 1000 + 1000 * kHourMs, 500, kHourMs)));
  TestCall call;
  ASSERT_EQ(history(call, "ETH/BTC", PRICEFEED_RES_1H, start, end, "ETHBTC"), PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.bars.size(), 1500u);
  EXPECT_EQ(call.bars[1].ts, start + 3600);
  EXPECT_EQ(call.bars.back().ts, end - 3600);
}

TEST_F(BinancePlugin, MinuteHistoryAsksForOneMinuteKlines) {
  const std::int64_t start = utc_midnight(2025, 3, 1);
  const std::int64_t end = start + 600;
  host_->answer(klines_url("BTCUSDT", "1m", start * 1000, end * 1000 - 1),
                ok(klines_body(start * 1000, 10, 60'000)));
  TestCall call;
  ASSERT_EQ(history(call, "BTC", PRICEFEED_RES_1M, start, end), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.bars.size(), 10u);
  EXPECT_EQ(call.bars[9].ts, start + 540);
}

TEST_F(BinancePlugin, TheRecordedKlinesBecomeBars) {
  const std::int64_t start_ms = 1634943780000;
  const std::int64_t end_ms = 1634943780000 + 10 * 60'000;
  host_->answer(klines_url("BTCUSDT", "1m", start_ms, end_ms - 1),
                ok(read_fixture("binance", "http_spot_market_klines.json")));
  TestCall call;
  ASSERT_EQ(history(call, "BTC", PRICEFEED_RES_1M, start_ms / 1000, end_ms / 1000), PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.bars.size(), 10u);
  EXPECT_EQ(call.bars[0].ts, 1634943780);
  EXPECT_DOUBLE_EQ(call.bars[0].close, 60719.27);
  EXPECT_DOUBLE_EQ(call.bars[0].volume, 21.63272);
}

TEST_F(BinancePlugin, AnUnknownSymbolIsNotFoundNamingIt) {
  host_->otherwise([](const std::string&) { return binance_error(400, -1121, "Invalid symbol."); });
  TestCall call;
  EXPECT_EQ(history(call, "FOO", PRICEFEED_RES_1D, utc_midnight(2024, 1, 1), utc_midnight(2024, 2, 1)),
            PRICEFEED_NOT_FOUND);
  EXPECT_THAT(call.last_error(),
              AllOf(HasSubstr("'FOO' (Binance FOOUSDT)"), HasSubstr("-1121"), HasSubstr("Invalid symbol."),
                    HasSubstr("HTTP 400"), HasSubstr("/api/v3/klines?symbol=FOOUSDT")));
}

TEST_F(BinancePlugin, ASymbolThatCannotBeAPairIsNotFoundWithoutARequest) {
  for (const std::string symbol : {"BTC&limit=1", "BTC\"]", "../x", ""}) {
    SCOPED_TRACE(symbol);
    TestCall call;
    EXPECT_EQ(history(call, symbol, PRICEFEED_RES_1D, utc_midnight(2024, 1, 1), utc_midnight(2024, 2, 1)),
              PRICEFEED_NOT_FOUND);
    EXPECT_TRUE(call.requests.empty());
  }
  TestCall call;
  EXPECT_EQ(
      history(call, "BTC", PRICEFEED_RES_1D, utc_midnight(2024, 1, 1), utc_midnight(2024, 2, 1), "BTC/USDT"),
      PRICEFEED_NOT_FOUND);
  EXPECT_TRUE(call.requests.empty());
}

TEST_F(BinancePlugin, TheUsedWeightHeaderStopsTheFetchBeforeA429) {
  const std::int64_t start = utc_midnight(2018, 1, 1);
  const std::int64_t end = utc_midnight(2021, 1, 1);
  // The first page's answer says 5999 of 6000 are spent this minute: the next page (weight 2) waits.
  host_->answer(klines_url("BTCUSDT", "1d", start * 1000, end * 1000 - 1),
                ok(klines_body(start * 1000, 1000, kDayMs), 5999));
  TestCall call;
  ASSERT_EQ(history(call, "BTC", PRICEFEED_RES_1D, start, end), PRICEFEED_RATE_LIMITED);
  EXPECT_EQ(call.requests.size(), 2u) << "no request past the budget";
  EXPECT_EQ(call.bars.size(), 1000u) << "the page already received is kept";
  // 12:00:30: the next minute starts in 30 s; one second more for the clocks' difference.
  EXPECT_EQ(call.retry_after_ms, 31'000);
  EXPECT_THAT(call.last_error(), AllOf(HasSubstr("5999 of the 6000"), HasSubstr("X-MBX-USED-WEIGHT-1M")));

  TestCall again;  // the same minute: refused before asking
  EXPECT_EQ(history(again, "BTC", PRICEFEED_RES_1D, start, end), PRICEFEED_RATE_LIMITED);
  EXPECT_TRUE(again.requests.empty());

  host_->set_now(now_ + 30);  // the next minute
  host_->answer(klines_url("BTCUSDT", "1d", start * 1000, end * 1000 - 1),
                ok(klines_body(start * 1000, 1, kDayMs), 2));
  TestCall later;
  EXPECT_EQ(history(later, "BTC", PRICEFEED_RES_1D, start, end), PRICEFEED_OK) << later.last_error();
}

TEST_F(BinancePlugin, TheWeightLimitIsTheOneExchangeInfoStates) {
  // The recorded exchangeInfo of 2021 states 1200 per minute: 1199 used leaves no room for weight 2.
  host_->answer(kExchangeInfoUrl, ok(read_fixture("binance", "http_spot_market_exchange_info.json"), 20));
  const std::int64_t start = utc_midnight(2018, 1, 1);
  const std::int64_t end = utc_midnight(2021, 1, 1);
  host_->answer(klines_url("BTCUSDT", "1d", start * 1000, end * 1000 - 1),
                ok(klines_body(start * 1000, 1000, kDayMs), 1199));
  TestCall call;
  ASSERT_EQ(history(call, "BTC", PRICEFEED_RES_1D, start, end), PRICEFEED_RATE_LIMITED);
  EXPECT_THAT(call.last_error(), HasSubstr("1199 of the 1200"));
}

TEST_F(BinancePlugin, ARequestsPerMinuteAboveBinancesLimitIsWarnedAbout) {
  host_->answer(kExchangeInfoUrl, ok(read_fixture("binance", "http_spot_market_exchange_info.json"), 20));
  host_->answer(
      klines_url("BTCUSDT", "1d", utc_midnight(2024, 1, 1) * 1000, utc_midnight(2024, 1, 2) * 1000 - 1),
      ok("[]"));
  TestCall call;
  ASSERT_EQ(history(call, "BTC", PRICEFEED_RES_1D, utc_midnight(2024, 1, 1), utc_midnight(2024, 1, 2)),
            PRICEFEED_OK);
  EXPECT_THAT(call.logs, ::testing::Contains(AllOf(HasSubstr("requests_per_minute = 6000"),
                                                   HasSubstr("than the 1200 per minute Binance allows"))));
}

TEST_F(BinancePlugin, HistoryGoesOnWhenExchangeInfoIsFailing) {
  host_->answer(kExchangeInfoUrl,
                binance_error(503, -1001, "Internal error; unable to process your request."));
  const std::int64_t start = utc_midnight(2024, 1, 1);
  host_->answer(klines_url("BTCUSDT", "1d", start * 1000, utc_midnight(2024, 1, 3) * 1000 - 1),
                ok(klines_body(start * 1000, 2, kDayMs)));
  TestCall call;
  ASSERT_EQ(history(call, "BTC", PRICEFEED_RES_1D, start, utc_midnight(2024, 1, 3)), PRICEFEED_OK)
      << call.last_error();
  EXPECT_EQ(call.bars.size(), 2u);
  EXPECT_THAT(call.logs, ::testing::Contains(AllOf(HasSubstr("no exchangeInfo for the weight limit"),
                                                   HasSubstr("budgeting 6000"))));
}

TEST_F(BinancePlugin, FailedAnswersMapToStatusesWithBinancesCodeAndMessage) {
  struct Case {
    CannedAnswer answer;
    pricefeed_status status;
    std::vector<std::string> message;
  };
  const std::vector<Case> cases = {
      {binance_error(500, -1000, "An unknown error occurred while processing the request."),
       PRICEFEED_TRANSIENT,
       {"HTTP 500", "Binance is failing for now", "-1000"}},
      {{502, "<html><body>502 Bad Gateway</body></html>", {}}, PRICEFEED_TRANSIENT, {"HTTP 502", "'<html>"}},
      {binance_error(400, -1001, "Internal error; unable to process your request. Please try again."),
       PRICEFEED_TRANSIENT,
       {"-1001"}},
      {binance_error(400, -1100, "Illegal characters found in parameter 'symbol'."),
       PRICEFEED_PERMANENT,
       {"HTTP 400", "Binance error -1100 'Illegal characters found in parameter 'symbol'.'"}},
      {binance_error(400, -1120, "Invalid interval."), PRICEFEED_PERMANENT, {"-1120", "Invalid interval."}},
      {binance_error(451, 0, "Service unavailable from a restricted location"),
       PRICEFEED_PERMANENT,
       {"HTTP 451", "restricted", "Service unavailable from a restricted location"}},
      {{403, "", {}}, PRICEFEED_PERMANENT, {"HTTP 403", "firewall", "(empty body)"}},
      {binance_error(400, -1003, "Too many requests queued."), PRICEFEED_RATE_LIMITED, {"-1003"}},
  };
  const std::int64_t start = utc_midnight(2024, 1, 1), end = utc_midnight(2024, 2, 1);
  for (const Case& c : cases) {
    SCOPED_TRACE(c.answer.body);
    host_->answer(klines_url("BTCUSDT", "1d", start * 1000, end * 1000 - 1), c.answer);
    TestCall call;
    EXPECT_EQ(history(call, "BTC", PRICEFEED_RES_1D, start, end), c.status);
    for (const std::string& part : c.message)
      EXPECT_THAT(call.last_error(), HasSubstr(part));
    EXPECT_THAT(call.last_error(),
                HasSubstr("binance: GET http://binance.test/api/v3/klines?symbol=BTCUSDT"));
  }
}

TEST_F(BinancePlugin, ABodyThatIsNotTheDocumentedJsonIsTransientAndNeverData) {
  const std::int64_t start_ms = 1634943780000, end_ms = start_ms + 10 * 60'000;
  const std::string recorded = read_fixture("binance", "http_spot_market_klines.json");
  struct Case {
    std::string body;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {recorded.substr(0, recorded.size() / 2), "not JSON"},  // a truncated answer
           {"<!DOCTYPE html><html><body>Service Unavailable</body></html>", "'<!DOCTYPE html>"},
           {R"({"symbol":"BTCUSDT"})", "klines: expected an array, got an object"},
           {"", "(empty body)"},
       }) {
    SCOPED_TRACE(c.body.substr(0, 40));
    host_->answer(klines_url("BTCUSDT", "1m", start_ms, end_ms - 1), ok(c.body));
    TestCall call;
    EXPECT_EQ(history(call, "BTC", PRICEFEED_RES_1M, start_ms / 1000, end_ms / 1000), PRICEFEED_TRANSIENT);
    EXPECT_TRUE(call.bars.empty());
    EXPECT_THAT(call.last_error(),
                AllOf(HasSubstr("answered HTTP 200 with a body that is not Binance's klines JSON"),
                      HasSubstr(c.message)));
  }
}

TEST_F(BinancePlugin, TheHostsRateLimitIsPassedOnAsItIs) {
  host_->rate_limit_everything(45'000);
  TestCall call;
  EXPECT_EQ(history(call, "BTC", PRICEFEED_RES_1D, utc_midnight(2024, 1, 1), utc_midnight(2024, 2, 1)),
            PRICEFEED_RATE_LIMITED);
  EXPECT_EQ(call.retry_after_ms, 45'000);
  EXPECT_EQ(call.last_error(), "the source is rate limited (test host)");
}

TEST_F(BinancePlugin, ACancelledFetchStopsBeforeTheNextPageAndIsTransient) {
  const std::int64_t start = utc_midnight(2018, 1, 1), end = utc_midnight(2021, 1, 1);
  host_->answer(klines_url("BTCUSDT", "1d", start * 1000, end * 1000 - 1),
                ok(klines_body(start * 1000, 1000, kDayMs)));
  TestCall call;
  call.cancel_after_requests = 2;  // exchangeInfo and the first page
  EXPECT_EQ(history(call, "BTC", PRICEFEED_RES_1D, start, end), PRICEFEED_TRANSIENT);
  EXPECT_EQ(call.requests.size(), 2u);
  EXPECT_EQ(call.bars.size(), 1000u);
  EXPECT_THAT(call.last_error(), HasSubstr("cancelled after 1 requests for 'BTC' (Binance BTCUSDT) 1d"));
}

TEST_F(BinancePlugin, AStopFromTheSinkEndsTheFetch) {
  const std::int64_t start = utc_midnight(2018, 1, 1), end = utc_midnight(2021, 1, 1);
  host_->answer(klines_url("BTCUSDT", "1d", start * 1000, end * 1000 - 1),
                ok(klines_body(start * 1000, 1000, kDayMs)));
  TestCall call;
  call.stop_after_bars = 10;
  EXPECT_EQ(history(call, "BTC", PRICEFEED_RES_1D, start, end), PRICEFEED_OK);
  EXPECT_EQ(call.requests.size(), 2u);
}

TEST_F(BinancePlugin, ARangeEndingBeforeItStartsIsPermanent) {
  TestCall call;
  EXPECT_EQ(history(call, "BTC", PRICEFEED_RES_1D, utc_midnight(2024, 2, 1), utc_midnight(2024, 1, 1)),
            PRICEFEED_PERMANENT);
  EXPECT_THAT(call.last_error(), HasSubstr("ends"));
  EXPECT_TRUE(call.requests.empty());
}

TEST_F(BinancePlugin, QuotesForManySymbolsTakeOneEscapedRequest) {
  const std::string url =
      kBase + "/api/v3/ticker/price?symbols=%5B%22BTCUSDT%22%2C%22ETHBTC%22%2C%22ETHUSDT%22%5D";
  host_->answer(
      url, ok(R"([{"symbol":"BTCUSDT","price":"84123.45000000"},)"
              R"({"symbol":"ETHBTC","price":"0.02612000"},{"symbol":"ETHUSDT","price":"2197.10000000"}])"));
  TestCall call;
  ASSERT_EQ(quotes(call, {"BTC", "ETH", "ETH/BTC", "BTCUSDT"}, {"", "", "ETHBTC", "BTCUSDT"}), PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(urls(call), (std::vector<std::string>{kExchangeInfoUrl, url}));
  ASSERT_EQ(call.quotes.size(), 4u);
  std::map<std::string, std::size_t> at;
  for (std::size_t i = 0; i < call.quote_symbols.size(); ++i)
    at[call.quote_symbols[i]] = i;
  ASSERT_EQ(at.size(), 4u);  // BTC and the source id BTCUSDT name one pair: both answered
  EXPECT_DOUBLE_EQ(call.quotes[at["BTC"]].price, 84123.45);
  EXPECT_DOUBLE_EQ(call.quotes[at["BTCUSDT"]].price, 84123.45);
  EXPECT_DOUBLE_EQ(call.quotes[at["ETH/BTC"]].price, 0.02612);
  EXPECT_EQ(call.quote_currencies[at["ETH/BTC"]], "BTC");
  EXPECT_EQ(call.quote_currencies[at["ETH"]], "USDT");
  const pricefeed_quote& btc = call.quotes[at["BTC"]];
  EXPECT_EQ(btc.ts, now_);
  EXPECT_TRUE(std::isnan(btc.open));  // a rolling 24 h window is not a session
  EXPECT_TRUE(std::isnan(btc.high));
  EXPECT_TRUE(std::isnan(btc.low));
  EXPECT_TRUE(std::isnan(btc.volume));
  EXPECT_TRUE(std::isnan(btc.previous_close));
}

TEST_F(BinancePlugin, QuotesSkipPairsBinanceDoesNotListOrTrade) {
  const std::string url = kBase + "/api/v3/ticker/price?symbol=BTCUSDT";
  host_->answer(url, ok(R"({"symbol":"BTCUSDT","price":"84123.45000000"})"));
  TestCall call;
  ASSERT_EQ(quotes(call, {"BTC", "FOO", "LUNA", "B@D"}), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(urls(call), (std::vector<std::string>{kExchangeInfoUrl, url}));
  ASSERT_EQ(call.quote_symbols, std::vector<std::string>{"BTC"});
  EXPECT_THAT(call.logs, ::testing::Contains(AllOf(HasSubstr("FOOUSDT"), HasSubstr("does not list"))));
  EXPECT_THAT(call.logs, ::testing::Contains(AllOf(HasSubstr("LUNAUSDT (BREAK)"), HasSubstr("not trading"))));
  EXPECT_THAT(call.logs, ::testing::Contains(HasSubstr("'B@D'")));
}

TEST_F(BinancePlugin, AQuoteBatchRefusedForAPairDelistedSinceExchangeInfoWasCachedIsAskedAgainWithoutIt) {
  // The cached exchangeInfo lists XYZUSDT; Binance has delisted it since and refuses the batch.
  TestCall warm;
  host_->answer(kBase + "/api/v3/ticker/price?symbol=BTCUSDT", ok(R"({"symbol":"BTCUSDT","price":"1.0"})"));
  ASSERT_EQ(quotes(warm, {"BTC"}), PRICEFEED_OK) << warm.last_error();

  std::vector<Pair> after = kPairs;
  std::erase_if(after, [](const Pair& p) { return p.pair == "XYZUSDT"; });
  host_->answer(kExchangeInfoUrl, ok(exchange_info_body(6000, after), 40));
  const std::string all =
      kBase + "/api/v3/ticker/price?symbols=%5B%22BTCUSDT%22%2C%22ETHUSDT%22%2C%22XYZUSDT%22%5D";
  const std::string listed = kBase + "/api/v3/ticker/price?symbols=%5B%22BTCUSDT%22%2C%22ETHUSDT%22%5D";
  host_->answer(all, binance_error(400, -1121, "Invalid symbol."));
  host_->answer(
      listed, ok(R"([{"symbol":"BTCUSDT","price":"1.50000000"},{"symbol":"ETHUSDT","price":"2.50000000"}])"));
  TestCall call;
  ASSERT_EQ(quotes(call, {"BTC", "ETH", "XYZ"}), PRICEFEED_OK) << call.last_error();
  EXPECT_EQ(urls(call), (std::vector<std::string>{all, kExchangeInfoUrl, listed}));
  EXPECT_EQ(call.quote_symbols, (std::vector<std::string>{"BTC", "ETH"}));
  EXPECT_THAT(call.logs, ::testing::Contains(AllOf(HasSubstr("XYZUSDT"), HasSubstr("no longer listed"))));
}

TEST_F(BinancePlugin, APairBinanceRefusesThoughItListsItIsIsolatedSoTheOthersGetQuotes) {
  const auto ticker = [](const std::vector<std::string>& pairs) {
    std::string list;
    for (const auto& p : pairs)
      list += (list.empty() ? "" : "%2C") + std::string("%22") + p + "%22";
    return pairs.size() == 1 ? kBase + "/api/v3/ticker/price?symbol=" + pairs[0]
                             : kBase + "/api/v3/ticker/price?symbols=%5B" + list + "%5D";
  };
  host_->answer(ticker({"BTCUSDT", "ETHUSDT", "XYZUSDT"}), binance_error(400, -1121, "Invalid symbol."));
  host_->answer(ticker({"ETHUSDT", "XYZUSDT"}), binance_error(400, -1121, "Invalid symbol."));
  host_->answer(ticker({"XYZUSDT"}), binance_error(400, -1121, "Invalid symbol."));
  host_->answer(ticker({"BTCUSDT"}), ok(R"({"symbol":"BTCUSDT","price":"1.50000000"})"));
  host_->answer(ticker({"ETHUSDT"}), ok(R"({"symbol":"ETHUSDT","price":"2.50000000"})"));
  TestCall call;
  ASSERT_EQ(quotes(call, {"BTC", "ETH", "XYZ"}), PRICEFEED_OK) << call.last_error();
  EXPECT_EQ(urls(call),
            (std::vector<std::string>{kExchangeInfoUrl, ticker({"BTCUSDT", "ETHUSDT", "XYZUSDT"}),
                                      kExchangeInfoUrl, ticker({"BTCUSDT"}), ticker({"ETHUSDT", "XYZUSDT"}),
                                      ticker({"ETHUSDT"}), ticker({"XYZUSDT"})}));
  EXPECT_EQ(call.quote_symbols, (std::vector<std::string>{"BTC", "ETH"}));
  EXPECT_THAT(call.logs, ::testing::Contains(AllOf(HasSubstr("XYZUSDT"), HasSubstr("-1121"))));
}

TEST_F(BinancePlugin, AFailedQuoteCallNamesThePairsAndBinancesError) {
  host_->otherwise(
      [](const std::string&) { return binance_error(503, -1008, "Server is currently overloaded."); });
  TestCall call;
  EXPECT_EQ(quotes(call, {"BTC", "ETH"}), PRICEFEED_TRANSIENT);
  EXPECT_THAT(call.last_error(), AllOf(HasSubstr("-1008"), HasSubstr("overloaded")));
  host_->otherwise([](const std::string&) { return ok("[{\"symbol\":\"BTCUSDT\",\"price\":\"1"); });
  TestCall cut;
  EXPECT_EQ(quotes(cut, {"BTC", "ETH"}), PRICEFEED_TRANSIENT);
  EXPECT_TRUE(cut.quotes.empty());
  EXPECT_THAT(cut.last_error(), HasSubstr("not Binance's ticker/price JSON"));
}

TEST_F(BinancePlugin, ExchangeInfoIsAskedOnceAndCachedInItsCompactForm) {
  host_->otherwise([](const std::string&) { return ok(R"({"symbol":"BTCUSDT","price":"1.0"})"); });
  TestCall first, second;
  ASSERT_EQ(quotes(first, {"BTC"}), PRICEFEED_OK) << first.last_error();
  ASSERT_EQ(quotes(second, {"BTC"}), PRICEFEED_OK) << second.last_error();
  EXPECT_EQ(first.requests.size(), 2u);
  EXPECT_EQ(second.requests.size(), 1u) << "exchangeInfo comes from the cache";
  const auto cache = host_->cache();
  ASSERT_EQ(cache.count("binance.exchange_info"), 1u);
  EXPECT_THAT(cache.at("binance.exchange_info"),
              AllOf(HasSubstr("request_weight_per_minute 6000\n"), HasSubstr("LUNAUSDT LUNA USDT BREAK\n")));
}

TEST_F(BinancePlugin, TheCatalogListsTradingPairsOfTheQuoteAsset) {
  TestCall call;
  ASSERT_EQ(host_->list_assets(instance_, call, PRICEFEED_CLASS_CRYPTO | PRICEFEED_CLASS_STOCK), PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.asset_texts.size(), 4u);  // BTC ETH SOL XYZ; not ETHBTC, BNBUSDC, nor LUNA (BREAK)
  std::vector<std::string> symbols;
  for (std::size_t i = 0; i < call.asset_texts.size(); ++i) {
    const auto& text = call.asset_texts[i];
    symbols.push_back(text.symbol);
    EXPECT_EQ(text.source_id, text.symbol + "USDT");
    EXPECT_EQ(text.exchange, "BINANCE");
    EXPECT_EQ(text.currency, "USDT");
    EXPECT_EQ(call.assets[i].asset_class, PRICEFEED_CLASS_CRYPTO);
  }
  EXPECT_EQ(symbols, (std::vector<std::string>{"BTC", "ETH", "SOL", "XYZ"}));

  TestCall stocks;
  ASSERT_EQ(host_->list_assets(instance_, stocks, PRICEFEED_CLASS_STOCK), PRICEFEED_OK);
  EXPECT_TRUE(stocks.assets.empty());
  EXPECT_TRUE(stocks.requests.empty());
}

TEST_F(BinancePlugin, TheCatalogFollowsTheConfiguredQuoteAsset) {
  instance_ = create(R"({"base_url":"http://binance.test","quote_asset":"BTC"})");
  TestCall call;
  ASSERT_EQ(host_->list_assets(instance_, call, PRICEFEED_CLASS_CRYPTO), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.asset_texts.size(), 1u);
  EXPECT_EQ(call.asset_texts[0].symbol, "ETH");
  EXPECT_EQ(call.asset_texts[0].source_id, "ETHBTC");
  EXPECT_EQ(call.asset_texts[0].currency, "BTC");
}

TEST_F(BinancePlugin, ResolvingASymbolNamesItsListedPair) {
  TestCall call;
  ASSERT_EQ(host_->resolve_symbol(instance_, call, "BTC", PRICEFEED_CLASS_CRYPTO), PRICEFEED_OK)
      << call.last_error();
  EXPECT_EQ(call.resolved_id, "BTCUSDT");
  TestCall unknown;
  EXPECT_EQ(host_->resolve_symbol(instance_, unknown, "FOO", PRICEFEED_CLASS_CRYPTO), PRICEFEED_NOT_FOUND);
  EXPECT_THAT(unknown.last_error(), HasSubstr("FOOUSDT"));
  TestCall stock;
  EXPECT_EQ(host_->resolve_symbol(instance_, stock, "AAPL", PRICEFEED_CLASS_STOCK), PRICEFEED_UNSUPPORTED);
}

TEST_F(BinancePlugin, OneInstanceServesSeveralThreadsAtOnce) {
  host_->otherwise([](const std::string& url) {
    const auto at = url.find("startTime=");
    const std::int64_t start = std::stoll(url.substr(at + 10));
    return ok(klines_body(start, 5, kDayMs), 100);
  });
  constexpr int kRounds = 20;
  const CallsAtOnce at_once = call_from_threads(8, kRounds, [&](std::size_t i, TestCall& call) {
    const bool btc = (i / kRounds) % 2 != 0;
    const std::int64_t start = utc_midnight(2020, 1, 1) + static_cast<std::int64_t>(i) * 10 * 86400;
    return host_->fetch_history(instance_, call, btc ? "BTC" : "ETH", "", PRICEFEED_CLASS_CRYPTO,
                                PRICEFEED_RES_1D, start, start + 5 * 86400);
  });
  for (std::size_t i = 0; i < at_once.calls.size(); ++i) {
    EXPECT_EQ(at_once.statuses[i], PRICEFEED_OK) << at_once.calls[i].last_error();
    EXPECT_EQ(at_once.calls[i].bars.size(), 5u);
  }
}

}  // namespace
}  // namespace pricefeed::binance
