#include "host/cli/RedactingOutput.hpp"

#include <sstream>

#include <gtest/gtest.h>

#include "host/redaction/SecretValues.hpp"

namespace pricefeed::host {
namespace {

TEST(RedactingOutput, EveryLineWrittenIsRedactedEvenWhenItsSecretArrivesInPieces) {
  register_secret("plugin-key-123456");
  std::ostringstream out;
  {
    const RedactingOutput redacted(out);
    out << "yahoo  failed  GET https://h/q?apikey=abc&symbol=AAPL: HTTP 401\n";
    out << "refused: plugin-key-" << 123456 << " is not valid" << std::flush << "\n";
    out << "host=db password=hunter2";  // no newline: written when the command ends
  }
  EXPECT_EQ(out.str(),
            "yahoo  failed  GET https://h/q?apikey=REDACTED&symbol=AAPL: HTTP 401\n"
            "refused: REDACTED is not valid\n"
            "host=db password=REDACTED");
  clear_secrets();
}

TEST(RedactingOutput, TheStreamWritesUnredactedAgainOnceItEnds) {
  std::ostringstream out;
  { const RedactingOutput redacted(out); }
  out << "password=shown";
  EXPECT_EQ(out.str(), "password=shown");
}

}  // namespace
}  // namespace pricefeed::host
