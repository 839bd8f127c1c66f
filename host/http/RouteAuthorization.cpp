#include "host/http/RouteAuthorization.hpp"

#include <cctype>

namespace pricefeed::host {

bool constant_time_equals(std::string_view a, std::string_view b) {
  // Walk all of `b` whatever happens, folding every difference (the lengths' too) into one value that
  // is only tested at the end.
  unsigned difference = static_cast<unsigned>(a.size() ^ b.size());
  for (std::size_t i = 0; i < b.size(); ++i) {
    const unsigned char from_a = a.empty() ? 0 : static_cast<unsigned char>(a[i % a.size()]);
    difference |= from_a ^ static_cast<unsigned char>(b[i]);
  }
  return difference == 0;
}

bool bearer_token_matches(std::string_view authorization, std::string_view expected_token) {
  constexpr std::string_view kScheme = "bearer ";
  if (expected_token.empty() || authorization.size() < kScheme.size()) return false;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i]) return false;
  }
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ')
    token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ')
    token.remove_suffix(1);
  return constant_time_equals(token, expected_token);
}

}  // namespace pricefeed::host
