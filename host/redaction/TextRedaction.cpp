#include "host/redaction/TextRedaction.hpp"

#include <cctype>

#include "host/redaction/SecretParameters.hpp"
#include "host/redaction/SecretValues.hpp"
#include "host/redaction/UrlRedaction.hpp"

namespace pricefeed::host {
namespace {

bool is_scheme_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '+' || c == '-' || c == '.';
}

// Where a URL written into prose ends: at white space, or a quote or bracket around it.
bool ends_url(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0 || c == '"' || c == '\'' || c == '<' || c == '>' ||
         c == '`';
}

}  // namespace

std::string redact_text(std::string_view text) {
  const std::string blanked = redact_secret_values(text);
  std::string_view rest = blanked;
  std::string result;
  result.reserve(blanked.size());
  for (std::size_t marker = rest.find("://"); marker != std::string_view::npos; marker = rest.find("://")) {
    std::size_t begin = marker;
    while (begin > 0 && is_scheme_char(rest[begin - 1]))
      --begin;
    if (begin == marker || std::isalpha(static_cast<unsigned char>(rest[begin])) == 0) {
      result.append(rest.substr(0, marker + 3));
      rest.remove_prefix(marker + 3);
      continue;
    }
    std::size_t end = marker + 3;
    while (end < rest.size() && !ends_url(rest[end]))
      ++end;
    result.append(rest.substr(0, begin));
    result.append(redact_url(rest.substr(begin, end - begin)));
    rest.remove_prefix(end);
  }
  result.append(rest);
  return redact_secret_parameters(result);
}

}  // namespace pricefeed::host
