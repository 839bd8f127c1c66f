// The request log keeps the newest entries in arrival order, within its capacity.
#include <gtest/gtest.h>

#include "tests/sandbox/RequestLog.hpp"

namespace pricefeed::sandbox {
namespace {

LoggedRequest answered(const std::string& route, const std::string& family, const std::string& symbol = "") {
  LoggedRequest entry;
  entry.route = route;
  entry.family = family;
  if (!symbol.empty()) entry.symbols = {symbol};
  entry.status = 200;
  return entry;
}

LoggedRequest chart_of(const std::string& symbol) {
  return answered("yahoo.chart", "yahoo", symbol);
}

RequestLogFilter after(std::uint64_t seq) {
  RequestLogFilter filter;
  filter.after_seq = seq;
  return filter;
}

RequestLogFilter of_family(const std::string& family, std::uint64_t after_seq = 0) {
  RequestLogFilter filter = after(after_seq);
  filter.family = family;
  return filter;
}

RequestLogFilter of_route(const std::string& route) {
  RequestLogFilter filter;
  filter.route = route;
  return filter;
}

TEST(RequestLogTest, EntriesGetIncreasingSeqsInArrivalOrder) {
  RequestLog log;
  log.record(chart_of("AAPL"));
  log.record(chart_of("MSFT"));
  const auto entries = log.entries();
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].seq, 1u);
  EXPECT_EQ(entries[0].symbols.front(), "AAPL");
  EXPECT_EQ(entries[1].seq, 2u);
}

TEST(RequestLogTest, BeyondItsCapacityTheOldestEntriesGoAndAreCounted) {
  RequestLog log(3);
  for (const char* symbol : {"A", "B", "C", "D", "E"})
    log.record(chart_of(symbol));
  const auto entries = log.entries();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries.front().symbols.front(), "C");
  EXPECT_EQ(entries.back().seq, 5u);
  EXPECT_EQ(log.to_json()["dropped"], 2);
  EXPECT_EQ(log.to_json()["capacity"], 3);
}

TEST(RequestLogTest, SeqsGoOnAfterAClearSoThatAReaderNeverSeesOneTwice) {
  RequestLog log;
  log.record(chart_of("AAPL"));
  log.clear();
  log.record(chart_of("MSFT"));
  const auto entries = log.entries(after(1));
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].seq, 2u);
  EXPECT_EQ(log.to_json()["dropped"], 0);
}

TEST(RequestLogTest, AFilterKeepsOneFamilyOrRoute) {
  RequestLog log;
  log.record(chart_of("AAPL"));
  log.record(answered("binance.klines", "binance"));
  log.record(answered("yahoo.quote", "yahoo"));
  EXPECT_EQ(log.entries(of_family("yahoo")).size(), 2u);
  EXPECT_EQ(log.entries(of_route("yahoo.quote")).size(), 1u);
  EXPECT_EQ(log.entries(of_family("yahoo", 1)).size(), 1u);
}

}  // namespace
}  // namespace pricefeed::sandbox
