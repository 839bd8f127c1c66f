#pragma once

// A test suite whose tests share one in-process sandbox (TestSandbox), started when the suite starts
// with its clock frozen at the instant the suite names, and stopped when the suite ends:
//
//   class YahooQuoteTest : public testing::SandboxSuite {
//    protected:
//     static void SetUpTestSuite() { start_sandbox("2025-02-18T15:00:00Z"); }
//   };
//
// Suites of one test binary run one after the other, so they can all use the one pointer.

#include <string>

#include <gtest/gtest.h>

#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox::testing {

class SandboxSuite : public ::testing::Test {
 protected:
  static void start_sandbox(const std::string& frozen_instant) {
    sandbox_ = new TestSandbox(frozen_at(frozen_instant));
  }
  static void TearDownTestSuite() {
    delete sandbox_;
    sandbox_ = nullptr;
  }

  static inline TestSandbox* sandbox_ = nullptr;
};

}  // namespace pricefeed::sandbox::testing
