// The yahoo plugin's catalog through its real C ABI: NASDAQ Trader's two directory files (the recorded
// ones) become assets in Yahoo's spelling; bond ETFs are class bond; a broken or changed file lists
// nothing rather than half a catalog.

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/plugins/support/Fixtures.hpp"
#include "tests/plugins/support/PluginFixture.hpp"
#include "tests/plugins/support/PluginTestHost.hpp"

namespace pricefeed::yahoo {
namespace {

using namespace plugins::test;
using ::testing::HasSubstr;

const std::string kDirectory = "http://nasdaqtrader.test/dynamic/SymDir";
const std::string kNasdaqUrl = kDirectory + "/nasdaqlisted.txt";
const std::string kOtherUrl = kDirectory + "/otherlisted.txt";
const std::string kConfig =
    R"({"base_url":"http://yahoo.test","symbol_directory_url":"http://nasdaqtrader.test/dynamic/SymDir"})";
const std::string kOtherHeader =
    "ACT Symbol|Security Name|Exchange|CQS Symbol|ETF|Round Lot Size|Test Issue|NASDAQ Symbol\n";
const std::string kOtherFooter = "File Creation Time: 0721202521:31||||||\n";

class YahooCatalog : public PluginFixture {
 protected:
  void SetUp() override {
    load(YAHOO_PLUGIN_PATH);
    host_->answer(kNasdaqUrl, {200, read_fixture("nasdaqtrader", "nasdaqlisted.TRIMMED.txt")});
    host_->answer(kOtherUrl, {200, read_fixture("nasdaqtrader", "otherlisted.TRIMMED.txt")});
    instance_ = create(kConfig);
    ASSERT_NE(instance_, nullptr);
  }

  pricefeed_status list(TestCall& call, std::uint32_t classes = PRICEFEED_CLASS_STOCK | PRICEFEED_CLASS_BOND,
                        pricefeed_instance_plugin_owned* instance = nullptr) {
    const pricefeed_status status =
        host_->list_assets(instance != nullptr ? instance : instance_, call, classes);
    EXPECT_EQ(call.responses_released, call.responses.size()) << "every HTTP answer must be released";
    return status;
  }
};

TEST_F(YahooCatalog, BothDirectoryFilesBecomeAssetsInYahoosSpelling) {
  TestCall call;
  ASSERT_EQ(list(call), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.requests.size(), 2u);
  EXPECT_EQ(call.requests[0].url, kNasdaqUrl);
  EXPECT_EQ(call.requests[1].url, kOtherUrl);

  // 15 NASDAQ listings and 16 others; 13 test issues and both footers left out.
  ASSERT_EQ(call.assets.size(), 31u);
  for (std::size_t i = 0; i < call.assets.size(); ++i) {
    const auto& text = call.asset_texts[i];
    SCOPED_TRACE(text.symbol);
    EXPECT_EQ(call.assets[i].struct_size, sizeof(pricefeed_asset));
    EXPECT_EQ(call.assets[i].asset_class, PRICEFEED_CLASS_STOCK);
    EXPECT_EQ(text.source_id, text.symbol);
    EXPECT_EQ(text.currency, "USD");
    EXPECT_EQ(call.assets[i].rank, 0);
    EXPECT_FALSE(text.name.empty());
    EXPECT_THAT(text.symbol, Not(HasSubstr("TEST")));
    EXPECT_THAT(text.symbol, Not(HasSubstr("ZZT")));
  }
  for (const char* gone : {"BRK.B", "ABR$D", "AACT.U", "CBO", "ZVZZT", "File Creation Time: 0721202521:31"}) {
    EXPECT_EQ(index_of(call, gone), -1) << gone;
  }

  struct Expected {
    std::string symbol, name, exchange;
  };
  for (const Expected& e : std::vector<Expected>{
           {"AAPL", "Apple Inc. - Common Stock", "NASDAQ"},
           {"QQQ", "Invesco QQQ Trust, Series 1", "NASDAQ"},
           {"BRK-B", "Berkshire Hathaway Inc. New Common Stock", "NYSE"},
           {"BRK-A", "Berkshire Hathaway Inc. Common Stock", "NYSE"},
           {"ABR-PD",
            "Arbor Realty Trust 6.375% Series D Cumulative Redeemable Preferred Stock, Liquidation "
            "Preference "
            "$25.00 per Share",
            "NYSE"},
           {"AACT-UN", "", "NYSE"},
           {"AACT-WT", "", "NYSE"},
           {"SPY", "SPDR S&P 500", "NYSE Arca"},
           {"AAAA", "EA Series Trust Amplius Aggressive Asset Allocation ETF", "Cboe BZX"},
       }) {
    SCOPED_TRACE(e.symbol);
    const int i = index_of(call, e.symbol);
    ASSERT_GE(i, 0);
    if (!e.name.empty()) {
      EXPECT_EQ(call.asset_texts[i].name, e.name);
    }
    EXPECT_EQ(call.asset_texts[i].exchange, e.exchange);
  }
  EXPECT_THAT(call.logs, testing::Contains(AllOf(HasSubstr("31 stocks and ETFs, 0 bond ETFs"),
                                                 HasSubstr("13 test issues"))));
}

TEST_F(YahooCatalog, ConfiguredBondEtfsAreClassBond) {
  pricefeed_instance_plugin_owned* instance = create(
      R"({"base_url":"http://yahoo.test","symbol_directory_url":"http://nasdaqtrader.test/dynamic/SymDir",)"
      R"("bond_etfs":["AAA","QQQ"]})");
  TestCall call;
  ASSERT_EQ(list(call, PRICEFEED_CLASS_STOCK | PRICEFEED_CLASS_BOND, instance), PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.assets.size(), 31u);
  EXPECT_EQ(call.assets[index_of(call, "AAA")].asset_class, PRICEFEED_CLASS_BOND);
  EXPECT_EQ(call.assets[index_of(call, "QQQ")].asset_class, PRICEFEED_CLASS_BOND);
  EXPECT_EQ(call.assets[index_of(call, "SPY")].asset_class, PRICEFEED_CLASS_STOCK);
  EXPECT_EQ(call.asset_texts[index_of(call, "AAA")].currency, "USD");
}

TEST_F(YahooCatalog, TheDefaultBondEtfsAreTheBigBondFunds) {
  host_->answer(kOtherUrl, {200, kOtherHeader +
                                     "AGG|iShares Core U.S. Aggregate Bond ETF|P|AGG|Y|100|N|AGG\n"
                                     "SPY|SPDR S&P 500|P|SPY|Y|100|N|SPY\n"
                                     "TLT|iShares 20+ Year Treasury Bond ETF|Q|TLT|Y|100|N|TLT\n"
                                     "HYG|iShares iBoxx $ High Yield Corporate Bond ETF|P|HYG|Y|100|N|HYG\n" +
                                     kOtherFooter});
  TestCall call;
  ASSERT_EQ(list(call), PRICEFEED_OK) << call.last_error();
  for (const char* bond : {"AGG", "TLT", "HYG"}) {
    ASSERT_GE(index_of(call, bond), 0) << bond;
    EXPECT_EQ(call.assets[index_of(call, bond)].asset_class, PRICEFEED_CLASS_BOND) << bond;
  }
  EXPECT_EQ(call.assets[index_of(call, "SPY")].asset_class, PRICEFEED_CLASS_STOCK);

  TestCall bonds_only;
  ASSERT_EQ(list(bonds_only, PRICEFEED_CLASS_BOND), PRICEFEED_OK);
  ASSERT_EQ(bonds_only.assets.size(), 3u);
  for (const pricefeed_asset& asset : bonds_only.assets)
    EXPECT_EQ(asset.asset_class, PRICEFEED_CLASS_BOND);

  TestCall stocks_only;
  ASSERT_EQ(list(stocks_only, PRICEFEED_CLASS_STOCK), PRICEFEED_OK);
  EXPECT_EQ(stocks_only.assets.size(), 15u + 1u);
  EXPECT_EQ(index_of(stocks_only, "TLT"), -1);
}

TEST_F(YahooCatalog, ClassesThisCatalogDoesNotHaveCostNoDownload) {
  TestCall call;
  ASSERT_EQ(list(call, PRICEFEED_CLASS_COMMODITY | PRICEFEED_CLASS_CRYPTO | PRICEFEED_CLASS_FOREX),
            PRICEFEED_OK);
  EXPECT_TRUE(call.requests.empty());
  EXPECT_TRUE(call.assets.empty());
}

TEST_F(YahooCatalog, AChangedHeaderIsAClearPermanentErrorAndListsNothing) {
  host_->answer(kNasdaqUrl, {200,
                             "Symbol|Name|Market Category|Test Issue|Financial Status|Round Lot Size|ETF\n"
                             "AAPL|Apple Inc.|Q|N|N|100|N\nFile Creation Time: 0721202521:31||||||\n"});
  TestCall call;
  EXPECT_EQ(list(call), PRICEFEED_PERMANENT);
  EXPECT_TRUE(call.assets.empty());
  EXPECT_THAT(call.last_error(), HasSubstr("yahoo: GET " + kNasdaqUrl));
  EXPECT_THAT(call.last_error(),
              HasSubstr("nasdaqlisted.txt: the header has changed: no column 'Security Name'"));
}

TEST_F(YahooCatalog, ASecondFileThatFailsLeavesNothingListed) {
  for (const CannedAnswer& answer : std::vector<CannedAnswer>{
           {503, "<html>Service Unavailable</html>"},
           {200, "<!DOCTYPE html>\n<html><body>Service Unavailable</body></html>"},
           {200, kOtherHeader +
                     "IBM|International Business Machines Corporation Common Stock|N|IBM|N|100|N|IBM\n"},
       }) {
    SCOPED_TRACE(answer.body);
    host_->answer(kOtherUrl, answer);
    TestCall call;
    EXPECT_EQ(list(call), PRICEFEED_TRANSIENT);
    EXPECT_EQ(call.requests.size(), 2u);
    EXPECT_TRUE(call.assets.empty()) << "nasdaqlisted.txt alone is half a catalog";
    EXPECT_THAT(call.last_error(), HasSubstr(kOtherUrl));
  }
}

TEST_F(YahooCatalog, AMovedDirectoryIsPermanentAndPointsAtTheKey) {
  host_->answer(kNasdaqUrl, {404, "<html>404 - File or directory not found.</html>"});
  TestCall call;
  EXPECT_EQ(list(call), PRICEFEED_PERMANENT);
  EXPECT_THAT(call.last_error(), HasSubstr("answered HTTP 404 (check symbol_directory_url)"));
  EXPECT_EQ(call.requests.size(), 1u);
}

TEST_F(YahooCatalog, TheDirectoryDefaultsToNasdaqTrader) {
  pricefeed_instance_plugin_owned* instance = create(R"({"base_url":"http://yahoo.test"})");
  TestCall call;
  EXPECT_EQ(list(call, PRICEFEED_CLASS_STOCK, instance), PRICEFEED_TRANSIENT);  // 599: no answer canned
  ASSERT_EQ(call.requests.size(), 1u);
  EXPECT_EQ(call.requests[0].url, "https://www.nasdaqtrader.com/dynamic/SymDir/nasdaqlisted.txt");
}

TEST_F(YahooCatalog, CatalogKeysAreCheckedAtCreate) {
  struct Case {
    std::string config;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {R"({"base_url":"http://yahoo.test","symbol_directory_url":"ftp://nasdaqtrader.com"})",
            "symbol_directory_url: expected an http:// or https:// URL"},
           {R"({"base_url":"http://yahoo.test","bond_etfs":"TLT"})", "bond_etfs: expected an array"},
           {R"({"base_url":"http://yahoo.test","bond_etfs":["TLT",3]})",
            "bond_etfs: expected an array of strings"},
           {R"({"base_url":"http://yahoo.test","bond_etfs":["tlt"]})",
            "bond_etfs: 'tlt' is not a US listing"},
           {R"({"base_url":"http://yahoo.test","bond_etfs":["TLT","A B"]})", "bond_etfs: 'A B'"},
       }) {
    expect_refused(c.config, c.message);
  }
}

}  // namespace
}  // namespace pricefeed::yahoo
