#include "host/redaction/SecretParameters.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <optional>

#include "host/redaction/UrlRedaction.hpp"
#include "host/text/AsciiText.hpp"

namespace pricefeed::host {
namespace {

// Where a value to hide is written, without its quotes.
struct ValueSpan {
  std::size_t begin;
  std::size_t end;
};

constexpr std::array<std::string_view, 3> kAuthorizationSchemes{"bearer", "basic", "token"};

bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-' || c == '.';
}

// RFC 7235's token68, the alphabet of Bearer and Basic credentials. "<token>" in a usage hint is not one.
bool is_token68_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '.' || c == '_' || c == '~' ||
         c == '+' || c == '/' || c == '=';
}

bool ends_unquoted_value(char c) {
  return is_space(c) || c == '"' || c == '\'' || c == '&' || c == '\\';
}

std::size_t skip_spaces(std::string_view text, std::size_t at) {
  while (at < text.size() && text[at] == ' ')
    ++at;
  return at;
}

// A quoted value (libpq's '...' with \ escapes, or JSON's "..."), from its opening quote.
ValueSpan quoted_value(std::string_view text, std::size_t open) {
  const char quote = text[open];
  std::size_t at = open + 1;
  while (at < text.size() && text[at] != quote) {
    if (text[at] == '\\') ++at;
    ++at;
  }
  return {open + 1, std::min(at, text.size())};
}

ValueSpan unquoted_value(std::string_view text, std::size_t begin) {
  std::size_t end = begin;
  while (end < text.size() && !ends_unquoted_value(text[end]))
    ++end;
  return {begin, end};
}

// After "Authorization:" or "authorization=": the credentials following a known scheme, if any.
std::optional<ValueSpan> authorization_credentials(std::string_view text, std::size_t at) {
  if (at < text.size() && text[at] == '"') ++at;
  std::size_t scheme_end = at;
  while (scheme_end < text.size() && std::isalpha(static_cast<unsigned char>(text[scheme_end])) != 0)
    ++scheme_end;
  const std::string_view scheme = text.substr(at, scheme_end - at);
  const bool known = std::any_of(kAuthorizationSchemes.begin(), kAuthorizationSchemes.end(),
                                 [&](std::string_view s) { return equal_ignoring_ascii_case(s, scheme); });
  if (!known || scheme_end >= text.size() || text[scheme_end] != ' ') return std::nullopt;
  const std::size_t begin = skip_spaces(text, scheme_end);
  std::size_t end = begin;
  while (end < text.size() && is_token68_char(text[end]))
    ++end;
  if (end == begin) return std::nullopt;
  return ValueSpan{begin, end};
}

// The value belonging to the separator ('=' or ':') at `separator`, when the name before it looks
// secret. A colon only separates a JSON member ("name": value) or an Authorization header: prose
// such as "token: missing" is left alone.
std::optional<ValueSpan> secret_value_at(std::string_view text, std::size_t separator) {
  const bool colon = text[separator] == ':';
  if (!colon && separator + 1 < text.size() && text[separator + 1] == '=') return std::nullopt;  // ==
  std::size_t name_end = separator;
  while (name_end > 0 && text[name_end - 1] == ' ')
    --name_end;
  const bool quoted_name = name_end > 0 && text[name_end - 1] == '"';
  if (quoted_name) --name_end;
  std::size_t name_begin = name_end;
  while (name_begin > 0 && is_name_char(text[name_begin - 1]))
    --name_begin;
  const std::string_view name = text.substr(name_begin, name_end - name_begin);
  if (name.empty() || !looks_secret(name)) return std::nullopt;

  const std::size_t value_begin = skip_spaces(text, separator + 1);
  if (equal_ignoring_ascii_case(name, "authorization") ||
      equal_ignoring_ascii_case(name, "proxy-authorization")) {
    if (auto credentials = authorization_credentials(text, value_begin)) return credentials;
  }
  if (colon && !quoted_name) return std::nullopt;
  if (value_begin >= text.size()) return std::nullopt;
  const char first = text[value_begin];
  // A JSON member's secret is a string. A number, array or object under a name such as "sessions" or
  // "tokens" is data, and replacing it would break the JSON that `--format json` prints.
  if (colon && first != '"') return std::nullopt;
  const ValueSpan value =
      first == '\'' || first == '"' ? quoted_value(text, value_begin) : unquoted_value(text, value_begin);
  if (value.begin == value.end) return std::nullopt;
  return value;
}

std::vector<ValueSpan> secret_value_spans(std::string_view text) {
  std::vector<ValueSpan> spans;
  for (std::size_t at = 0; at < text.size(); ++at) {
    if (text[at] != '=' && text[at] != ':') continue;
    if (auto value = secret_value_at(text, at)) {
      spans.push_back(*value);
      at = value->end;  // a separator inside a hidden value starts nothing
    }
  }
  return spans;
}

}  // namespace

std::string redact_secret_parameters(std::string_view text) {
  std::string result;
  result.reserve(text.size());
  std::size_t copied = 0;
  for (const ValueSpan& value : secret_value_spans(text)) {
    result.append(text.substr(copied, value.begin - copied));
    result.append(kRedacted);
    copied = value.end;
  }
  result.append(text.substr(copied));
  return result;
}

std::vector<std::string> secret_parameter_values(std::string_view text) {
  std::vector<std::string> values;
  for (const ValueSpan& value : secret_value_spans(text))
    values.emplace_back(text.substr(value.begin, value.end - value.begin));
  return values;
}

}  // namespace pricefeed::host
