// The bearer-token check of RouteAccess::bearer_token.

#include "host/http/RouteAuthorization.hpp"

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

TEST(HttpServerAuthorization, MatchesOnlyTheExactTokenAfterBearer) {
  EXPECT_TRUE(bearer_token_matches("Bearer abc123", "abc123"));
  EXPECT_TRUE(bearer_token_matches("BEARER abc123", "abc123"));
  EXPECT_TRUE(bearer_token_matches("Bearer   abc123 ", "abc123"));
  EXPECT_FALSE(bearer_token_matches("Bearer abc12", "abc123"));
  EXPECT_FALSE(bearer_token_matches("Bearer abc1234", "abc123"));
  EXPECT_FALSE(bearer_token_matches("Bearer ABC123", "abc123"));
  EXPECT_FALSE(bearer_token_matches("abc123", "abc123"));
  EXPECT_FALSE(bearer_token_matches("Basic abc123", "abc123"));
  EXPECT_FALSE(bearer_token_matches("", "abc123"));
  EXPECT_FALSE(bearer_token_matches("Bearer ", "abc123"));
}

TEST(HttpServerAuthorization, AnEmptyExpectedTokenNeverMatches) {
  // An empty auth_token means "no token": the router does not ask; a match would be a hole.
  EXPECT_FALSE(bearer_token_matches("Bearer ", ""));
}

TEST(HttpServerAuthorization, ConstantTimeEqualsIsEquality) {
  EXPECT_TRUE(constant_time_equals("", ""));
  EXPECT_TRUE(constant_time_equals("same", "same"));
  EXPECT_FALSE(constant_time_equals("same", "sane"));
  EXPECT_FALSE(constant_time_equals("", "x"));
  EXPECT_FALSE(constant_time_equals("x", ""));
  EXPECT_FALSE(constant_time_equals("ab", "abab"));  // a repeated prefix is not equal
}

}  // namespace
}  // namespace pricefeed::host
