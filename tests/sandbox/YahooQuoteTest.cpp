// The v7 quote endpoint and its cookie + crumb handshake.
#include <gtest/gtest.h>

#include <set>

#include "tests/sandbox/SandboxSuite.hpp"
#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox {
namespace {

using nlohmann::json;
using testing::fixture_json;

class YahooQuoteTest : public testing::SandboxSuite {
 protected:
  static void SetUpTestSuite() { start_sandbox("2025-02-18T15:00:00Z"); }

  // fc.yahoo.com, then getcrumb: the cookie header and the crumb.
  static std::pair<std::string, std::string> Handshake() {
    auto first = sandbox_->get("/");
    std::string set_cookie = first.headers["set-cookie"];
    std::string cookie = set_cookie.substr(0, set_cookie.find(';'));
    auto crumb = sandbox_->get("/v1/test/getcrumb", {{"Cookie", cookie}});
    return {cookie, crumb.body};
  }
  static json Quote(const std::string& symbols) {
    auto [cookie, crumb] = Handshake();
    auto r = sandbox_->get("/v7/finance/quote?symbols=" + symbols + "&crumb=" + crumb, {{"Cookie", cookie}});
    EXPECT_EQ(r.status, 200u) << r.body;
    return json::parse(r.body);
  }
  static std::set<std::string> Keys(const json& object) {
    std::set<std::string> out;
    for (const auto& [k, v] : object.items())
      out.insert(k);
    return out;
  }
};

TEST_F(YahooQuoteTest, CookieThenCrumbThenQuote) {
  auto first = sandbox_->get("/");
  EXPECT_EQ(first.status, 404u);  // like fc.yahoo.com: 404, but the cookie is set
  ASSERT_TRUE(first.headers.count("set-cookie"));
  EXPECT_EQ(first.headers["set-cookie"].rfind("A3=d=", 0), 0u);
  auto [cookie, crumb] = Handshake();
  EXPECT_EQ(crumb.size(), testing::read_fixture("yahoo/getCrumb-getcrumb.txt").size());
  json q = Quote("AAPL,BABA");
  ASSERT_EQ(q["quoteResponse"]["result"].size(), 2u);
  EXPECT_EQ(q["quoteResponse"]["result"][0]["symbol"], "AAPL");
  EXPECT_TRUE(q["quoteResponse"]["error"].is_null());
}

TEST_F(YahooQuoteTest, QuoteWithoutAValidCrumbAnswers401WithTheRecordedBody) {
  auto expected = fixture_json("yahoo/401-invalid-crumb.FROM-LOG.json");
  auto none = sandbox_->get("/v7/finance/quote?symbols=AAPL");
  EXPECT_EQ(none.status, 401u);
  EXPECT_EQ(json::parse(none.body), expected);
  auto [cookie, crumb] = Handshake();
  auto wrong = sandbox_->get("/v7/finance/quote?symbols=AAPL&crumb=haT3oykhHqZ", {{"Cookie", cookie}});
  EXPECT_EQ(wrong.status, 401u);
  auto no_cookie = sandbox_->get("/v7/finance/quote?symbols=AAPL&crumb=" + crumb);
  EXPECT_EQ(no_cookie.status, 401u);
  EXPECT_EQ(sandbox_->get("/v1/test/getcrumb").status, 401u);
}

TEST_F(YahooQuoteTest, QuotesHaveTheRecordedKeysPerInstrumentType) {
  struct Case {
    const char* fixture;
    const char* symbols;
  };
  for (const Case& c : {Case{"quote-AAPL-BABA.json", "AAPL,BABA"}, Case{"quote-BTC-USD.json", "BTC-USD"},
                        Case{"quote-EURUSD=X.json", "EURUSD%3DX"}, Case{"quote-GC=F.json", "GC=F"}}) {
    json recorded = fixture_json(std::string("yahoo/") + c.fixture)["quoteResponse"]["result"];
    json served = Quote(c.symbols)["quoteResponse"]["result"];
    ASSERT_EQ(recorded.size(), served.size()) << c.fixture;
    for (std::size_t i = 0; i < recorded.size(); ++i) {
      EXPECT_EQ(Keys(recorded[i]), Keys(served[i])) << c.fixture;
      auto diff = testing::structure_differences(recorded[i], served[i]);
      EXPECT_TRUE(diff.empty()) << c.fixture << "\n" << testing::join(diff);
    }
  }
}

TEST_F(YahooQuoteTest, QuotePriceIsTheModelsPrice) {
  json q = Quote("MSFT")["quoteResponse"]["result"][0];
  auto& sb = sandbox_->sandbox();
  auto snap = sb.model().snapshot(*sb.instruments().find("MSFT"), sb.now());
  EXPECT_NEAR(q["regularMarketPrice"].get<double>(), snap.price, 1e-6 * snap.price);
  EXPECT_EQ(q["regularMarketPrice"].dump().size() <= 9, true)
      << q["regularMarketPrice"].dump();   // 244.87, not 244.8699951171875
  EXPECT_EQ(q["marketState"], "REGULAR");  // Tuesday 10:00 New York
}

TEST_F(YahooQuoteTest, UnknownSymbolsAreLeftOut) {
  json q = Quote("AAPL,NOSUCH,BRK.B,EURUSD=X");
  ASSERT_EQ(q["quoteResponse"]["result"].size(), 2u);
  EXPECT_EQ(q["quoteResponse"]["result"][1]["symbol"], "EURUSD=X");
}

}  // namespace
}  // namespace pricefeed::sandbox
