#include "host/config/VariableExpansion.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

TEST(VariableExpansionTest, ReplacesEveryReference) {
  Environment environment({{"HOST", "db"}, {"PORT", "5432"}});
  auto expanded = expand_variables("postgresql://${HOST}:${PORT}/${HOST}", environment);
  EXPECT_EQ(expanded.value, "postgresql://db:5432/db");
  EXPECT_THAT(expanded.unset_variables, IsEmpty());
}

TEST(VariableExpansionTest, UnsetVariableIsEmptyAndReported) {
  auto expanded = expand_variables("key=${MISSING}&again=${MISSING}", Environment());
  EXPECT_EQ(expanded.value, "key=&again=");
  EXPECT_THAT(expanded.unset_variables, ElementsAre("MISSING"));
}

TEST(VariableExpansionTest, SetButEmptyIsNotUnset) {
  auto expanded = expand_variables("${EMPTY}", Environment({{"EMPTY", ""}}));
  EXPECT_EQ(expanded.value, "");
  EXPECT_THAT(expanded.unset_variables, IsEmpty());
}

TEST(VariableExpansionTest, DollarWithoutBraceIsLiteral) {
  EXPECT_EQ(expand_variables("pa$$word $HOME $", Environment({{"HOME", "/root"}})).value, "pa$$word $HOME $");
}

TEST(VariableExpansionTest, ValuesAreNotExpandedAgain) {
  EXPECT_EQ(expand_variables("${A}", Environment({{"A", "${B}"}, {"B", "no"}})).value, "${B}");
}

TEST(VariableExpansionTest, MalformedReferenceThrows) {
  EXPECT_THROW(expand_variables("${UNCLOSED", Environment()), VariableReferenceError);
  EXPECT_THROW(expand_variables("${}", Environment()), VariableReferenceError);
  EXPECT_THROW(expand_variables("${9LIVES}", Environment()), VariableReferenceError);
  EXPECT_THROW(expand_variables("${A-B}", Environment()), VariableReferenceError);
}

}  // namespace
}  // namespace pricefeed::host
