#include "host/http/HttpClientRequest.hpp"

#include <algorithm>
#include <cctype>

namespace pricefeed::host {

namespace {

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  });
}

}  // namespace

std::optional<std::string_view> find_header(const HttpHeaders& headers, std::string_view name) {
  for (const HttpHeader& header : headers) {
    if (equal_ignoring_case(header.name, name)) return std::string_view(header.value);
  }
  return std::nullopt;
}

}  // namespace pricefeed::host
