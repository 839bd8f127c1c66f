// pricefeed::Url — builds request URLs with every caller-supplied part escaped, so a symbol such as
// "BRK-B" or "EURUSD=X" can never change the shape of the request.
#ifndef PRICEFEED_URL_HPP
#define PRICEFEED_URL_HPP

#include <cstdint>
#include <string>
#include <string_view>

namespace pricefeed {

// Percent-encodes everything outside RFC 3986's unreserved set.
inline std::string url_escape(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

class Url {
 public:
  // base is trusted configuration (e.g. "https://query1.finance.yahoo.com"); a trailing '/' is dropped.
  explicit Url(std::string_view base) : url_(base) {
    while (!url_.empty() && url_.back() == '/')
      url_.pop_back();
  }

  // A literal path written by the plugin author, e.g. "/v8/finance/chart".
  Url& path(std::string_view literal) {
    url_ += literal;
    return *this;
  }
  // One path segment from data: escaped, so "/" or ".." cannot escape it.
  Url& segment(std::string_view value) {
    url_ += '/';
    url_ += url_escape(value);
    return *this;
  }
  Url& query(std::string_view key, std::string_view value) {
    url_ += has_query_ ? '&' : '?';
    has_query_ = true;
    url_ += url_escape(key);
    url_ += '=';
    url_ += url_escape(value);
    return *this;
  }
  Url& query(std::string_view key, std::int64_t value) { return query(key, std::to_string(value)); }

  const std::string& str() const noexcept { return url_; }

 private:
  std::string url_;
  bool has_query_ = false;
};

}  // namespace pricefeed

#endif  // PRICEFEED_URL_HPP
