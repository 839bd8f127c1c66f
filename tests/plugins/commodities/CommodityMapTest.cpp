// The commodity map directly: canonical names, the defaults, overrides, and the ticker rule.

#include "commodities/CommodityMap.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <pricefeed/config.hpp>
#include <pricefeed/error.hpp>

namespace pricefeed::commodities {
namespace {

using ::testing::HasSubstr;

Status status_of_ticker_for(const CommodityMap& map, std::string_view symbol) {
  try {
    map.ticker_for(symbol, "");
  } catch (const Error& e) {
    return e.status();
  }
  return Status::ok;
}

TEST(CommodityMap, CanonicalNames) {
  for (const char* name : {"GOLD", "OIL_WTI", "NATURAL_GAS", "A", "GOLD2", "LME_ALUMINIUM_3M"}) {
    EXPECT_TRUE(is_canonical_commodity_name(name)) << name;
  }
  for (const char* name : {"", "gold", "_GOLD", "GOLD_", "OIL__WTI", "2GOLD", "GC=F", "OIL WTI", "OIL-WTI",
                           "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFG"}) {
    EXPECT_FALSE(is_canonical_commodity_name(name)) << name;
  }
}

TEST(CommodityMap, DefaultsAreTheTwentyFrontMonthFutures) {
  const CommodityMap map;
  ASSERT_EQ(map.contracts().size(), 20u);
  EXPECT_EQ(map.contracts().front().name, "GOLD");
  EXPECT_EQ(map.find("NATURAL_GAS")->ticker, "NG=F");
  EXPECT_EQ(map.find("SUGAR")->catalog_name(), "Sugar No. 11 (ICE US front month)");
  EXPECT_EQ(map.find("WTI"), nullptr);  // the yahoo plugin's alias, not a catalog name
}

TEST(CommodityMap, TickerForPrefersTheSourceIdThenTheMapThenAFuturesTicker) {
  const CommodityMap map;
  EXPECT_EQ(map.ticker_for("GOLD", "GCM25.CMX"), "GCM25.CMX");
  EXPECT_EQ(map.ticker_for("GOLD", ""), "GC=F");
  EXPECT_EQ(map.ticker_for("GC=F", ""), "GC=F");
  EXPECT_EQ(map.ticker_for("ZR=F", ""), "ZR=F");
  EXPECT_EQ(status_of_ticker_for(map, "UNOBTAINIUM"), Status::not_found);
  EXPECT_EQ(status_of_ticker_for(map, "GCM25.CMX"), Status::not_found);  // a contract needs a source id
}

TEST(CommodityMap, AnEmptyTableKeepsTheDefaults) {
  const CommodityMap map = CommodityMap::from(Config());
  EXPECT_EQ(map.contracts().size(), 20u);
}

TEST(CommodityMap, OverridesKeepTheDefaultOrderAndAddedNamesFollow) {
  const CommodityMap map = CommodityMap::from(
      Config::parse(R"({"ZINC":{"ticker":"ZNC=F","name":"Zinc","exchange":"LME","currency":"USD"},)"
                    R"("COPPER":{"ticker":"HG=F","name":"Copper grade 1"},"ALUMINIUM":"ALI=F","COCOA":""})"));
  ASSERT_EQ(map.contracts().size(), 21u);
  EXPECT_EQ(map.contracts()[2].name, "COPPER");
  EXPECT_EQ(map.contracts()[2].title, "Copper grade 1");
  EXPECT_EQ(map.contracts()[2].exchange, "COMEX");  // kept from the default
  EXPECT_EQ(map.find("COCOA"), nullptr);
  EXPECT_EQ(map.contracts()[19].name, "ALUMINIUM");
  EXPECT_EQ(map.contracts()[19].title, "Aluminium");
  EXPECT_EQ(map.contracts()[19].currency, "USD");
  EXPECT_EQ(map.contracts()[20].name, "ZINC");
  EXPECT_EQ(map.contracts()[20].catalog_name(), "Zinc (LME front month)");
}

TEST(CommodityMap, AContractThatIsNoContinuousFutureIsNamedAsIs) {
  const CommodityMap map = CommodityMap::from(Config::parse(R"({"GOLD":"GCJ25.CMX"})"));
  EXPECT_EQ(map.find("GOLD")->catalog_name(), "Gold (COMEX GCJ25.CMX)");
}

TEST(CommodityMap, BadEntriesAreInvalidConfigNamingTheEntry) {
  for (const auto& [json, message] : std::vector<std::pair<std::string, std::string>>{
           {R"({"Gold":"GC=F"})", "symbols.Gold: is not a canonical commodity name"},
           {R"({"GOLD":"GC F"})", "symbols.GOLD: 'GC F' is not a Yahoo ticker"},
           {R"({"GOLD":["GC=F"]})", "symbols.GOLD: expected a ticker (a string) or a table"},
           {R"({"GOLD":{"ticker":"GC=F","name":""}})", "symbols.GOLD.name: must not be empty"},
           {R"({"GOLD":{"ticker":7}})", "symbols.GOLD.ticker: expected a string"},
       }) {
    SCOPED_TRACE(json);
    try {
      CommodityMap::from(Config::parse(json));
      ADD_FAILURE() << "expected invalid_config";
    } catch (const Error& e) {
      EXPECT_EQ(e.status(), Status::invalid_config);
      EXPECT_THAT(e.what(), HasSubstr(message));
    }
  }
}

}  // namespace
}  // namespace pricefeed::commodities
