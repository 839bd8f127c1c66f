// The fingerprint serve shows per source and check-config recomputes: its exact input, so that both
// sides (and any other tool) hash the same bytes.
#include <gtest/gtest.h>

#include "host/plugins/SourceFingerprint.hpp"

namespace pricefeed::host {
namespace {

const std::string kSalt = "0123456789abcdef0123456789abcdef";

TEST(SourceFingerprint, IsTheSha256OfSaltThenFileStateThenTable) {
  // sha256("0123456789abcdef0123456789abcdef" "1:2:3:4" "{\"api_key\":\"k\"}"), by Python's hashlib.
  EXPECT_EQ(source_fingerprint(kSalt, PluginFileState{1, 2, 3, 4}, R"({"api_key":"k"})"),
            "4c13fc25071126d27f832179eb4f98ca3b81f6936beb4d4a035ef272ea31b71f");
}

TEST(SourceFingerprint, DiffersWithTheSaltTheFileStateOrTheTable) {
  const PluginFileState state{1, 2, 3, 4};
  const std::string fingerprint = source_fingerprint(kSalt, state, "{}");
  EXPECT_NE(source_fingerprint("fedcba9876543210fedcba9876543210", state, "{}"), fingerprint);
  EXPECT_NE(source_fingerprint(kSalt, PluginFileState{1, 2, 3, 5}, "{}"), fingerprint);
  EXPECT_NE(source_fingerprint(kSalt, std::nullopt, "{}"), fingerprint);
  EXPECT_NE(source_fingerprint(kSalt, state, R"({"api_key":"k"})"), fingerprint);
}

TEST(SourceFingerprint, TheProcessSaltIsThirtyTwoHexDigitsDrawnOnce) {
  const std::string& salt = process_fingerprint_salt();
  EXPECT_EQ(salt.size(), 32u);
  EXPECT_EQ(salt.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(&process_fingerprint_salt(), &salt);
}

}  // namespace
}  // namespace pricefeed::host
