// differing_fields: what makes two events with one event_id different (docs/events.md "The same
// event"), and decimals_equal, which it compares quantities and prices with.

#include "host/events/ValidEvent.hpp"

#include <gtest/gtest.h>

#include "host/events/DecimalText.hpp"
#include "host/events/EventValidator.hpp"
#include "tests/host/events/support/StoredEvents.hpp"

namespace pricefeed::host {
namespace {

using test::buy_event;

ValidEvent valid(const std::string& body) {
  const EventValidation result = EventValidator(test::test_today).validate_body(body);
  if (const auto* event = std::get_if<ValidEvent>(&result)) return *event;
  ADD_FAILURE() << "refused: " << body;
  return {};
}

TEST(DecimalsEqual, ComparesNumbersNotSpellings) {
  EXPECT_TRUE(decimals_equal("10", "10"));
  EXPECT_TRUE(decimals_equal("10", "10.00"));
  EXPECT_TRUE(decimals_equal("010.50", "10.5"));
  EXPECT_TRUE(decimals_equal("0", "-0.000"));
  EXPECT_TRUE(decimals_equal("0.10", "0.1"));
  EXPECT_FALSE(decimals_equal("10", "100"));
  EXPECT_FALSE(decimals_equal("1.5", "15"));
  EXPECT_FALSE(decimals_equal("0.1", "0.01"));
  EXPECT_FALSE(decimals_equal("-1", "1"));
}

TEST(DifferingFields, SpacingMemberOrderAndNumberFormDoNotCount) {
  const ValidEvent stored = valid(buy_event("t-1", "u-1", "AAPL", "2026-01-15", "10").dump());
  const std::string reordered =
      R"({ "currency" : "USD", "price": 187.250, "quantity": 10.0, "date": "2026-01-15",
           "asset_class": "stock", "symbol": "AAPL", "type": "buy", "user_id": "u-1",
           "event_id": "t-1", "note": "the sender's own member" })";
  EXPECT_EQ(differing_fields(stored, valid(reordered)), std::vector<std::string>{});
}

TEST(DifferingFields, NamesEveryFieldThatDiffersInPayloadOrder) {
  const ValidEvent stored = valid(buy_event("t-1", "u-1", "AAPL", "2026-01-15", "1").dump());
  nlohmann::json other = buy_event("t-1", "u-2", "MSFT", "2026-01-14", "99");
  other["price"] = "1";
  other["currency"] = "EUR";
  other["type"] = "sell";
  EXPECT_EQ(differing_fields(stored, valid(other.dump())),
            (std::vector<std::string>{"user_id", "type", "symbol", "date", "quantity", "price", "currency"}));
}

TEST(DifferingFields, AQuantityAloneIsADifferentEvent) {
  const ValidEvent stored = valid(buy_event("t-1", "u-1", "AAPL", "2026-01-15", "1").dump());
  const ValidEvent received = valid(buy_event("t-1", "u-1", "AAPL", "2026-01-15", "99").dump());
  EXPECT_EQ(differing_fields(stored, received), std::vector<std::string>{"quantity"});
}

}  // namespace
}  // namespace pricefeed::host
