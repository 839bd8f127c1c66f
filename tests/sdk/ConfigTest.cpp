#include <pricefeed/config.hpp>

#include <gtest/gtest.h>

namespace pricefeed {
namespace {

std::string invalid_config_message(const std::function<void()>& body) {
  try {
    body();
  } catch (const Error& e) {
    EXPECT_EQ(e.status(), Status::invalid_config);
    return e.what();
  }
  return "no error";
}

TEST(SdkConfig, ReadsTypedKeysWithFallbacks) {
  Config c = Config::parse(R"({"base_url":"https://x","rpm":33,"on":true,"list":["a","b"],"sub":{"k":"v"}})");
  EXPECT_EQ(c.required_string("base_url"), "https://x");
  EXPECT_EQ(c.integer("rpm", 0), 33);
  EXPECT_EQ(c.integer("missing", 7), 7);
  EXPECT_TRUE(c.boolean("on", false));
  EXPECT_EQ(c.strings("list"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(c.table("sub").string("k"), "v");
}

TEST(SdkConfig, MistakesNameTheKey) {
  Config c = Config::parse(R"({"rpm":"many","ratio":1.5,"sub":{"n":"x"}})");
  EXPECT_EQ(invalid_config_message([&] { c.integer("rpm", 0); }), "rpm: expected a number, got a string");
  EXPECT_EQ(invalid_config_message([&] { c.integer("ratio", 0); }), "ratio: expected an integer");
  EXPECT_EQ(invalid_config_message([&] { c.required_string("dir"); }), "dir: is required");
  EXPECT_EQ(invalid_config_message([&] { c.table("sub").integer("n", 0); }),
            "sub.n: expected a number, got a string");
  EXPECT_EQ(invalid_config_message([] { Config::parse("{"); }),
            "configuration is not valid JSON: JSON at offset 1: unexpected end of input");
}

}  // namespace
}  // namespace pricefeed
