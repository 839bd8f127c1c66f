// EventBody: top-level members with numbers kept as written.

#include "host/events/EventBody.hpp"

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

EventBody parsed(std::string_view text) {
  auto result = parse_event_body(text);
  if (auto* problem = std::get_if<InvalidEvent>(&result)) {
    ADD_FAILURE() << problem->message();
    return {};
  }
  return std::get<EventBody>(std::move(result));
}

TEST(EventBody, KeepsEachNumbersTextAndEachStringsValue) {
  const EventBody body =
      parsed(R"({"a": 1.50, "b": -3, "c": 18446744073709551616, "d": "x\"y", "e": 2.5e-3})");
  EXPECT_EQ(body.find("a")->text, "1.50");
  EXPECT_EQ(body.find("b")->text, "-3");
  EXPECT_EQ(body.find("c")->text, "18446744073709551616");  // beyond uint64: still exact
  EXPECT_EQ(body.find("d")->text, "x\"y");
  EXPECT_EQ(body.find("d")->kind, EventBodyMember::Kind::string);
  EXPECT_EQ(body.find("e")->text, "2.5e-3");
  EXPECT_EQ(body.find("e")->kind, EventBodyMember::Kind::number);
}

TEST(EventBody, RecordsNestedValuesByKindOnly) {
  const EventBody body = parsed(R"({"o": {"quantity": 1}, "l": [1, {"x": 2}], "n": null, "t": true})");
  EXPECT_EQ(body.members.size(), 4u);
  EXPECT_EQ(body.find("o")->kind, EventBodyMember::Kind::object);
  EXPECT_EQ(body.find("l")->kind, EventBodyMember::Kind::array);
  EXPECT_EQ(body.find("n")->kind, EventBodyMember::Kind::null);
  EXPECT_EQ(body.find("t")->kind, EventBodyMember::Kind::boolean);
  EXPECT_EQ(body.find("quantity"), nullptr);
}

TEST(EventBody, RefusesInvalidUtf8) {
  auto result = parse_event_body("{\"a\": \"\xff\"}");
  ASSERT_TRUE(std::holds_alternative<InvalidEvent>(result));
  EXPECT_TRUE(std::get<InvalidEvent>(result).message().starts_with("body: not valid JSON: "));
}

TEST(EventBody, RefusesTrailingData) {
  EXPECT_TRUE(std::holds_alternative<InvalidEvent>(parse_event_body(R"({"a": 1} x)")));
}

}  // namespace
}  // namespace pricefeed::host
