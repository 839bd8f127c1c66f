// The coingecko plugin through its real C ABI: coingecko.so is dlopen'ed and driven by the shared test
// host, whose http service answers canned bodies (CoinGecko's recorded answers and ones built in the
// same shape) by URL, records every request with its headers, and keeps a working cache.

#include <cmath>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/plugins/support/Fixtures.hpp"
#include "tests/plugins/support/PluginFixture.hpp"
#include "tests/plugins/support/PluginTestHost.hpp"

namespace pricefeed::coingecko {
namespace {

using namespace plugins::test;
using nlohmann::json;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kHour = 3600;
const std::string kBase = "http://coingecko.test/api/v3";
const std::string kDemoKey = "CG-s3cr3tDemoKey42";

std::string config(const std::string& extra = "") {
  return R"({"plugin":"coingecko","base_url":")" + kBase + R"(","requests_per_minute":30)" +
         (extra.empty() ? "" : "," + extra) + "}";
}

std::string range_url(const std::string& id, std::int64_t from, std::int64_t to) {
  return kBase + "/coins/" + id + "/market_chart/range?vs_currency=usd&from=" + std::to_string(from) +
         "&to=" + std::to_string(to) + "&interval=daily";
}

const std::string kCoinsListUrl = kBase + "/coins/list?include_platform=false";

std::string markets_url(int page, int per_page = 250) {
  return kBase + "/coins/markets?vs_currency=usd&order=market_cap_desc&per_page=" + std::to_string(per_page) +
         "&page=" + std::to_string(page);
}

// A daily market_chart body: points at 00:00 UTC from first_point to last_point (inclusive), price
// 100 + day index, volume 1000 + day index, and the trailing "now" point CoinGecko always adds.
std::string daily_chart(std::int64_t first_point, std::int64_t last_point, std::int64_t now) {
  json prices = json::array(), caps = json::array(), volumes = json::array();
  int i = 0;
  for (std::int64_t t = first_point; t <= last_point; t += kDay, ++i) {
    prices.push_back({t * 1000, 100.0 + i});
    caps.push_back({t * 1000, 1e9 + i});
    volumes.push_back({t * 1000, 1000.0 + i});
  }
  if (now % kDay != 0) {
    prices.push_back({now * 1000, 999.5});
    caps.push_back({now * 1000, 2e9});
    volumes.push_back({now * 1000, 5000.0});
  }
  return json{{"prices", prices}, {"market_caps", caps}, {"total_volumes", volumes}}.dump();
}

// One page of /coins/markets: coins ranked first_rank.., with ids coin-N and symbols cN.
std::string markets_page(int first_rank, int count) {
  json page = json::array();
  for (int r = first_rank; r < first_rank + count; ++r) {
    page.push_back({{"id", "coin-" + std::to_string(r)},
                    {"symbol", "c" + std::to_string(r)},
                    {"name", "Coin " + std::to_string(r)},
                    {"current_price", 10.0},
                    {"market_cap", 1e12 / r},
                    {"market_cap_rank", r},
                    {"total_volume", 1e6}});
  }
  return page.dump();
}

class CoinGeckoPlugin : public PluginFixture {
 protected:
  // 2025-02-20 15:00 UTC.
  const std::int64_t now_ = utc_midnight(2025, 2, 20) + 15 * kHour;

  void SetUp() override {
    load(COINGECKO_PLUGIN_PATH, now_);
    instance_ = create(config(R"("api_key":")" + kDemoKey + "\""));
    ASSERT_NE(instance_, nullptr);
  }

  pricefeed_status history(TestCall& call, const std::string& symbol, const std::string& source_id,
                           std::int64_t start, std::int64_t end,
                           pricefeed_instance_plugin_owned* instance = nullptr) {
    const pricefeed_status status =
        host_->fetch_history(instance ? instance : instance_, call, symbol, source_id, PRICEFEED_CLASS_CRYPTO,
                             PRICEFEED_RES_1D, start, end);
    EXPECT_EQ(call.responses_released, call.responses.size()) << "every HTTP answer must be released";
    return status;
  }

  // Neither a URL, a log line nor an error of the call holds the key.
  void ExpectNoKeyIn(const TestCall& call) {
    for (const auto& request : call.requests)
      EXPECT_THAT(request.url, Not(HasSubstr(kDemoKey)));
    for (const auto& line : call.logs)
      EXPECT_THAT(line, Not(HasSubstr(kDemoKey)));
    for (const auto& error : call.errors)
      EXPECT_THAT(error, Not(HasSubstr(kDemoKey)));
  }
};

TEST_F(CoinGeckoPlugin, DescriptorDeclaresCryptoWithEveryCapabilityAtDailyResolution) {
  expect_descriptor({.name = "coingecko",
                     .asset_classes = PRICEFEED_CLASS_CRYPTO,
                     .capabilities = PRICEFEED_CAP_HISTORY | PRICEFEED_CAP_QUOTES | PRICEFEED_CAP_CATALOG |
                                     PRICEFEED_CAP_RESOLVE_SYMBOL,
                     .resolutions = PRICEFEED_RES_1D,
                     .max_quote_batch = 250});
}

TEST_F(CoinGeckoPlugin, CreateRefusesABadConfigurationNamingTheKeyButNeverTheApiKey) {
  struct Case {
    std::string config;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {R"({"plugin":"coingecko"})", "base_url: is required"},
           {R"({"base_url":"api.coingecko.com/api/v3"})", "base_url: expected an http:// or https:// URL"},
           {config(R"("api_plan":"enterprise")"), "api_plan: expected \"demo\" or \"pro\""},
           {config(R"("api_plan":"pro")"), "api_key: is required with api_plan = \"pro\""},
           {R"({"base_url":"https://pro-api.coingecko.com/api/v3","api_key":")" + kDemoKey + "\"}",
            "api_plan: base_url is CoinGecko's Pro API"},
           {R"({"base_url":"https://api.coingecko.com/api/v3","api_plan":"pro","api_key":")" + kDemoKey +
                "\"}",
            "api_plan: \"pro\" keys are served by https://pro-api.coingecko.com"},
           {config(R"("api_key":"CG-s3cr3tDemoKey42\nX-Injected: 1")"), "api_key: must be one word"},
           {config(R"("api_key":42)"), "api_key: expected a string"},
           {config(R"("history_limit_days":-1)"), "history_limit_days: expected 0 (no limit)"},
           {config(R"("history_limit_days":1)"), "history_limit_days: 1 leaves no complete day"},
           {config(R"("history_limit_days":36.5)"), "history_limit_days: expected an integer"},
           {config(R"("catalog_size":0)"), "catalog_size: expected 1 to 25000"},
       }) {
    SCOPED_TRACE(c.config);
    const std::string error = refusal(c.config);
    EXPECT_THAT(error, HasSubstr(c.message));
    EXPECT_THAT(error, Not(HasSubstr("s3cr3t")));
  }
}

TEST_F(CoinGeckoPlugin, AYearOfHistoryIsClippedTo365DaysAndTheRestReportedUnavailable) {
  const std::int64_t start = utc_midnight(2024, 2, 20);
  const std::int64_t end = utc_midnight(2025, 2, 21);
  // The served window, taken one day short: points from 2024-02-23 00:00, the close of 2024-02-22.
  const std::string url = range_url("bitcoin", utc_midnight(2024, 2, 23), now_);
  host_->answer(url, {200, daily_chart(utc_midnight(2024, 2, 23), utc_midnight(2025, 2, 20), now_)});

  TestCall call;
  ASSERT_EQ(history(call, "BTC", "bitcoin", start, end), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.requests.size(), 1u);
  EXPECT_EQ(call.requests[0].url, url);
  EXPECT_EQ(call.requests[0].method, "GET");
  EXPECT_EQ(call.requests[0].header("Accept"), "application/json");

  ASSERT_EQ(call.unavailable.size(), 1u);
  EXPECT_EQ(call.unavailable[0].start, start);
  EXPECT_EQ(call.unavailable[0].end, utc_midnight(2024, 2, 22));
  EXPECT_THAT(call.unavailable[0].reason, AllOf(HasSubstr("365 days"), HasSubstr("10012")));

  // 2024-02-22 .. 2025-02-19: every day whose close exists; today's partial point is dropped.
  ASSERT_EQ(call.bars.size(), 364u);
  EXPECT_EQ(call.bars.front().ts, utc_midnight(2024, 2, 22));
  EXPECT_DOUBLE_EQ(call.bars.front().close, 100.0);
  EXPECT_DOUBLE_EQ(call.bars.front().volume, 1000.0);
  EXPECT_EQ(call.bars.back().ts, utc_midnight(2025, 2, 19));
  EXPECT_DOUBLE_EQ(call.bars.back().close, 463.0);
  for (const pricefeed_bar& bar : call.bars) {
    EXPECT_TRUE(std::isnan(bar.open) && std::isnan(bar.high) && std::isnan(bar.low) &&
                std::isnan(bar.adj_close));
    EXPECT_NE(bar.close, 999.5) << "the trailing now point is not a close";
    EXPECT_EQ(bar.struct_size, sizeof(pricefeed_bar));
  }
}

TEST_F(CoinGeckoPlugin, TheRecordedDailySeriesGivesTheClosesOfTheDaysBeforeEachMidnight) {
  // Dec 2023: the recording's points are 2023-12-09 .. 12-13 00:00 plus 12-13 14:15:09.
  host_->set_now(1702476909);
  host_->otherwise([](const std::string&) {
    return CannedAnswer{200, read_fixture("coingecko", "alephium-market_chart-alephium-btc-daily.json")};
  });
  TestCall call;
  ASSERT_EQ(history(call, "ALPH", "alephium", utc_midnight(2023, 12, 8), utc_midnight(2023, 12, 14)),
            PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.bars.size(), 5u);
  EXPECT_EQ(call.bars.front().ts, utc_midnight(2023, 12, 8));
  EXPECT_DOUBLE_EQ(call.bars.front().close, 1.6446899669484214e-05);
  EXPECT_EQ(call.bars.back().ts, utc_midnight(2023, 12, 12));
  EXPECT_TRUE(call.unavailable.empty());
}

TEST_F(CoinGeckoPlugin, Error10012IsAnUnavailableRangeWhateverItsStatus) {
  // history_limit_days = 0 says "no limit", so the plugin asks; the public API refuses.
  auto* unlimited = create(config(R"("history_limit_days":0)"));
  const std::string body = read_fixture("coingecko", "error-10012-range-exceeds-365d.json");
  for (int status : {400, 401, 200}) {
    SCOPED_TRACE(status);
    host_->otherwise([&](const std::string&) { return CannedAnswer{status, body}; });
    TestCall call;
    ASSERT_EQ(history(call, "BTC", "bitcoin", utc_midnight(2020, 1, 1), utc_midnight(2021, 1, 1), unlimited),
              PRICEFEED_OK)
        << call.last_error();
    EXPECT_EQ(call.requests.size(), 1u) << "never asked again";
    EXPECT_TRUE(call.bars.empty());
    ASSERT_EQ(call.unavailable.size(), 1u);
    EXPECT_EQ(call.unavailable[0].start, utc_midnight(2020, 1, 1));
    EXPECT_EQ(call.unavailable[0].end, utc_midnight(2021, 1, 1));
    EXPECT_THAT(call.unavailable[0].reason, AllOf(HasSubstr("365-day"), HasSubstr("10012")));
    EXPECT_THAT(call.logs.back(), HasSubstr("error 10012"));
  }
}

TEST_F(CoinGeckoPlugin, TheDemoKeyTravelsInItsHeaderOnlyAndNeverInAnErrorOrALog) {
  host_->otherwise([](const std::string& url) {
    if (url == kCoinsListUrl) {
      return CannedAnswer{200, R"([{"id":"bitcoin","symbol":"btc","name":"Bitcoin"}])"};
    }
    return CannedAnswer{500, "<html>upstream failure</html>"};
  });
  TestCall call;
  EXPECT_EQ(history(call, "BTC", "", utc_midnight(2025, 1, 1), utc_midnight(2025, 2, 1)),
            PRICEFEED_TRANSIENT);
  ASSERT_EQ(call.requests.size(), 2u);  // /coins/list to resolve BTC, then the range
  for (const auto& request : call.requests) {
    EXPECT_EQ(request.header("x-cg-demo-api-key"), kDemoKey) << request.url;
    EXPECT_EQ(request.header("x-cg-pro-api-key"), std::nullopt);
  }
  EXPECT_THAT(call.last_error(), AllOf(HasSubstr("HTTP 500"), HasSubstr("upstream failure")));
  EXPECT_FALSE(call.logs.empty());
  ExpectNoKeyIn(call);

  // And a refused key is explained without it.
  host_->otherwise([](const std::string&) {
    return CannedAnswer{401, R"({"status":{"error_code":10002,"error_message":"API Key Missing"}})"};
  });
  TestCall refused;
  EXPECT_EQ(history(refused, "BTC", "bitcoin", utc_midnight(2025, 1, 1), utc_midnight(2025, 2, 1)),
            PRICEFEED_PERMANENT);
  EXPECT_THAT(refused.last_error(), AllOf(HasSubstr("error 10002"), HasSubstr("api_key")));
  ExpectNoKeyIn(refused);
}

TEST_F(CoinGeckoPlugin, KeylessAndProPlansSendTheirOwnHeaders) {
  host_->otherwise([&](const std::string&) {
    return CannedAnswer{200, daily_chart(utc_midnight(2024, 11, 1), utc_midnight(2025, 2, 20), now_)};
  });
  auto* keyless = create(config());
  TestCall call;
  ASSERT_EQ(history(call, "BTC", "bitcoin", utc_midnight(2025, 2, 1), utc_midnight(2025, 2, 8), keyless),
            PRICEFEED_OK);
  ASSERT_EQ(call.requests.size(), 1u);
  EXPECT_EQ(call.requests[0].header("x-cg-demo-api-key"), std::nullopt);
  EXPECT_EQ(call.requests[0].header("x-cg-pro-api-key"), std::nullopt);
  EXPECT_EQ(call.bars.size(), 7u);

  auto* pro = create(config(R"("api_plan":"pro","api_key":"CG-pro-key")"));
  TestCall pro_call;
  // No 365-day limit on Pro: a 2020 range is asked as it is.
  ASSERT_EQ(history(pro_call, "BTC", "bitcoin", utc_midnight(2020, 1, 1), utc_midnight(2020, 6, 1), pro),
            PRICEFEED_OK);
  ASSERT_EQ(pro_call.requests.size(), 1u);
  EXPECT_EQ(pro_call.requests[0].header("x-cg-pro-api-key"), "CG-pro-key");
  EXPECT_EQ(pro_call.requests[0].header("x-cg-demo-api-key"), std::nullopt);
  EXPECT_THAT(pro_call.requests[0].url,
              HasSubstr("from=" + std::to_string(utc_midnight(2020, 1, 2) - kHour)));
  EXPECT_TRUE(pro_call.unavailable.empty());
}

TEST_F(CoinGeckoPlugin, TickersResolveThroughTheCachedCoinListWithoutASecondRequest) {
  host_->answer(kCoinsListUrl, {200, R"([{"id":"bitcoin","symbol":"btc","name":"Bitcoin"},
                                        {"id":"ethereum","symbol":"eth","name":"Ethereum"},
                                        {"id":"alephium","symbol":"alph","name":"Alephium"}])"});
  TestCall first;
  ASSERT_EQ(host_->resolve_symbol(instance_, first, "ETH", PRICEFEED_CLASS_CRYPTO), PRICEFEED_OK)
      << first.last_error();
  EXPECT_EQ(first.resolved_id, "ethereum");
  ASSERT_EQ(first.requests.size(), 1u);
  EXPECT_EQ(first.requests[0].url, kCoinsListUrl);
  EXPECT_EQ(first.requests[0].header("x-cg-demo-api-key"), kDemoKey);

  TestCall again;
  ASSERT_EQ(host_->resolve_symbol(instance_, again, "ETH", PRICEFEED_CLASS_CRYPTO), PRICEFEED_OK);
  EXPECT_EQ(again.resolved_id, "ethereum");
  EXPECT_TRUE(again.requests.empty()) << "the resolution is cached";

  TestCall other;
  ASSERT_EQ(host_->resolve_symbol(instance_, other, "alph", PRICEFEED_CLASS_CRYPTO), PRICEFEED_OK);
  EXPECT_EQ(other.resolved_id, "alephium");
  EXPECT_TRUE(other.requests.empty()) << "the list is cached";

  // The cache holds the compact index, not the list as CoinGecko sent it.
  const auto cache = host_->cache();
  ASSERT_EQ(cache.count("coingecko:symbol-index"), 1u);
  EXPECT_EQ(cache.at("coingecko:symbol-index").rfind("coingecko-symbols 1\n", 0), 0u);
  EXPECT_THAT(cache.at("coingecko:symbol-index"), Not(HasSubstr("Bitcoin")));
}

TEST_F(CoinGeckoPlugin, ASharedTickerResolvesToTheCoinWithTheLargestMarketCap) {
  host_->answer(kCoinsListUrl, {200, R"([{"id":"batcat","symbol":"btc","name":"batcat"},
                                        {"id":"bitcoin","symbol":"btc","name":"Bitcoin"},
                                        {"id":"bitcoin-on-base","symbol":"btc","name":"Bitcoin on Base"}])"});
  const std::string markets = kBase +
                              "/coins/markets?vs_currency=usd&ids=batcat%2Cbitcoin%2Cbitcoin-on-base"
                              "&order=market_cap_desc&per_page=250&page=1";
  host_->answer(
      markets,
      {200, R"([{"id":"bitcoin","symbol":"btc","name":"Bitcoin","market_cap_rank":1,"market_cap":1.5e12},
                                   {"id":"bitcoin-on-base","symbol":"btc","name":"Bitcoin on Base","market_cap_rank":null,"market_cap":2e5},
                                   {"id":"batcat","symbol":"btc","name":"batcat","market_cap_rank":null,"market_cap":null}])"});
  TestCall call;
  ASSERT_EQ(host_->resolve_symbol(instance_, call, "BTC", PRICEFEED_CLASS_CRYPTO), PRICEFEED_OK)
      << call.last_error();
  EXPECT_EQ(call.resolved_id, "bitcoin");
  ASSERT_EQ(call.requests.size(), 2u);
  EXPECT_EQ(call.requests[1].url, markets);
  TestCall again;
  ASSERT_EQ(host_->resolve_symbol(instance_, again, "BTC", PRICEFEED_CLASS_CRYPTO), PRICEFEED_OK);
  EXPECT_EQ(again.resolved_id, "bitcoin");
  EXPECT_TRUE(again.requests.empty());
}

TEST_F(CoinGeckoPlugin, ASharedTickerWithoutAnyMarketCapIsNotGuessed) {
  host_->answer(
      kCoinsListUrl,
      {200, R"([{"id":"foo-a","symbol":"foo","name":"A"},{"id":"foo-b","symbol":"foo","name":"B"}])"});
  host_->otherwise([](const std::string&) { return CannedAnswer{200, "[]"}; });
  TestCall call;
  EXPECT_EQ(host_->resolve_symbol(instance_, call, "FOO", PRICEFEED_CLASS_CRYPTO), PRICEFEED_NOT_FOUND);
  EXPECT_THAT(call.last_error(), AllOf(HasSubstr("'FOO' is shared by 2 coins"), HasSubstr("foo-a, foo-b")));
}

TEST_F(CoinGeckoPlugin, AnUnknownTickerIsNotFoundNamingIt) {
  host_->answer(kCoinsListUrl, {200, R"([{"id":"bitcoin","symbol":"btc","name":"Bitcoin"}])"});
  TestCall call;
  EXPECT_EQ(host_->resolve_symbol(instance_, call, "NOSUCHCOIN", PRICEFEED_CLASS_CRYPTO),
            PRICEFEED_NOT_FOUND);
  EXPECT_THAT(call.last_error(), HasSubstr("no coin has the ticker 'NOSUCHCOIN'"));
  TestCall history_call;
  EXPECT_EQ(history(history_call, "NOSUCHCOIN", "", utc_midnight(2025, 1, 1), utc_midnight(2025, 2, 1)),
            PRICEFEED_NOT_FOUND);
  EXPECT_TRUE(history_call.requests.empty()) << "the list is cached, and nothing else is asked";
  EXPECT_TRUE(history_call.unavailable.empty());
  TestCall malformed;
  EXPECT_EQ(host_->resolve_symbol(instance_, malformed, "BTC/USD", PRICEFEED_CLASS_CRYPTO),
            PRICEFEED_NOT_FOUND);
  EXPECT_THAT(malformed.last_error(), HasSubstr("'BTC/USD' is not a crypto ticker"));
  TestCall stock;
  EXPECT_EQ(host_->resolve_symbol(instance_, stock, "AAPL", PRICEFEED_CLASS_STOCK), PRICEFEED_UNSUPPORTED);
}

TEST_F(CoinGeckoPlugin, AnUnknownCoinIdIsNotFound) {
  host_->otherwise([](const std::string&) {
    return CannedAnswer{404, read_fixture("coingecko", "error-404-coin-not-found.json")};
  });
  TestCall call;
  EXPECT_EQ(history(call, "ZZZ", "no-such-coin", utc_midnight(2025, 1, 1), utc_midnight(2025, 2, 1)),
            PRICEFEED_NOT_FOUND);
  EXPECT_THAT(call.last_error(),
              AllOf(HasSubstr("no-such-coin"), HasSubstr("coin not found"), HasSubstr("HTTP 404")));
  TestCall bad_id;
  EXPECT_EQ(history(bad_id, "ZZZ", "../etc", utc_midnight(2025, 1, 1), utc_midnight(2025, 2, 1)),
            PRICEFEED_NOT_FOUND);
  EXPECT_TRUE(bad_id.requests.empty());
}

TEST_F(CoinGeckoPlugin, ServerErrorsAndBrokenBodiesAreTransientWithAnExcerpt) {
  struct Case {
    int status;
    std::string body;
    std::string says;
  };
  const std::string full = daily_chart(utc_midnight(2024, 11, 1), utc_midnight(2025, 2, 20), now_);
  for (const Case& c : std::vector<Case>{
           {500, "Internal Server Error", "HTTP 500"},
           {503, R"({"status":{"error_code":503,"error_message":"Service Unavailable"}})", "error 503"},
           {408, "", "HTTP 408"},
           {200, full.substr(0, full.size() / 2), "not JSON"},
           {200, "<html><body>Cloudflare</body></html>", "it starts with '<html><body>Cloudflare"},
           {200, R"({"prices":"none"})", "prices: expected an array"},
       }) {
    SCOPED_TRACE(c.body.substr(0, 40));
    host_->otherwise([&](const std::string&) { return CannedAnswer{c.status, c.body}; });
    TestCall call;
    EXPECT_EQ(history(call, "BTC", "bitcoin", utc_midnight(2025, 1, 1), utc_midnight(2025, 2, 1)),
              PRICEFEED_TRANSIENT);
    EXPECT_THAT(call.last_error(), AllOf(HasSubstr(c.says), HasSubstr("coingecko: GET " + kBase)));
    EXPECT_TRUE(call.bars.empty()) << "a broken body is never read as data";
    ExpectNoKeyIn(call);
  }
}

TEST_F(CoinGeckoPlugin, RefusalsArePermanentWithCoinGeckosExplanation) {
  host_->otherwise([](const std::string&) {
    return CannedAnswer{
        401,
        R"({"status":{"error_code":10005,"error_message":"This request is limited Enterprise plan subscribers."}})"};
  });
  TestCall call;
  EXPECT_EQ(history(call, "BTC", "bitcoin", utc_midnight(2025, 1, 1), utc_midnight(2025, 2, 1)),
            PRICEFEED_PERMANENT);
  EXPECT_THAT(call.last_error(),
              AllOf(HasSubstr("HTTP 401"), HasSubstr("error 10005"), HasSubstr("Enterprise")));
  host_->otherwise([](const std::string&) {
    return CannedAnswer{400, R"({"error":"invalid vs_currency"})"};
  });
  TestCall bad;
  EXPECT_EQ(history(bad, "BTC", "bitcoin", utc_midnight(2025, 1, 1), utc_midnight(2025, 2, 1)),
            PRICEFEED_PERMANENT);
  EXPECT_THAT(bad.last_error(), HasSubstr("invalid vs_currency"));
}

TEST_F(CoinGeckoPlugin, RateLimitFromTheHostIsPassedOnUntouched) {
  host_->rate_limit_everything(60000);
  TestCall call;
  EXPECT_EQ(history(call, "BTC", "bitcoin", utc_midnight(2025, 1, 1), utc_midnight(2025, 2, 1)),
            PRICEFEED_RATE_LIMITED);
  ASSERT_EQ(call.errors.size(), 1u);
  EXPECT_EQ(call.errors[0], "the source is rate limited (test host)");
  EXPECT_EQ(call.retry_after_ms, 60000);
}

TEST_F(CoinGeckoPlugin, ACoinListedLaterHasTheDaysBeforeItsFirstPriceReportedUnavailable) {
  // Asked from 2024-12-01; CoinGecko's prices of the coin begin on 2025-01-10.
  host_->otherwise([&](const std::string&) {
    return CannedAnswer{200, daily_chart(utc_midnight(2025, 1, 10), utc_midnight(2025, 2, 20), now_)};
  });
  TestCall call;
  ASSERT_EQ(history(call, "NEW", "new-coin", utc_midnight(2024, 12, 1), utc_midnight(2025, 2, 20)),
            PRICEFEED_OK);
  ASSERT_EQ(call.unavailable.size(), 1u);
  EXPECT_EQ(call.unavailable[0].start, utc_midnight(2024, 12, 1));
  EXPECT_EQ(call.unavailable[0].end, utc_midnight(2025, 1, 9));
  EXPECT_THAT(call.unavailable[0].reason,
              HasSubstr("before CoinGecko's first price of 'new-coin' (2025-01-10)"));
  EXPECT_EQ(call.bars.front().ts, utc_midnight(2025, 1, 9));

  host_->otherwise([](const std::string&) {
    return CannedAnswer{200, R"({"prices":[],"market_caps":[],"total_volumes":[]})"};
  });
  TestCall none;
  ASSERT_EQ(history(none, "NEW", "new-coin", utc_midnight(2024, 12, 1), utc_midnight(2025, 2, 25)),
            PRICEFEED_OK);
  ASSERT_EQ(none.unavailable.size(), 1u);
  EXPECT_EQ(none.unavailable[0].end, utc_midnight(2025, 2, 20)) << "today and later are not gaps";
}

TEST_F(CoinGeckoPlugin, CancellationAndSinkStopEndTheFetch) {
  TestCall cancelled;
  cancelled.cancel_after_requests = 0;
  EXPECT_EQ(history(cancelled, "BTC", "bitcoin", utc_midnight(2025, 1, 1), utc_midnight(2025, 2, 1)),
            PRICEFEED_TRANSIENT);
  EXPECT_TRUE(cancelled.requests.empty());
  EXPECT_THAT(cancelled.last_error(), HasSubstr("cancelled"));

  host_->otherwise([&](const std::string&) {
    return CannedAnswer{200, daily_chart(utc_midnight(2024, 2, 23), utc_midnight(2025, 2, 20), now_)};
  });
  TestCall stopped;
  stopped.stop_after_bars = 100;
  EXPECT_EQ(history(stopped, "BTC", "bitcoin", utc_midnight(2024, 3, 1), utc_midnight(2025, 2, 1)),
            PRICEFEED_OK);
  EXPECT_LE(stopped.bars.size(), 512u + 100u);
  EXPECT_EQ(stopped.requests.size(), 1u);
}

TEST_F(CoinGeckoPlugin, InvertedRangeIsPermanentAndEmptyRangeAsksNothing) {
  TestCall inverted;
  EXPECT_EQ(history(inverted, "BTC", "bitcoin", utc_midnight(2025, 2, 1), utc_midnight(2025, 1, 1)),
            PRICEFEED_PERMANENT);
  EXPECT_THAT(inverted.last_error(), HasSubstr("before it starts"));
  TestCall empty;
  EXPECT_EQ(history(empty, "BTC", "bitcoin", utc_midnight(2025, 1, 1), utc_midnight(2025, 1, 1)),
            PRICEFEED_OK);
  EXPECT_TRUE(empty.requests.empty());
  TestCall today;
  EXPECT_EQ(history(today, "BTC", "bitcoin", utc_midnight(2025, 2, 20), utc_midnight(2025, 2, 21)),
            PRICEFEED_OK);
  EXPECT_TRUE(today.requests.empty()) << "today's close is not known yet";
}

TEST_F(CoinGeckoPlugin, TheCatalogIsTheTop500ByMarketCapFromTwoPages) {
  host_->answer(markets_url(1), {200, markets_page(1, 250)});
  host_->answer(markets_url(2), {200, markets_page(251, 250)});
  TestCall call;
  ASSERT_EQ(host_->list_assets(instance_, call, PRICEFEED_CLASS_CRYPTO), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.requests.size(), 2u);
  EXPECT_EQ(call.requests[0].url, markets_url(1));
  EXPECT_EQ(call.requests[1].url, markets_url(2));
  ASSERT_EQ(call.assets.size(), 500u);
  EXPECT_EQ(call.asset_texts[0].symbol, "C1");
  EXPECT_EQ(call.asset_texts[0].source_id, "coin-1");
  EXPECT_EQ(call.asset_texts[0].name, "Coin 1");
  EXPECT_EQ(call.asset_texts[0].currency, "USD");
  EXPECT_EQ(call.asset_texts[0].exchange, "");
  EXPECT_EQ(call.assets[0].asset_class, PRICEFEED_CLASS_CRYPTO);
  EXPECT_EQ(call.assets[0].rank, 1);
  EXPECT_EQ(call.asset_texts[499].source_id, "coin-500");
  EXPECT_EQ(call.assets[499].rank, 500);

  TestCall stocks;
  ASSERT_EQ(host_->list_assets(instance_, stocks, PRICEFEED_CLASS_STOCK), PRICEFEED_OK);
  EXPECT_TRUE(stocks.requests.empty());
}

TEST_F(CoinGeckoPlugin, TheCatalogSizeIsConfigurableAndSharedTickersKeepTheLargerCoin) {
  auto* small = create(config(R"("catalog_size":3)"));
  host_->answer(markets_url(1, 3), {200, R"([
      {"id":"bitcoin","symbol":"btc","name":"Bitcoin","market_cap_rank":1},
      {"id":"wrapped-btc-x","symbol":"btc","name":"Wrapped","market_cap_rank":2},
      {"id":"odd","symbol":"usd+","name":"Odd","market_cap_rank":3}])"});
  TestCall call;
  ASSERT_EQ(host_->list_assets(small, call, PRICEFEED_CLASS_CRYPTO), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.requests.size(), 1u);
  ASSERT_EQ(call.assets.size(), 1u);
  EXPECT_EQ(call.asset_texts[0].source_id, "bitcoin");
}

TEST_F(CoinGeckoPlugin, AShortPageEndsTheCatalog) {
  host_->answer(markets_url(1), {200, markets_page(1, 120)});
  TestCall call;
  ASSERT_EQ(host_->list_assets(instance_, call, PRICEFEED_CLASS_CRYPTO), PRICEFEED_OK);
  EXPECT_EQ(call.requests.size(), 1u);
  EXPECT_EQ(call.assets.size(), 120u);
}

TEST_F(CoinGeckoPlugin, QuotesComeInOneBatchAndAMissingCoinGetsNoQuote) {
  const std::string url = kBase +
                          "/simple/price?ids=bitcoin%2Cethereum%2Cdelisted-coin&vs_currencies=usd"
                          "&include_last_updated_at=true&include_24hr_vol=true";
  host_->answer(url, {200, R"({"bitcoin":{"usd":97000.5,"usd_24h_vol":3.1e10,"last_updated_at":1740063000},
                               "ethereum":{"usd":2700.25,"usd_24h_vol":1.2e10}})"});
  TestCall call;
  ASSERT_EQ(host_->fetch_quotes(instance_, call, {"BTC", "ETH", "GONE"},
                                {"bitcoin", "ethereum", "delisted-coin"}, PRICEFEED_CLASS_CRYPTO),
            PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.requests.size(), 1u);
  EXPECT_EQ(call.requests[0].url, url);
  ASSERT_EQ(call.quotes.size(), 2u);
  EXPECT_EQ(call.quote_symbols[0], "BTC");
  EXPECT_DOUBLE_EQ(call.quotes[0].price, 97000.5);
  EXPECT_EQ(call.quote_currencies[0], "USD");
  EXPECT_EQ(call.quotes[0].ts, 1740063000);
  EXPECT_DOUBLE_EQ(call.quotes[0].volume, 3.1e10);
  EXPECT_TRUE(std::isnan(call.quotes[0].open));
  EXPECT_TRUE(std::isnan(call.quotes[0].previous_close));
  EXPECT_EQ(call.quote_symbols[1], "ETH");
  EXPECT_EQ(call.quotes[1].ts, now_) << "no last_updated_at: the time of the answer";
}

TEST_F(CoinGeckoPlugin, QuotesResolveTickersWithoutSourceIdsAndSkipUnknownOnes) {
  host_->answer(kCoinsListUrl, {200, R"([{"id":"bitcoin","symbol":"btc","name":"Bitcoin"}])"});
  const std::string url = kBase +
                          "/simple/price?ids=bitcoin&vs_currencies=usd&include_last_updated_at=true"
                          "&include_24hr_vol=true";
  host_->answer(url, {200, R"({"bitcoin":{"usd":97000.5}})"});
  TestCall call;
  ASSERT_EQ(host_->fetch_quotes(instance_, call, {"BTC", "NOPE", "XBT"}, {"", "", "bitcoin"},
                                PRICEFEED_CLASS_CRYPTO),
            PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.quotes.size(), 2u) << "two symbols of one coin, one request";
  EXPECT_EQ(call.quote_symbols[0], "BTC");
  EXPECT_EQ(call.quote_symbols[1], "XBT");
  EXPECT_EQ(call.requests.back().url, url);

  TestCall none;
  EXPECT_EQ(host_->fetch_quotes(instance_, none, {"NOPE"}, {}, PRICEFEED_CLASS_CRYPTO), PRICEFEED_NOT_FOUND);
  EXPECT_THAT(none.last_error(), HasSubstr("NOPE"));
}

TEST_F(CoinGeckoPlugin, OneInstanceServesSeveralThreadsAtOnce) {
  host_->answer(kCoinsListUrl, {200, R"([{"id":"bitcoin","symbol":"btc","name":"Bitcoin"}])"});
  host_->otherwise([&](const std::string&) {
    return CannedAnswer{200, daily_chart(utc_midnight(2024, 11, 1), utc_midnight(2025, 2, 20), now_)};
  });
  const CallsAtOnce at_once = call_from_threads(4, 20, [&](std::size_t, TestCall& call) {
    return host_->fetch_history(instance_, call, "BTC", "", PRICEFEED_CLASS_CRYPTO, PRICEFEED_RES_1D,
                                utc_midnight(2025, 2, 1), utc_midnight(2025, 2, 15));
  });
  for (std::size_t i = 0; i < at_once.calls.size(); ++i) {
    EXPECT_EQ(at_once.statuses[i], PRICEFEED_OK) << at_once.calls[i].last_error();
    EXPECT_EQ(at_once.calls[i].bars.size(), 14u);
  }
}

}  // namespace
}  // namespace pricefeed::coingecko
