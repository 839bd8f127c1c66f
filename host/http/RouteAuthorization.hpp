#pragma once

// The bearer token of [http].auth_token: when set, routes that change state (POST) need
// "Authorization: Bearer <token>".

#include <string_view>

namespace pricefeed::host {

// True when `authorization` (the header's value) is "Bearer <token>" with exactly `expected_token`.
// The scheme is case-insensitive (RFC 7235). The comparison takes the same time wherever the first
// difference is, so response timing does not reveal how much of a guessed token was right.
bool bearer_token_matches(std::string_view authorization, std::string_view expected_token);

// Equality whose duration depends only on the lengths, not on where the inputs differ.
bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace pricefeed::host
