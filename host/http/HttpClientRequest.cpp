#include "host/http/HttpClientRequest.hpp"

#include "host/text/AsciiText.hpp"

namespace pricefeed::host {

std::optional<std::string_view> find_header(const HttpHeaders& headers, std::string_view name) {
  for (const HttpHeader& header : headers) {
    if (equal_ignoring_ascii_case(header.name, name)) return std::string_view(header.value);
  }
  return std::nullopt;
}

}  // namespace pricefeed::host
