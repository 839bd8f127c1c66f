// EventValidator: every bad field is refused with a message that names it; good events keep their
// quantity and price exactly as written.

#include "host/events/EventValidator.hpp"

#include <gtest/gtest.h>

#include <utility>
#include <vector>

#include "tests/host/events/support/StoredEvents.hpp"

namespace pricefeed::host {
namespace {

using nlohmann::json;
using test::buy_event;

EventValidator validator() {
  return EventValidator(test::test_today);
}

// The message of a refused body; fails the test when the body was accepted.
std::string refusal(const std::string& body) {
  const EventValidation result = validator().validate_body(body);
  if (const auto* invalid = std::get_if<InvalidEvent>(&result)) return invalid->message();
  ADD_FAILURE() << "accepted: " << body;
  return {};
}

std::string refusal(const json& body) {
  return refusal(body.dump());
}

json with(json event, const std::string& member, json value) {
  event[member] = std::move(value);
  return event;
}

json without(json event, const std::string& member) {
  event.erase(member);
  return event;
}

ValidEvent accepted(const std::string& body) {
  const EventValidation result = validator().validate_body(body);
  if (const auto* invalid = std::get_if<InvalidEvent>(&result)) {
    ADD_FAILURE() << "refused: " << invalid->message() << " for " << body;
    return {};
  }
  return std::get<ValidEvent>(result);
}

TEST(EventValidator, AcceptsAValidBuyWithEveryField) {
  const ValidEvent event = accepted(buy_event("t-1", "u-7", "BRK.B", "2026-02-27", "10.50").dump());
  EXPECT_EQ(event.event_id, "t-1");
  EXPECT_EQ(event.user_id, "u-7");
  EXPECT_EQ(event.type, EventType::buy);
  EXPECT_EQ(event.symbol, "BRK.B");
  EXPECT_EQ(event.asset_class, AssetClass::stock);
  EXPECT_EQ(event.date_text(), "2026-02-27");
  EXPECT_EQ(event.quantity, "10.50");
  EXPECT_EQ(event.price, "187.25");
  EXPECT_EQ(event.currency, "USD");
}

TEST(EventValidator, KeepsJsonNumbersExactlyAsWritten) {
  // 0.1 as a double is 0.1000000000000000055...; the text must reach numeric unchanged.
  const ValidEvent event = accepted(
      R"({"event_id":"t","user_id":"u","type":"sell","symbol":"BTC","asset_class":"crypto","date":"2026-03-01",)"
      R"("quantity":0.10000000,"price":64123.123456789012345678,"currency":"USD"})");
  EXPECT_EQ(event.type, EventType::sell);
  EXPECT_EQ(event.quantity, "0.10000000");
  EXPECT_EQ(event.price, "64123.123456789012345678");
}

TEST(EventValidator, AcceptsIntegersAndZeroPrice) {
  const ValidEvent event = accepted(with(with(buy_event("t"), "quantity", 3), "price", 0).dump());
  EXPECT_EQ(event.quantity, "3");
  EXPECT_EQ(event.price, "0");
}

TEST(EventValidator, PayloadKeepsTheExactTextAndLeavesOutTheEventId) {
  const ValidEvent event = accepted(with(buy_event("t-9"), "quantity", "0.1").dump());
  const auto payload = event.payload();
  EXPECT_FALSE(payload.contains("event_id"));
  EXPECT_EQ(payload["quantity"], "0.1");
  EXPECT_EQ(payload["date"], "2026-01-15");
  EXPECT_EQ(payload["type"], "buy");
}

TEST(EventValidator, IgnoresMembersItDoesNotDefine) {
  const ValidEvent event = accepted(with(buy_event("t"), "note", "from the mobile app").dump());
  EXPECT_EQ(event.symbol, "AAPL");
}

TEST(EventValidator, RefusesABodyThatIsNotJson) {
  const std::string message = refusal(std::string("{\"event_id\": \"t\", "));
  EXPECT_TRUE(message.starts_with("body: not valid JSON: ")) << message;
  EXPECT_EQ(refusal(std::string("buy AAPL")).substr(0, 22), "body: not valid JSON: ");
  EXPECT_EQ(refusal(std::string("")), "body: is empty (expected a JSON object)");
}

TEST(EventValidator, RefusesJsonThatIsNotAnObject) {
  EXPECT_EQ(refusal(std::string("[1, 2]")), "body: must be a JSON object, not an array");
  EXPECT_EQ(refusal(std::string("\"buy\"")), "body: must be a JSON object, not a string");
  EXPECT_EQ(refusal(std::string("{} {}")).substr(0, 22), "body: not valid JSON: ");
}

TEST(EventValidator, RefusesAMemberGivenTwice) {
  EXPECT_EQ(refusal(std::string(R"({"quantity": "1", "quantity": "100"})")),
            "quantity: appears more than once");
}

TEST(EventValidator, NamesEachMissingField) {
  for (const char* field :
       {"event_id", "user_id", "type", "symbol", "asset_class", "date", "quantity", "price", "currency"}) {
    EXPECT_EQ(refusal(without(buy_event("t"), field)), std::string(field) + ": is missing");
  }
}

TEST(EventValidator, NamesAFieldOfTheWrongType) {
  EXPECT_EQ(refusal(with(buy_event("t"), "user_id", 42)), "user_id: must be a string, not a number");
  EXPECT_EQ(refusal(with(buy_event("t"), "event_id", nullptr)), "event_id: must be a string, not null");
  EXPECT_EQ(refusal(with(buy_event("t"), "quantity", json::array({1}))),
            "quantity: must be a decimal string or a number, not an array");
  EXPECT_EQ(refusal(with(buy_event("t"), "price", true)),
            "price: must be a decimal string or a number, not a boolean");
}

TEST(EventValidator, RefusesAnUnknownType) {
  EXPECT_EQ(refusal(with(buy_event("t"), "type", "transfer")), "type: transfer is not buy or sell");
  EXPECT_EQ(refusal(with(buy_event("t"), "type", "BUY")), "type: BUY is not buy or sell");
}

TEST(EventValidator, RefusesAnUnknownAssetClass) {
  EXPECT_EQ(refusal(with(buy_event("t"), "asset_class", "etf")),
            "asset_class: etf is not an asset class (stock, crypto, commodity, forex or bond)");
}

TEST(EventValidator, RefusesAnImpossibleDate) {
  EXPECT_EQ(refusal(with(buy_event("t"), "date", "2026-02-30")), "date: 2026-02-30 is not a real date");
  EXPECT_EQ(refusal(with(buy_event("t"), "date", "2026-13-01")), "date: 2026-13-01 is not a real date");
  EXPECT_EQ(refusal(with(buy_event("t"), "date", "2025-02-29")), "date: 2025-02-29 is not a real date");
  accepted(with(buy_event("t"), "date", "2024-02-29").dump());  // a leap day
}

TEST(EventValidator, RefusesADateNotWrittenAsIso) {
  EXPECT_EQ(refusal(with(buy_event("t"), "date", "15/01/2026")),
            "date: 15/01/2026 is not an ISO 8601 date (YYYY-MM-DD)");
  EXPECT_EQ(refusal(with(buy_event("t"), "date", "2026-1-15")),
            "date: 2026-1-15 is not an ISO 8601 date (YYYY-MM-DD)");
  EXPECT_EQ(refusal(with(buy_event("t"), "date", "2026-01-15T10:00:00Z")),
            "date: 2026-01-15T10:00:00Z is not an ISO 8601 date (YYYY-MM-DD)");
}

TEST(EventValidator, RefusesAFutureDateButAllowsTomorrowForTimeZonesAheadOfUtc) {
  // Today is 2026-03-02 UTC; in Auckland it may already be the 3rd.
  accepted(with(buy_event("t"), "date", "2026-03-03").dump());
  EXPECT_EQ(refusal(with(buy_event("t"), "date", "2026-03-04")),
            "date: 2026-03-04 is in the future (today is 2026-03-02 UTC)");
}

TEST(EventValidator, RefusesADateBefore1900) {
  EXPECT_EQ(refusal(with(buy_event("t"), "date", "1899-12-31")), "date: 1899-12-31 is before 1900");
}

TEST(EventValidator, RefusesANonNumericQuantity) {
  EXPECT_EQ(refusal(with(buy_event("t"), "quantity", "ten")),
            "quantity: ten is not a plain decimal number (digits with an optional fraction, such as 12.5; no "
            "exponent)");
  for (const char* bad :
       {"1e5", "1E5", "NaN", "Infinity", "+1", ".5", "5.", "1,000", "0x10", "1.2.3", " 1"}) {
    EXPECT_TRUE(refusal(with(buy_event("t"), "quantity", bad)).starts_with("quantity: ")) << bad;
  }
}

TEST(EventValidator, RefusesAJsonNumberWithAnExponent) {
  EXPECT_TRUE(refusal(std::string(R"({"event_id":"t","user_id":"u","type":"buy","symbol":"AAPL",)"
                                  R"("asset_class":"stock","date":"2026-01-15","quantity":1e2,"price":"1",)"
                                  R"("currency":"USD"})"))
                  .starts_with("quantity: 1e2 is not a plain decimal number"));
}

TEST(EventValidator, RefusesAQuantityThatIsNotPositive) {
  EXPECT_EQ(refusal(with(buy_event("t"), "quantity", "0")), "quantity: must be greater than 0, not 0");
  EXPECT_EQ(refusal(with(buy_event("t"), "quantity", "0.000")),
            "quantity: must be greater than 0, not 0.000");
  EXPECT_EQ(refusal(with(buy_event("t"), "quantity", -5)), "quantity: must be greater than 0, not -5");
}

TEST(EventValidator, RefusesANegativePriceOrAGarbledOne) {
  EXPECT_EQ(refusal(with(buy_event("t"), "price", "-0.01")), "price: must not be negative, not -0.01");
  EXPECT_TRUE(
      refusal(with(buy_event("t"), "price", "$187")).starts_with("price: $187 is not a plain decimal"));
}

TEST(EventValidator, RefusesADecimalTooLongToBeReal) {
  EXPECT_EQ(refusal(with(buy_event("t"), "quantity", std::string(65, '1'))),
            "quantity: is longer than 64 characters");
}

TEST(EventValidator, RefusesSymbolsWithUrlCharacters) {
  EXPECT_EQ(refusal(with(buy_event("t"), "symbol", "BTC/USD")),
            "symbol: BTC/USD contains '/', which no symbol may contain");
  EXPECT_EQ(refusal(with(buy_event("t"), "symbol", "AAPL?x=1")),
            "symbol: AAPL?x=1 contains '?', which no symbol may contain");
  EXPECT_EQ(refusal(with(buy_event("t"), "symbol", "AAPL&range=max")),
            "symbol: AAPL&range=max contains '&', which no symbol may contain");
  EXPECT_EQ(refusal(with(buy_event("t"), "symbol", "..")),
            "symbol: .. contains '..', which no symbol may contain");
  EXPECT_EQ(refusal(with(buy_event("t"), "symbol", "BRK B")), "symbol: \"BRK B\" contains a space");
  EXPECT_EQ(refusal(with(buy_event("t"), "symbol", std::string("AA\nPL"))),
            "symbol: \"AA\\nPL\" contains a control character");
  EXPECT_EQ(refusal(with(buy_event("t"), "symbol", std::string("AA\x01PL"))),
            "symbol: \"AA\\u0001PL\" contains a control character");
}

TEST(EventValidator, RefusesASymbolOfTheWrongClass) {
  json crypto = with(buy_event("t"), "asset_class", "crypto");
  EXPECT_TRUE(
      refusal(with(crypto, "symbol", "BTC-USD")).starts_with("symbol: BTC-USD is not a crypto symbol"));
  json forex = with(buy_event("t"), "asset_class", "forex");
  EXPECT_TRUE(refusal(with(forex, "symbol", "EUR")).starts_with("symbol: EUR is not a forex pair"));
  EXPECT_EQ(refusal(with(buy_event("t"), "symbol", "aapl")), "symbol: aapl must be upper case (AAPL)");
}

TEST(EventValidator, RefusesBadIdentifiers) {
  EXPECT_EQ(refusal(with(buy_event("t"), "event_id", "")), "event_id: is empty");
  EXPECT_EQ(refusal(with(buy_event("t"), "event_id", std::string(201, 'e'))),
            "event_id: is longer than 200 characters");
  accepted(with(buy_event("t"), "event_id", std::string(200, 'e')).dump());
  // 200 characters of two bytes each are still 200 characters, as PostgreSQL's char_length counts.
  std::string accented;
  for (int i = 0; i < 200; ++i)
    accented += "\xc3\xa9";
  accepted(with(buy_event("t"), "event_id", accented).dump());
  EXPECT_EQ(refusal(with(buy_event("t"), "user_id", "")), "user_id: is empty");
  EXPECT_EQ(refusal(with(buy_event("t"), "user_id", "u\t1")),
            "user_id: \"u\\t1\" contains a control character");
}

// "t-1" and "t-1" with a zero-width space look the same everywhere they are shown, and a right-to-left
// override makes an id read backwards in a log: ids with such characters are refused, the character
// named by its code point (not echoed).
TEST(EventValidator, RefusesInvisibleAndBidiCharactersInIds) {
  const std::vector<std::pair<std::string, std::string>> hidden{
      {"\xe2\x80\x8b", "U+200B"}, {"\xe2\x80\x8f", "U+200F"},     {"\xe2\x80\xaa", "U+202A"},
      {"\xe2\x80\xae", "U+202E"}, {"\xe2\x81\xa6", "U+2066"},     {"\xe2\x81\xa9", "U+2069"},
      {"\xef\xbb\xbf", "U+FEFF"}, {"\xe2\x81\xa0", "U+2060"},     {"\xd8\x9c", "U+061C"},
      {"\xc2\xad", "U+00AD"},     {"\xf3\xa0\x80\x81", "U+E0001"}};
  for (const auto& [character, name] : hidden) {
    EXPECT_EQ(
        refusal(with(buy_event("t"), "event_id", "t-" + character + "1")),
        "event_id: contains " + name + ", an invisible or text-direction character, which no id may contain");
    EXPECT_EQ(
        refusal(with(buy_event("t"), "user_id", character + "u-7")),
        "user_id: contains " + name + ", an invisible or text-direction character, which no id may contain");
  }
  // Letters of any script stay welcome.
  accepted(with(buy_event("t"), "event_id", "t-\xc3\xa9\xd7\x90\xe4\xb8\xad-\xf0\x9f\x93\x88").dump());
  accepted(with(buy_event("t"), "user_id", "\xd0\xb8\xd0\xb2\xd0\xb0\xd0\xbd").dump());
}

TEST(EventValidator, AStoredRowWithAnInvisibleCharacterInItsIdIsRefused) {
  const EventValidation result = validator().validate_stored(
      "t-\xe2\x80\xae"
      "1",
      without(buy_event("t"), "event_id").dump());
  const auto* invalid = std::get_if<InvalidEvent>(&result);
  ASSERT_NE(invalid, nullptr);
  EXPECT_EQ(invalid->field, "event_id");
}

TEST(EventValidator, AcceptsIsoCurrenciesAndMinorUnits) {
  for (const char* currency : {"USD", "GBP", "JPY", "GBp", "GBX", "ZAc", "ILA"}) {
    accepted(with(buy_event("t"), "currency", currency).dump());
  }
  for (const char* currency : {"usd", "Usd", "US", "USDT", "gbp", "GBx", ""}) {
    EXPECT_TRUE(refusal(with(buy_event("t"), "currency", currency)).starts_with("currency: ")) << currency;
  }
}

TEST(EventValidator, NamesTheFirstBadFieldInOrder) {
  json event = with(with(buy_event("t"), "date", "2026-02-30"), "quantity", "ten");
  EXPECT_EQ(refusal(event), "date: 2026-02-30 is not a real date");
}

TEST(EventValidator, ValidatesAStoredRowWithTheEventIdFromItsColumn) {
  json payload = without(buy_event("ignored"), "event_id");
  const EventValidation result = validator().validate_stored("row-1", payload.dump());
  ASSERT_TRUE(std::holds_alternative<ValidEvent>(result));
  EXPECT_EQ(std::get<ValidEvent>(result).event_id, "row-1");
}

TEST(EventValidator, RefusesAStoredRowWhosePayloadNamesAnotherEventId) {
  const EventValidation result = validator().validate_stored("row-1", buy_event("row-2").dump());
  ASSERT_TRUE(std::holds_alternative<InvalidEvent>(result));
  EXPECT_EQ(std::get<InvalidEvent>(result).message(),
            "event_id: the payload's event_id row-2 differs from the row's row-1");
}

TEST(EventValidator, NamesThePayloadWhenAStoredRowIsNotAnObject) {
  const EventValidation result = validator().validate_stored("row-1", "[]");
  ASSERT_TRUE(std::holds_alternative<InvalidEvent>(result));
  EXPECT_EQ(std::get<InvalidEvent>(result).message(), "payload: must be a JSON object, not an array");
}

}  // namespace
}  // namespace pricefeed::host
