// The commodities plugin through its real C ABI: canonical names become front-month futures on
// Yahoo's chart and quote APIs, futures bars land on their trading dates, and the catalog is the
// configured commodity map. The test host answers from Yahoo's recorded bodies.

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/plugins/support/Fixtures.hpp"
#include "tests/plugins/support/PluginFixture.hpp"
#include "tests/plugins/support/PluginTestHost.hpp"

namespace pricefeed::commodities {
namespace {

using namespace plugins::test;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr std::int64_t kDay = 86400;
const std::string kBase = "http://yahoo.test";
const std::string kConfig = R"({"plugin":"commodities","base_url":"http://yahoo.test"})";
const std::string kGoldChart = "chart-GC=F-2020-01-01-to-2020-01-03.json";

std::string chart_url(const std::string& ticker_segment, std::int64_t period1, std::int64_t period2,
                      const std::string& interval = "1d") {
  return kBase + "/v8/finance/chart/" + ticker_segment + "?period1=" + std::to_string(period1) +
         "&period2=" + std::to_string(period2) + "&interval=" + interval +
         "&includePrePost=false&events=div%7Csplit";
}

// The recorded gold answer with its one bar re-stamped at `ts`.
std::string gold_bar_stamped_at(std::int64_t ts) {
  json body = json::parse(read_yahoo_fixture(kGoldChart));
  body["chart"]["result"][0]["timestamp"] = {ts};
  return body.dump();
}

class CommoditiesPlugin : public PluginFixture {
 protected:
  void SetUp() override {
    load(COMMODITIES_PLUGIN_PATH, utc_midnight(2025, 2, 20) + 12 * 3600);
    instance_ = create(kConfig);
    ASSERT_NE(instance_, nullptr);
  }

  pricefeed_status history(TestCall& call, const std::string& symbol, std::int64_t start, std::int64_t end,
                           std::uint32_t resolution = PRICEFEED_RES_1D, const std::string& source_id = "",
                           pricefeed_instance_plugin_owned* instance = nullptr) {
    const pricefeed_status status =
        host_->fetch_history(instance != nullptr ? instance : instance_, call, symbol, source_id,
                             PRICEFEED_CLASS_COMMODITY, resolution, start, end);
    EXPECT_EQ(call.responses_released, call.responses.size()) << "every HTTP answer must be released";
    return status;
  }

  pricefeed_status catalog(TestCall& call, pricefeed_instance_plugin_owned* instance = nullptr,
                           std::uint32_t classes = PRICEFEED_CLASS_COMMODITY) {
    return host_->list_assets(instance != nullptr ? instance : instance_, call, classes);
  }
};

TEST_F(CommoditiesPlugin, DescriptorDeclaresCommoditiesWithHistoryQuotesAndCatalog) {
  expect_descriptor({.name = "commodities",
                     .asset_classes = PRICEFEED_CLASS_COMMODITY,
                     .capabilities = PRICEFEED_CAP_HISTORY | PRICEFEED_CAP_QUOTES | PRICEFEED_CAP_CATALOG,
                     .resolutions = PRICEFEED_RES_1D | PRICEFEED_RES_1H | PRICEFEED_RES_1M,
                     .max_quote_batch = 50});
}

TEST_F(CommoditiesPlugin, CreateRefusesABadConfigurationNamingTheKey) {
  struct Case {
    std::string config;
    std::string message;
  };
  for (const Case& c : std::vector<Case>{
           {R"({"plugin":"commodities"})", "base_url: is required"},
           {R"({"base_url":"yahoo.test"})", "base_url: expected an http:// or https:// URL"},
           {R"({"base_url":"http://yahoo.test","symbols":"GOLD=GC=F"})", "symbols: expected an object"},
           {R"({"base_url":"http://yahoo.test","symbols":{"gold":"GC=F"}})",
            "symbols.gold: is not a canonical commodity name"},
           {R"({"base_url":"http://yahoo.test","symbols":{"OIL__WTI":"CL=F"}})", "symbols.OIL__WTI"},
           {R"({"base_url":"http://yahoo.test","symbols":{"GOLD":"gc=f"}})",
            "symbols.GOLD: 'gc=f' is not a Yahoo ticker"},
           {R"({"base_url":"http://yahoo.test","symbols":{"GOLD":12}})",
            "symbols.GOLD: expected a ticker (a string) or a table"},
           {R"({"base_url":"http://yahoo.test","symbols":{"LUMBER":{"name":"Lumber"}}})",
            "symbols.LUMBER.ticker: is required"},
           {R"({"base_url":"http://yahoo.test","symbols":{"LUMBER":{"ticker":"LBS=F","currency":"US"}}})",
            "symbols.LUMBER.currency: expected a three-letter code"},
       }) {
    expect_refused(c.config, c.message);
  }
}

TEST_F(CommoditiesPlugin, GoldsDailyBarLandsOnItsTradingDate) {
  // Yahoo stamps the 2020-01-02 gold bar at 05:00 UTC: 00:00 in New York, the exchange's clock.
  const std::int64_t start = utc_midnight(2020, 1, 1);
  const std::int64_t end = utc_midnight(2020, 1, 3);
  const std::string url = chart_url("GC%3DF", start - kDay, end + kDay);
  host_->answer(url, {200, read_yahoo_fixture(kGoldChart)});

  TestCall call;
  ASSERT_EQ(history(call, "GOLD", start, end), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.requests.size(), 1u);
  EXPECT_EQ(call.requests[0].url, url);
  EXPECT_THAT(call.requests[0].header("User-Agent").value_or(""), StartsWith("Mozilla/5.0"));
  ASSERT_EQ(call.bars.size(), 1u);
  EXPECT_EQ(call.bars[0].ts, utc_midnight(2020, 1, 2));
  EXPECT_DOUBLE_EQ(call.bars[0].open, 1518.0999755859375);
  EXPECT_DOUBLE_EQ(call.bars[0].high, 1528.699951171875);
  EXPECT_DOUBLE_EQ(call.bars[0].low, 1518);
  EXPECT_DOUBLE_EQ(call.bars[0].close, 1524.5);
  EXPECT_DOUBLE_EQ(call.bars[0].adj_close, 1524.5);
  EXPECT_DOUBLE_EQ(call.bars[0].volume, 214);
  EXPECT_TRUE(call.errors.empty());
}

TEST_F(CommoditiesPlugin, ASummerFuturesBarKeepsItsDateThoughTheAnswersOffsetIsWinters) {
  // 2020-07-01 00:00 New York is 04:00 UTC (daylight saving). The recorded meta says gmtoffset
  // -18000 (winter, the moment of the fetch): read with that offset the bar would fall on June 30.
  const std::int64_t start = utc_midnight(2020, 7, 1);
  const std::int64_t end = utc_midnight(2020, 7, 2);
  host_->answer(chart_url("GC%3DF", start - kDay, end + kDay), {200, gold_bar_stamped_at(start + 4 * 3600)});
  TestCall call;
  ASSERT_EQ(history(call, "GOLD", start, end), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.bars.size(), 1u);
  EXPECT_EQ(call.bars[0].ts, utc_midnight(2020, 7, 1));
}

TEST_F(CommoditiesPlugin, HourlyBarsKeepTheirInstants) {
  const std::int64_t start = utc_midnight(2025, 2, 18);
  const std::int64_t end = start + kDay;
  json body = json::parse(read_yahoo_fixture(kGoldChart));
  body["chart"]["result"][0]["timestamp"] = {start + 5 * 3600};
  body["chart"]["result"][0]["indicators"].erase("adjclose");
  host_->answer(chart_url("GC%3DF", start, end, "1h"), {200, body.dump()});
  TestCall call;
  ASSERT_EQ(history(call, "GOLD", start, end, PRICEFEED_RES_1H), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.bars.size(), 1u);
  EXPECT_EQ(call.bars[0].ts, start + 5 * 3600);
}

TEST_F(CommoditiesPlugin, EveryDefaultNameAsksForItsFrontMonthFuture) {
  host_->otherwise([](const std::string&) { return CannedAnswer{200, read_yahoo_fixture(kGoldChart)}; });
  struct Case {
    std::string symbol, segment;
  };
  for (const Case& c : std::vector<Case>{
           {"GOLD", "GC%3DF"},
           {"SILVER", "SI%3DF"},
           {"PLATINUM", "PL%3DF"},
           {"PALLADIUM", "PA%3DF"},
           {"COPPER", "HG%3DF"},
           {"OIL_WTI", "CL%3DF"},
           {"OIL_BRENT", "BZ%3DF"},
           {"NATURAL_GAS", "NG%3DF"},
           {"HEATING_OIL", "HO%3DF"},
           {"GASOLINE", "RB%3DF"},
           {"CORN", "ZC%3DF"},
           {"WHEAT", "ZW%3DF"},
           {"SOYBEANS", "ZS%3DF"},
           {"COFFEE", "KC%3DF"},
           {"SUGAR", "SB%3DF"},
           {"COCOA", "CC%3DF"},
           {"COTTON", "CT%3DF"},
           {"LIVE_CATTLE", "LE%3DF"},
           {"LEAN_HOGS", "HE%3DF"},
           {"OATS", "ZO%3DF"},
           // Not in the map, but already a Yahoo futures ticker: taken as it is.
           {"GC=F", "GC%3DF"},
           {"ZR=F", "ZR%3DF"},
       }) {
    SCOPED_TRACE(c.symbol);
    TestCall call;
    ASSERT_EQ(history(call, c.symbol, utc_midnight(2020, 1, 1), utc_midnight(2020, 1, 3)), PRICEFEED_OK)
        << call.last_error();
    ASSERT_EQ(call.requests.size(), 1u);
    EXPECT_THAT(call.requests[0].url, StartsWith(kBase + "/v8/finance/chart/" + c.segment + "?period1="));
  }
}

TEST_F(CommoditiesPlugin, ANameWithoutAContractIsNotFoundBeforeAnyRequest) {
  for (const char* symbol : {"UNOBTAINIUM", "GC=X", "gold", "AAPL", "EURUSD=X"}) {
    SCOPED_TRACE(symbol);
    TestCall call;
    EXPECT_EQ(history(call, symbol, utc_midnight(2020, 1, 1), utc_midnight(2020, 2, 1)), PRICEFEED_NOT_FOUND);
    EXPECT_TRUE(call.requests.empty());
    EXPECT_THAT(call.last_error(), HasSubstr("commodities: no contract for '" + std::string(symbol) + "'"));
  }
}

TEST_F(CommoditiesPlugin, TheCatalogsSourceIdWins) {
  host_->otherwise([](const std::string&) { return CannedAnswer{200, read_yahoo_fixture(kGoldChart)}; });
  TestCall call;
  ASSERT_EQ(history(call, "GOLD", utc_midnight(2020, 1, 1), utc_midnight(2020, 1, 3), PRICEFEED_RES_1D,
                    "GCJ25.CMX"),
            PRICEFEED_OK);
  EXPECT_THAT(call.requests[0].url, StartsWith(kBase + "/v8/finance/chart/GCJ25.CMX?"));
}

TEST_F(CommoditiesPlugin, ConfiguredSymbolsOverrideAndExtendTheDefaults) {
  pricefeed_instance_plugin_owned* instance =
      create(R"({"base_url":"http://yahoo.test","symbols":{"GOLD":"MGC=F","OATS":"",)"
             R"("LUMBER":{"ticker":"LBS=F","name":"Lumber","exchange":"CME"},"RICE":"ZR=F"}})");
  host_->otherwise([](const std::string&) { return CannedAnswer{200, read_yahoo_fixture(kGoldChart)}; });
  for (const auto& [symbol, segment] : std::vector<std::pair<std::string, std::string>>{
           {"GOLD", "MGC%3DF"}, {"LUMBER", "LBS%3DF"}, {"RICE", "ZR%3DF"}, {"SILVER", "SI%3DF"}}) {
    SCOPED_TRACE(symbol);
    TestCall call;
    ASSERT_EQ(history(call, symbol, utc_midnight(2020, 1, 1), utc_midnight(2020, 1, 3), PRICEFEED_RES_1D, "",
                      instance),
              PRICEFEED_OK)
        << call.last_error();
    EXPECT_THAT(call.requests[0].url, StartsWith(kBase + "/v8/finance/chart/" + segment + "?"));
  }
  TestCall removed;
  EXPECT_EQ(history(removed, "OATS", utc_midnight(2020, 1, 1), utc_midnight(2020, 1, 3), PRICEFEED_RES_1D, "",
                    instance),
            PRICEFEED_NOT_FOUND);

  TestCall listed;
  ASSERT_EQ(catalog(listed, instance), PRICEFEED_OK);
  ASSERT_EQ(listed.assets.size(), 21u);  // 20 defaults - OATS + LUMBER + RICE
  EXPECT_EQ(index_of(listed, "OATS"), -1);
  const auto& gold = listed.asset_texts[index_of(listed, "GOLD")];
  EXPECT_EQ(gold.source_id, "MGC=F");
  EXPECT_EQ(gold.name, "Gold (COMEX front month)");
  const auto& lumber = listed.asset_texts[index_of(listed, "LUMBER")];
  EXPECT_EQ(lumber.name, "Lumber (CME front month)");
  EXPECT_EQ(lumber.currency, "USD");
  const auto& rice = listed.asset_texts[index_of(listed, "RICE")];
  EXPECT_EQ(rice.name, "Rice (Yahoo ZR=F)");
  EXPECT_EQ(rice.exchange, "");
  // Added names follow the defaults, alphabetically.
  EXPECT_EQ(listed.asset_texts[19].symbol, "LUMBER");
  EXPECT_EQ(listed.asset_texts[20].symbol, "RICE");
}

TEST_F(CommoditiesPlugin, TheCatalogIsTheCommodityMap) {
  TestCall call;
  ASSERT_EQ(catalog(call), PRICEFEED_OK) << call.last_error();
  EXPECT_TRUE(call.requests.empty());  // the map is configuration: nothing to download
  ASSERT_EQ(call.assets.size(), 20u);
  for (std::size_t i = 0; i < call.assets.size(); ++i) {
    SCOPED_TRACE(call.asset_texts[i].symbol);
    EXPECT_EQ(call.assets[i].asset_class, PRICEFEED_CLASS_COMMODITY);
    EXPECT_EQ(call.assets[i].struct_size, sizeof(pricefeed_asset));
    EXPECT_THAT(call.asset_texts[i].source_id, testing::EndsWith("=F"));
    EXPECT_THAT(call.asset_texts[i].name, testing::EndsWith(" front month)"));
  }
  struct Expected {
    std::string symbol, source_id, name, exchange, currency;
  };
  for (const Expected& e : std::vector<Expected>{
           {"GOLD", "GC=F", "Gold (COMEX front month)", "COMEX", "USD"},
           {"OIL_WTI", "CL=F", "Crude oil WTI (NYMEX front month)", "NYMEX", "USD"},
           {"OIL_BRENT", "BZ=F", "Crude oil Brent (NYMEX front month)", "NYMEX", "USD"},
           {"CORN", "ZC=F", "Corn (CBOT front month)", "CBOT", "USX"},
           {"COFFEE", "KC=F", "Coffee (ICE US front month)", "ICE US", "USX"},
           {"COCOA", "CC=F", "Cocoa (ICE US front month)", "ICE US", "USD"},
           {"LIVE_CATTLE", "LE=F", "Live cattle (CME front month)", "CME", "USX"},
       }) {
    SCOPED_TRACE(e.symbol);
    const int i = index_of(call, e.symbol);
    ASSERT_GE(i, 0);
    EXPECT_EQ(call.asset_texts[i].source_id, e.source_id);
    EXPECT_EQ(call.asset_texts[i].name, e.name);
    EXPECT_EQ(call.asset_texts[i].exchange, e.exchange);
    EXPECT_EQ(call.asset_texts[i].currency, e.currency);
  }

  TestCall stocks;
  ASSERT_EQ(catalog(stocks, nullptr, PRICEFEED_CLASS_STOCK | PRICEFEED_CLASS_BOND), PRICEFEED_OK);
  EXPECT_TRUE(stocks.assets.empty());
}

TEST_F(CommoditiesPlugin, QuotesComeFromTheV7EndpointUnderTheAskedNames) {
  const std::string cookie = "A3=d=AQABBKgold&S=AQAAAsig";
  host_->answer(kBase + "/",
                {404, "<html>Not Found</html>", {{"Set-Cookie", cookie + "; Path=/; HttpOnly"}}});
  host_->answer(kBase + "/v1/test/getcrumb", {200, read_yahoo_fixture("getCrumb-getcrumb.txt")});
  host_->answer(kBase + "/v7/finance/quote?symbols=GC%3DF%2CSI%3DF&crumb=haT3oykhHqZ",
                {200, read_yahoo_fixture("quote-GC=F.json")});

  TestCall call;
  ASSERT_EQ(host_->fetch_quotes(instance_, call, {"GOLD", "SILVER"}, {}, PRICEFEED_CLASS_COMMODITY),
            PRICEFEED_OK)
      << call.last_error();
  ASSERT_EQ(call.requests.size(), 3u);
  EXPECT_EQ(call.requests[2].header("Cookie"), cookie);
  // Yahoo answered gold only: silver gets no quote, gold gets its own.
  ASSERT_EQ(call.quote_symbols, std::vector<std::string>{"GOLD"});
  EXPECT_EQ(call.quote_currencies[0], "USD");
  EXPECT_DOUBLE_EQ(call.quotes[0].price, 2910.3);
  EXPECT_EQ(call.quotes[0].ts, 1739789091);
  EXPECT_DOUBLE_EQ(call.quotes[0].previous_close, 2900.7);

  TestCall unknown;
  EXPECT_EQ(host_->fetch_quotes(instance_, unknown, {"UNOBTAINIUM"}, {}, PRICEFEED_CLASS_COMMODITY),
            PRICEFEED_NOT_FOUND);
  EXPECT_TRUE(unknown.requests.empty());
}

TEST_F(CommoditiesPlugin, ErrorsNameThisSource) {
  host_->otherwise([](const std::string&) {
    return CannedAnswer{404, read_yahoo_fixture("chart-404-unknown-symbol.FROM-LOG.json")};
  });
  TestCall call;
  EXPECT_EQ(history(call, "ZZ=F", utc_midnight(2020, 1, 1), utc_midnight(2020, 2, 1)), PRICEFEED_NOT_FOUND);
  EXPECT_THAT(call.last_error(), StartsWith("commodities: GET " + kBase + "/v8/finance/chart/ZZ%3DF?"));
  EXPECT_THAT(call.last_error(), HasSubstr("No data found, symbol may be delisted"));
}

TEST_F(CommoditiesPlugin, OneInstanceServesSeveralThreadsAtOnce) {
  host_->otherwise([](const std::string&) { return CannedAnswer{200, read_yahoo_fixture(kGoldChart)}; });
  const CallsAtOnce at_once = call_from_threads(4, 10, [&](std::size_t, TestCall& call) {
    return host_->fetch_history(instance_, call, "GOLD", "", PRICEFEED_CLASS_COMMODITY, PRICEFEED_RES_1D,
                                utc_midnight(2020, 1, 1), utc_midnight(2020, 1, 3));
  });
  for (std::size_t i = 0; i < at_once.calls.size(); ++i) {
    EXPECT_EQ(at_once.statuses[i], PRICEFEED_OK) << at_once.calls[i].last_error();
    EXPECT_EQ(at_once.calls[i].bars.size(), 1u);
  }
}

}  // namespace
}  // namespace pricefeed::commodities
