#include "host/db/ErrorFirstLine.hpp"

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

TEST(ErrorFirstLine, KeepsWhatFailedWithoutDetailOrHint) {
  EXPECT_EQ(first_line("ERROR:  numeric field overflow\nDETAIL:  A field with precision 38 ...\n"),
            "ERROR:  numeric field overflow");
  EXPECT_EQ(first_line("connection to server was lost"), "connection to server was lost");
  EXPECT_EQ(first_line("\nDETAIL: only"), "");
  EXPECT_EQ(first_line(""), "");
}

}  // namespace
}  // namespace pricefeed::host
