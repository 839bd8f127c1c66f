#include "binance/BinanceJsonScanner.hpp"

#include <string>

#include "binance/BinanceFormatError.hpp"

namespace pricefeed::binance {

namespace {

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

bool is_hex(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

}  // namespace

void BinanceJsonScanner::fail(std::string_view path, std::string_view expected) const {
  std::string message(path);
  message += ": expected ";
  message += expected;
  if (at_ >= text_.size()) {
    message += ", but the frame ends at byte " + std::to_string(text_.size());
  } else {
    message += ", got '";
    message += text_[at_];
    message += "' at byte " + std::to_string(at_);
  }
  throw BinanceFormatError(message);
}

void BinanceJsonScanner::skip_whitespace() {
  while (at_ < text_.size()) {
    const char c = text_[at_];
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
    ++at_;
  }
}

char BinanceJsonScanner::peek(std::string_view path) {
  skip_whitespace();
  if (at_ >= text_.size()) fail(path, "a value");
  return text_[at_];
}

void BinanceJsonScanner::expect(char c, std::string_view path) {
  skip_whitespace();
  if (at_ >= text_.size() || text_[at_] != c) fail(path, std::string("'") + c + "'");
  ++at_;
}

void BinanceJsonScanner::begin_object(std::string_view path) {
  skip_whitespace();
  if (at_ >= text_.size() || text_[at_] != '{') fail(path, "an object");
  ++at_;
}

bool BinanceJsonScanner::next_member(bool& first, std::string_view& key, std::string_view path) {
  if (peek(path) == '}') {
    ++at_;
    return false;
  }
  if (!first) expect(',', path);
  first = false;
  key = string(path);
  expect(':', path);
  return true;
}

std::string_view BinanceJsonScanner::string(std::string_view path) {
  skip_whitespace();
  if (at_ >= text_.size() || text_[at_] != '"') fail(path, "a string");
  const std::size_t begin = ++at_;
  while (at_ < text_.size()) {
    const char c = text_[at_];
    if (c == '"') return text_.substr(begin, at_++ - begin);
    if (static_cast<unsigned char>(c) < 0x20) fail(path, "a string without control characters");
    if (c == '\\') {
      ++at_;
      if (at_ >= text_.size()) break;
      const char escaped = text_[at_];
      if (escaped == 'u') {
        for (int i = 0; i < 4; ++i) {
          ++at_;
          if (at_ >= text_.size() || !is_hex(text_[at_])) fail(path, "four hex digits after \\u");
        }
      } else if (std::string_view("\"\\/bfnrt").find(escaped) == std::string_view::npos) {
        fail(path, "an escape of JSON's");
      }
    }
    ++at_;
  }
  fail(path, "the string's closing quote");
}

std::int64_t BinanceJsonScanner::integer(std::string_view path) {
  skip_whitespace();
  const bool negative = at_ < text_.size() && text_[at_] == '-';
  if (negative) ++at_;
  if (at_ >= text_.size() || !is_digit(text_[at_])) fail(path, "an integer");
  const std::size_t begin = at_;
  // Magnitudes up to 2^63 - 1 (and 2^63 for a negative number) fit.
  constexpr std::uint64_t kLimit = std::uint64_t{1} << 63;
  std::uint64_t value = 0;
  while (at_ < text_.size() && is_digit(text_[at_])) {
    const auto digit = static_cast<std::uint64_t>(text_[at_] - '0');
    if (value > (kLimit - digit) / 10) fail(path, "an integer of 64 bits");
    value = value * 10 + digit;
    ++at_;
  }
  if (text_[begin] == '0' && at_ - begin > 1) {
    at_ = begin + 1;
    fail(path, "an integer without leading zeros");
  }
  if (at_ < text_.size() && (text_[at_] == '.' || text_[at_] == 'e' || text_[at_] == 'E')) {
    fail(path, "an integer");
  }
  if (!negative && value == kLimit) fail(path, "an integer of 64 bits");
  return negative ? static_cast<std::int64_t>(0 - value) : static_cast<std::int64_t>(value);
}

std::string_view BinanceJsonScanner::skip_value(std::string_view path) {
  peek(path);
  const std::size_t begin = at_;
  skip_nested(path, 0);
  return text_.substr(begin, at_ - begin);
}

void BinanceJsonScanner::skip_nested(std::string_view path, int depth) {
  switch (peek(path)) {
    case '"':
      string(path);
      return;
    case '{': {
      if (depth >= kMaxDepth) fail(path, "at most 32 levels of nesting");
      ++at_;
      bool first = true;
      std::string_view key;
      while (next_member(first, key, path))
        skip_nested(path, depth + 1);
      return;
    }
    case '[': {
      if (depth >= kMaxDepth) fail(path, "at most 32 levels of nesting");
      ++at_;
      if (peek(path) == ']') {
        ++at_;
        return;
      }
      skip_nested(path, depth + 1);
      while (peek(path) != ']') {
        expect(',', path);
        skip_nested(path, depth + 1);
      }
      ++at_;
      return;
    }
    case 't':
      return skip_literal("true", path);
    case 'f':
      return skip_literal("false", path);
    case 'n':
      return skip_literal("null", path);
    default:
      return skip_number(path);
  }
}

void BinanceJsonScanner::skip_literal(std::string_view literal, std::string_view path) {
  if (text_.substr(at_, literal.size()) != literal) fail(path, std::string(literal));
  at_ += literal.size();
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
void BinanceJsonScanner::skip_number(std::string_view path) {
  const auto digits = [&] {
    if (at_ >= text_.size() || !is_digit(text_[at_])) fail(path, "a JSON value");
    while (at_ < text_.size() && is_digit(text_[at_]))
      ++at_;
  };
  if (text_[at_] == '-') ++at_;
  if (at_ < text_.size() && text_[at_] == '0') {
    ++at_;
  } else {
    digits();
  }
  if (at_ < text_.size() && text_[at_] == '.') {
    ++at_;
    digits();
  }
  if (at_ < text_.size() && (text_[at_] == 'e' || text_[at_] == 'E')) {
    ++at_;
    if (at_ < text_.size() && (text_[at_] == '+' || text_[at_] == '-')) ++at_;
    digits();
  }
}

void BinanceJsonScanner::end() {
  skip_whitespace();
  if (at_ < text_.size()) fail("the frame", "nothing after the JSON value");
}

}  // namespace pricefeed::binance
