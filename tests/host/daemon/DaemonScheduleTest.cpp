// When the daemon ticks and which assets it asks for: wall-clock boundaries, the weekly catalog
// refresh, and trading hours on the real config/exchanges.toml (no clock is waited for).
#include "host/daemon/DaemonSchedule.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <gtest/gtest.h>

#include "host/calendar/ExchangeCalendarsLoader.hpp"
#include "host/daemon/PeriodicTask.hpp"
#include "host/daemon/QuoteDue.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;

sys_seconds at(int y, unsigned m, unsigned d, int h, int mi) {
  return sys_days{year{y} / month{m} / day{d}} + hours{h} + minutes{mi};
}

std::filesystem::path shipped_calendar_file() {
  const char* source = std::getenv("PRICEFEED_SOURCE_DIR");
  return std::filesystem::path(source ? source : ".") / "config" / "exchanges.toml";
}

const ExchangeCalendars& calendars() {
  static const ExchangeCalendars loaded = load_exchange_calendars(shipped_calendar_file());
  return loaded;
}

// The shipped calendars with one edit an operator could make: CRYPTO trades on weekdays only.
ExchangeCalendars calendars_with_crypto_closed_on_weekends() {
  std::ifstream in(shipped_calendar_file());
  std::stringstream file;
  file << in.rdbuf();
  std::string text = file.str();
  const std::string every_day = R"(trading_days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"])";
  const auto crypto = text.find("[exchanges.CRYPTO]");
  const auto days = text.find(every_day, crypto);
  if (crypto == std::string::npos || days == std::string::npos) {
    throw std::runtime_error("exchanges.toml no longer has CRYPTO's trading_days line this test edits");
  }
  text.replace(days, every_day.size(), R"(trading_days = ["Mon", "Tue", "Wed", "Thu", "Fri"])");
  return parse_exchange_calendars(text, "exchanges.toml with CRYPTO closed on weekends");
}

TEST(DaemonSchedule, TicksFallOnBoundariesOfTheInterval) {
  EXPECT_EQ(next_tick_after(at(2026, 11, 24, 14, 7), minutes{15}), at(2026, 11, 24, 14, 15));
  EXPECT_EQ(next_tick_after(at(2026, 11, 24, 14, 15), minutes{15}), at(2026, 11, 24, 14, 30));
  EXPECT_EQ(next_tick_after(at(2026, 11, 24, 23, 59), minutes{15}), at(2026, 11, 25, 0, 0));
  EXPECT_EQ(next_tick_after(at(2026, 11, 24, 14, 7), minutes{60}), at(2026, 11, 24, 15, 0));
}

TEST(DaemonSchedule, APeriodicTaskIsDueOnceItsPeriodHasPassedOrItNeverRan) {
  const auto now = at(2026, 11, 24, 12, 0);
  EXPECT_TRUE(periodic_task_due(now, std::nullopt, kCatalogRefreshEvery));
  EXPECT_FALSE(periodic_task_due(now, now - days{6}, kCatalogRefreshEvery));
  EXPECT_TRUE(periodic_task_due(now, now - days{7}, kCatalogRefreshEvery));
}

TEST(QuoteDue, StocksAreAskedForWhileTheirExchangeIsOpen) {
  const auto& nyse = calendars().for_asset(AssetClass::stock, "NMS");
  const auto price_at = at(2026, 11, 24, 14, 45);
  EXPECT_TRUE(quote_due(nyse, at(2026, 11, 24, 15, 0), price_at, true));  // 10:00 New York
  // Thanksgiving: closed, and the price was taken long after Wednesday's close.
  EXPECT_FALSE(quote_due(nyse, at(2026, 11, 26, 15, 0), at(2026, 11, 25, 22, 0), true));
}

TEST(QuoteDue, AfterTheCloseUntilAPriceTakenOnceTheCloseHasSettled) {
  const auto& nyse = calendars().for_asset(AssetClass::stock, "NYQ");
  const auto close = at(2026, 11, 24, 21, 0);  // 16:00 New York
  EXPECT_TRUE(quote_due(nyse, close + minutes{15}, close - minutes{15}, true));
  EXPECT_TRUE(quote_due(nyse, close + minutes{30}, close + minutes{15}, true));
  EXPECT_FALSE(quote_due(nyse, close + minutes{45}, close + minutes{30}, true));
  // Never priced: the last close is worth fetching even on a holiday.
  EXPECT_TRUE(quote_due(nyse, at(2026, 11, 26, 15, 0), std::nullopt, true));
}

TEST(QuoteDue, CryptoAlwaysAndEverythingWhenTradingHoursDoNotMatter) {
  const auto& crypto = calendars().for_asset_class(AssetClass::crypto);
  const auto& nyse = calendars().for_asset_class(AssetClass::stock);
  const auto saturday = at(2026, 11, 28, 15, 0);
  EXPECT_TRUE(quote_due(crypto, saturday, saturday - minutes{15}, true));
  EXPECT_TRUE(quote_due(nyse, saturday, saturday - minutes{15}, false));
  EXPECT_FALSE(quote_due(nyse, saturday, saturday - minutes{15}, true));
}

TEST(QuoteDue, CryptoFollowsTheCryptoCalendarWhenItClosesOnWeekends) {
  const ExchangeCalendars edited = calendars_with_crypto_closed_on_weekends();
  const auto& crypto = edited.for_asset(AssetClass::crypto, "BINANCE");
  ASSERT_EQ(crypto.name(), "CRYPTO");
  const auto friday = at(2026, 11, 27, 15, 0);
  const auto saturday = at(2026, 11, 28, 15, 0);
  EXPECT_TRUE(quote_due(crypto, friday, friday - minutes{15}, true));
  EXPECT_FALSE(quote_due(crypto, saturday, saturday - minutes{15}, true))
      << "priced after Friday's close has settled: nothing to fetch until Monday";
  EXPECT_TRUE(quote_due(crypto, saturday, saturday - minutes{15}, false)) << "trading hours do not matter";
  EXPECT_TRUE(
      quote_due(calendars().for_asset(AssetClass::crypto, "BINANCE"), saturday, saturday - minutes{15}, true))
      << "the shipped CRYPTO calendar trades every day";
}

TEST(QuoteTradingDate, CryptoAndForexByUtcDateOthersByTheExchangesDate) {
  const auto& nyse = calendars().for_asset_class(AssetClass::stock);
  const auto& forex = calendars().for_asset_class(AssetClass::forex);
  const auto late_evening_new_york = at(2026, 11, 25, 2, 0);  // 21:00 on the 24th in New York
  EXPECT_EQ(quote_trading_date(AssetClass::stock, nyse, late_evening_new_york),
            sys_days{year{2026} / 11 / 24});
  EXPECT_EQ(quote_trading_date(AssetClass::forex, forex, late_evening_new_york),
            sys_days{year{2026} / 11 / 25});
  EXPECT_EQ(quote_trading_date(AssetClass::crypto, forex, late_evening_new_york),
            sys_days{year{2026} / 11 / 25});
}

}  // namespace
}  // namespace pricefeed::host
