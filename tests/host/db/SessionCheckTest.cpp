// keeps_its_session on a direct connection; the answer through PgBouncer in transaction pooling mode
// (false) is pinned by tests/e2e/PgBouncerEndToEndTest.cpp, which starts PgBouncer.
#include "host/db/SessionCheck.hpp"

#include <gtest/gtest.h>

#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono_literals;

TEST(SessionCheck, ADirectConnectionKeepsItsSessionAndIsToldSoWithoutWaiting) {
  test::TestDatabase db;
  auto connection = db.connect();
  const auto started = std::chrono::steady_clock::now();
  EXPECT_TRUE(keeps_its_session(*connection, db.url()));
  EXPECT_NO_THROW(require_session(*connection, db.url(), "the test"));
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
}

}  // namespace
}  // namespace pricefeed::host
