// How much one plugin call may hand the host (docs/queue-and-writing.md, "What a plugin may deliver"):
// a plugin is code the host runs but does not trust with its memory or its tables. Past a cap the
// host keeps what came first, counts the rest and drops it; past the per-callback cap the call fails
// as misuse (nothing of that callback is copied). A quote call keeps at most one quote per symbol it
// asked for (host/daemon/QuoteFetcher.cpp); a catalog call past kMaxAssetsPerCall fails whole.
#pragma once

#include <cstddef>

namespace pricefeed::host {

// Records in one bars/quotes/assets callback: what the host copies (and reserves) at once. The
// SDK's writers send 512 bars or 1000 quotes/assets per callback.
inline constexpr std::size_t kMaxRecordsPerCallback = std::size_t{1} << 16;  // 65,536

// Bytes in one string field of a record or call (a symbol, a name, an `unavailable` reason): far more
// than any real one, so the per-callback cap also bounds the bytes copied.
inline constexpr std::size_t kMaxTextBytes = 4096;

// Per history call.
inline constexpr std::size_t kMaxUnavailableRangesPerCall = 1000;
inline constexpr std::size_t kMaxActionsPerCall = 10000;

// Per catalog call: about 20 times the largest real listing (Nasdaq's symbol directory, ~12,000).
inline constexpr std::size_t kMaxAssetsPerCall = 250000;

}  // namespace pricefeed::host
