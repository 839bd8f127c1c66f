// The yahoo plugin against the real sandbox (pricefeed-sandbox as a child process): the quote
// handshake with the sandbox's stateless cookies and crumbs, a forced 401, and the catalog of the
// sandbox's full-size NASDAQ Trader directory, every listing of which its Yahoo can quote.

#include <memory>
#include <set>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/plugins/support/Fixtures.hpp"
#include "tests/plugins/support/PluginFixture.hpp"
#include "tests/plugins/support/PluginTestHost.hpp"
#include "tests/plugins/support/SandboxUpstream.hpp"
#include "tests/sandbox/SandboxProcess.hpp"

namespace pricefeed::yahoo {
namespace {

using namespace plugins::test;
using nlohmann::json;
using ::testing::HasSubstr;

class YahooAgainstTheSandbox : public PluginFixture {
 protected:
  static void SetUpTestSuite() { sandbox_ = new sandbox::SandboxProcess({"--now", "2025-02-18T15:00:00Z"}); }
  static void TearDownTestSuite() {
    delete sandbox_;
    sandbox_ = nullptr;
  }

  void SetUp() override {
    sandbox_->reset();
    load(YAHOO_PLUGIN_PATH, utc_midnight(2025, 2, 18) + 15 * 3600);
    host_->otherwise_by_request(forward_to(*sandbox_));
    const std::string base = sandbox_->base_url();
    instance_ = create(json{{"base_url", base}, {"symbol_directory_url", base + "/dynamic/SymDir"}}.dump());
    ASSERT_NE(instance_, nullptr);
  }

  static int requests_of(const std::string& route) {
    const json stats = json::parse(sandbox_->stats());
    const auto routes = stats.find("routes");
    if (routes == stats.end() || !routes->contains(route)) return 0;
    return (*routes)[route]["requests"].get<int>();
  }

  static sandbox::SandboxProcess* sandbox_;
};
sandbox::SandboxProcess* YahooAgainstTheSandbox::sandbox_ = nullptr;

TEST_F(YahooAgainstTheSandbox, QuotesAfterOneHandshakeThatLaterCallsReuse) {
  TestCall call;
  ASSERT_EQ(
      host_->fetch_quotes(instance_, call, {"AAPL", "MSFT", "BRK.B", "NOSUCH"}, {}, PRICEFEED_CLASS_STOCK),
      PRICEFEED_OK)
      << call.last_error();
  EXPECT_EQ(call.quote_symbols, (std::vector<std::string>{"AAPL", "MSFT", "BRK.B"}));
  for (std::size_t i = 0; i < call.quotes.size(); ++i) {
    EXPECT_GT(call.quotes[i].price, 0) << call.quote_symbols[i];
    EXPECT_EQ(call.quote_currencies[i], "USD");
    EXPECT_GT(call.quotes[i].ts, utc_midnight(2025, 2, 18));
    EXPECT_FALSE(std::isnan(call.quotes[i].previous_close));
  }
  EXPECT_EQ(requests_of("yahoo.cookie"), 1);
  EXPECT_EQ(requests_of("yahoo.crumb"), 1);
  EXPECT_EQ(requests_of("yahoo.quote"), 1);

  TestCall again;
  ASSERT_EQ(host_->fetch_quotes(instance_, again, {"GC=F"}, {}, PRICEFEED_CLASS_COMMODITY), PRICEFEED_OK)
      << again.last_error();
  EXPECT_EQ(again.quote_symbols, std::vector<std::string>{"GC=F"});
  EXPECT_EQ(requests_of("yahoo.cookie"), 1);
  EXPECT_EQ(requests_of("yahoo.quote"), 2);
}

TEST_F(YahooAgainstTheSandbox, AnInvalidCrumbAnswerRenewsTheSessionOnce) {
  TestCall warm;
  ASSERT_EQ(host_->fetch_quotes(instance_, warm, {"AAPL"}, {}, PRICEFEED_CLASS_STOCK), PRICEFEED_OK);
  sandbox_->add_fault(R"({"route":"yahoo.quote","kind":"401","count":1})");
  TestCall call;
  ASSERT_EQ(host_->fetch_quotes(instance_, call, {"AAPL"}, {}, PRICEFEED_CLASS_STOCK), PRICEFEED_OK)
      << call.last_error();
  EXPECT_EQ(call.quotes.size(), 1u);
  EXPECT_EQ(requests_of("yahoo.cookie"), 2);
  EXPECT_EQ(requests_of("yahoo.crumb"), 2);
  EXPECT_EQ(requests_of("yahoo.quote"), 3);

  sandbox_->add_fault(R"({"route":"yahoo.quote","kind":"401","count":2})");
  TestCall refused;
  EXPECT_EQ(host_->fetch_quotes(instance_, refused, {"AAPL"}, {}, PRICEFEED_CLASS_STOCK),
            PRICEFEED_PERMANENT);
  EXPECT_THAT(refused.last_error(), HasSubstr("answered HTTP 401 again"));
}

TEST_F(YahooAgainstTheSandbox, TheCatalogListsTheWholeDirectoryAndYahooQuotesItsListings) {
  TestCall call;
  ASSERT_EQ(host_->list_assets(instance_, call, PRICEFEED_CLASS_STOCK | PRICEFEED_CLASS_BOND), PRICEFEED_OK)
      << call.last_error();
  // 4,973 + 6,606 rows, less the test issues.
  EXPECT_GE(call.assets.size(), 11000u);
  EXPECT_LT(call.assets.size(), 11579u);
  std::set<std::string> symbols;
  std::set<std::string> exchanges;
  for (const auto& text : call.asset_texts) {
    EXPECT_TRUE(symbols.insert(text.symbol).second) << "listed twice: " << text.symbol;
    EXPECT_EQ(text.source_id, text.symbol);
    EXPECT_EQ(text.currency, "USD");
    exchanges.insert(text.exchange);
  }
  for (const char* symbol :
       {"AAPL", "MSFT", "BRK-B", "BRK-A", "ABR-PD", "AACT-UN", "AACT-WT", "SPY", "QQQ"}) {
    EXPECT_EQ(symbols.count(symbol), 1u) << symbol;
  }
  EXPECT_EQ(symbols.count("ZVZZT"), 0u);
  EXPECT_EQ(exchanges,
            (std::set<std::string>{"NASDAQ", "NYSE", "NYSE American", "NYSE Arca", "Cboe BZX", "IEX"}));
  EXPECT_TRUE(call.errors.empty());

  // Every spelling the catalog produces is one the sandbox's Yahoo knows: 50 of the odd ones, one request.
  std::vector<std::string> odd;
  for (const std::string& symbol : symbols) {
    if (symbol.find('-') != std::string::npos && odd.size() < 50) odd.push_back(symbol);
  }
  ASSERT_EQ(odd.size(), 50u);
  TestCall quotes;
  ASSERT_EQ(host_->fetch_quotes(instance_, quotes, odd, odd, PRICEFEED_CLASS_STOCK), PRICEFEED_OK)
      << quotes.last_error();
  EXPECT_EQ(quotes.quote_symbols, odd);
  EXPECT_EQ(requests_of("yahoo.quote"), 1);
}

TEST_F(YahooAgainstTheSandbox, ABrokenDirectoryDownloadListsNothing) {
  sandbox_->add_fault(R"({"route":"nasdaqtrader.otherlisted","kind":"malformed","count":1})");
  TestCall call;
  EXPECT_EQ(host_->list_assets(instance_, call, PRICEFEED_CLASS_STOCK), PRICEFEED_TRANSIENT);
  EXPECT_TRUE(call.assets.empty());
  EXPECT_THAT(call.last_error(), HasSubstr("otherlisted.txt is an HTML page"));
}

}  // namespace
}  // namespace pricefeed::yahoo
