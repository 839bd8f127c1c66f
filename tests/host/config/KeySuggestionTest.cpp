#include "host/config/KeySuggestion.hpp"

#include <array>

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

constexpr std::array<std::string_view, 4> kWorkerKeys = {"batch_size", "max_attempts", "lease_seconds",
                                                         "resolutions"};

TEST(KeySuggestionTest, SuggestsTheKeyATypoWasMeantFor) {
  EXPECT_EQ(closest_key("batch_sise", kWorkerKeys), "batch_size");
  EXPECT_EQ(closest_key("max_attempt", kWorkerKeys), "max_attempts");
  EXPECT_EQ(closest_key("Batch_Size", kWorkerKeys), "batch_size");
}

TEST(KeySuggestionTest, SwappedLettersCountAsOneEdit) {
  constexpr std::array<std::string_view, 2> kSections = {"worker", "daemon"};
  EXPECT_EQ(closest_key("wroker", kSections), "worker");
  EXPECT_EQ(closest_key("deamon", kSections), "daemon");
}

TEST(KeySuggestionTest, SuggestsNothingForUnrelatedKeys) {
  EXPECT_EQ(closest_key("colour", kWorkerKeys), std::nullopt);
  constexpr std::array<std::string_view, 1> kShort = {"url"};
  EXPECT_EQ(closest_key("dirs", kShort), std::nullopt);
}

}  // namespace
}  // namespace pricefeed::host
