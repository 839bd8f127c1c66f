#include "host/plugins/HistoryRequestFor.hpp"

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

using namespace std::chrono;

const nlohmann::json kIds = {{"coingecko", "bitcoin"}, {"binance", ""}};

TEST(HistoryRequestFor, AsksForTheTradingDatesAsAHalfOpenRangeOfUnixSeconds) {
  const HistoryRequest request =
      history_request_for("binance", "BTC", kIds, AssetClass::crypto, Resolution::hour,
                          sys_days{2024y / January / 1}, sys_days{2024y / January / 31});
  EXPECT_EQ(request.symbol, "BTC");
  EXPECT_EQ(request.asset_class, AssetClass::crypto);
  EXPECT_EQ(request.resolution, Resolution::hour);
  EXPECT_EQ(request.start, 1704067200);             // 2024-01-01T00:00:00Z
  EXPECT_EQ(request.end, 1704067200 + 31 * 86400);  // 2024-02-01T00:00:00Z, not asked for
}

TEST(HistoryRequestFor, CarriesTheSourcesOwnIdOnly) {
  const sys_days day = sys_days{2024y / March / 15};
  EXPECT_EQ(
      history_request_for("coingecko", "BTC", kIds, AssetClass::crypto, Resolution::day, day, day).source_id,
      "bitcoin");
  const HistoryRequest without =
      history_request_for("binance", "BTC", kIds, AssetClass::crypto, Resolution::day, day, day);
  EXPECT_EQ(without.source_id, "") << "an empty id means: spell the symbol your own way";
  EXPECT_EQ(without.id(), "BTC");
  EXPECT_EQ(
      history_request_for("yahoo", "BTC", kIds, AssetClass::crypto, Resolution::day, day, day).source_id, "");
}

TEST(HistoryRequestFor, OneDayIsOneDayOfSeconds) {
  const sys_days day = sys_days{1999y / December / 31};
  const HistoryRequest request = history_request_for("yahoo", "AAPL", nlohmann::json::object(),
                                                     AssetClass::stock, Resolution::day, day, day);
  EXPECT_EQ(request.end - request.start, 86400);
}

}  // namespace
}  // namespace pricefeed::host
