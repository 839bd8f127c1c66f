#include <pricefeed/json.hpp>  // first: the header must stand alone

#include <gtest/gtest.h>

namespace pricefeed {
namespace {

TEST(SdkJson, ReadsNestedValuesOfEveryType) {
  Json doc =
      Json::parse(R"({"a": [1, 2.5e1, -3], "b": {"c": true, "d": null}, "e": "x\"y\u00e9\ud83d\ude00"})");
  ASSERT_TRUE(doc.is_object());
  EXPECT_DOUBLE_EQ(doc.find("a")->as_array()[1].as_number(), 25.0);
  EXPECT_TRUE(doc.find("b")->find("c")->as_bool());
  EXPECT_TRUE(doc.find("b")->find("d")->is_null());
  EXPECT_EQ(doc.find("e")->as_string(), "x\"y\xC3\xA9\xF0\x9F\x98\x80");
}

TEST(SdkJson, RejectsMalformedTextWithItsOffset) {
  for (const char* bad : {"", "{", "[1,]", "{\"a\" 1}", "tru", "\"\\x\"", "1 2", "\"\\ud800\"", "01x"}) {
    EXPECT_THROW(Json::parse(bad), JsonError) << bad;
  }
  try {
    Json::parse("[1, }");
  } catch (const JsonError& e) {
    EXPECT_STREQ(e.what(), "JSON at offset 4: expected a digit");
  }
}

TEST(SdkJson, RefusesNestingDeeperThanItsLimit) {
  EXPECT_THROW(Json::parse(std::string(100, '[') + std::string(100, ']')), JsonError);
  EXPECT_NO_THROW(Json::parse(std::string(60, '[') + std::string(60, ']')));
}

TEST(SdkJson, TypeMismatchNamesBothTypes) {
  try {
    Json::parse("[1]").as_object();
    FAIL();
  } catch (const JsonError& e) {
    EXPECT_STREQ(e.what(), "expected an object, got an array");
  }
}

}  // namespace
}  // namespace pricefeed
