#include "host/db/DatabaseUrl.hpp"

#include <cctype>
#include <cstddef>

namespace pricefeed::host {
namespace {

constexpr std::string_view kRedacted = "***";

bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != prefix[i]) return false;
  }
  return true;
}

bool is_url_form(std::string_view url) {
  return starts_with_ignoring_case(url, "postgresql://") || starts_with_ignoring_case(url, "postgres://");
}

// postgresql://[user[:password]@][host][:port][/dbname][?param=value&...]
std::string redact_url_form(std::string_view url) {
  const std::size_t authority_begin = url.find("://") + 3;
  std::size_t authority_end = url.find_first_of("/?", authority_begin);
  if (authority_end == std::string_view::npos) authority_end = url.size();

  std::string redacted;
  redacted.reserve(url.size());

  // The user info ends at the last '@' of the authority: a password may itself contain '@'
  // only percent-encoded, but a sloppy one is still better hidden than shown.
  const std::string_view authority = url.substr(authority_begin, authority_end - authority_begin);
  const std::size_t at = authority.rfind('@');
  redacted.append(url.substr(0, authority_begin));
  if (at != std::string_view::npos) {
    const std::string_view user_info = authority.substr(0, at);
    const std::size_t colon = user_info.find(':');
    if (colon != std::string_view::npos) {
      redacted.append(user_info.substr(0, colon + 1)).append(kRedacted);
    } else {
      redacted.append(user_info);
    }
    redacted.append(authority.substr(at));
  } else {
    redacted.append(authority);
  }

  const std::size_t query_begin = url.find('?', authority_end);
  redacted.append(url.substr(authority_end, query_begin == std::string_view::npos
                                                ? std::string_view::npos
                                                : query_begin - authority_end));
  if (query_begin == std::string_view::npos) return redacted;

  // Query parameters: key=value pairs separated by '&'; hide the value of "password".
  redacted.push_back('?');
  std::string_view query = url.substr(query_begin + 1);
  bool first = true;
  while (true) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    if (!first) redacted.push_back('&');
    first = false;
    const std::size_t equals = pair.find('=');
    if (equals != std::string_view::npos && starts_with_ignoring_case(pair, "password") &&
        equals == std::string_view("password").size()) {
      redacted.append(pair.substr(0, equals + 1)).append(kRedacted);
    } else {
      redacted.append(pair);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return redacted;
}

// keyword = value pairs separated by white space; a value may be single-quoted with \' and \\ escapes.
std::string redact_keyword_value_form(std::string_view conninfo) {
  std::string redacted;
  redacted.reserve(conninfo.size());
  std::size_t i = 0;
  const auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (i < conninfo.size()) {
    while (i < conninfo.size() && is_space(conninfo[i]))
      redacted.push_back(conninfo[i++]);
    const std::size_t keyword_begin = i;
    while (i < conninfo.size() && conninfo[i] != '=' && !is_space(conninfo[i]))
      ++i;
    const std::string_view keyword = conninfo.substr(keyword_begin, i - keyword_begin);
    redacted.append(keyword);
    while (i < conninfo.size() && is_space(conninfo[i]))
      redacted.push_back(conninfo[i++]);
    if (i >= conninfo.size() || conninfo[i] != '=') continue;
    redacted.push_back(conninfo[i++]);
    while (i < conninfo.size() && is_space(conninfo[i]))
      redacted.push_back(conninfo[i++]);

    const std::size_t value_begin = i;
    if (i < conninfo.size() && conninfo[i] == '\'') {
      for (++i; i < conninfo.size() && conninfo[i] != '\''; ++i) {
        if (conninfo[i] == '\\') ++i;
      }
      if (i < conninfo.size()) ++i;  // the closing quote
    } else {
      while (i < conninfo.size() && !is_space(conninfo[i]))
        ++i;
    }
    if (keyword == "password") {
      redacted.append(kRedacted);
    } else {
      redacted.append(conninfo.substr(value_begin, i - value_begin));
    }
  }
  return redacted;
}

}  // namespace

std::string redact_database_url(std::string_view url) {
  return is_url_form(url) ? redact_url_form(url) : redact_keyword_value_form(url);
}

}  // namespace pricefeed::host
