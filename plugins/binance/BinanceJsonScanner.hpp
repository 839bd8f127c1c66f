#pragma once

// A strict, allocation-free reader of one JSON text, token by token, for the stream frames: Binance
// sends thousands a second, and building a document tree for each (as the REST parsers do with
// nlohmann::json) would cost ten times the scan (docs/benchmarks.md, binance_frame_bench).
//
// It reads what RFC 8259 allows and nothing else: a value it is asked for must be there with its type,
// skipped values are checked as thoroughly as read ones (so a truncated or garbled frame never passes
// for a shorter valid one), and only whitespace may follow the text. Strings are handed out as they
// are written, escapes checked but not decoded: the fields read here (names, decimals) never need one,
// and one where it does not belong fails the caller's own check. Every failure is a BinanceFormatError
// naming the JSON path the caller gave and the byte offset.

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace pricefeed::binance {

class BinanceJsonScanner {
 public:
  explicit BinanceJsonScanner(std::string_view text) : text_(text) {}

  // '{' opening an object at `path`.
  void begin_object(std::string_view path);
  // The next member's key of the object begun last, or false once its '}' is consumed. `first` is
  // true before the first call on an object and is kept up to date here.
  bool next_member(bool& first, std::string_view& key, std::string_view path);

  // A string's contents, between its quotes, escapes as written.
  std::string_view string(std::string_view path);
  // An integer without fraction or exponent that fits in 64 bits.
  std::int64_t integer(std::string_view path);
  // Any value, checked; its text as written (for an id to quote in a message).
  std::string_view skip_value(std::string_view path);

  // Only whitespace is left.
  void end();

 private:
  static constexpr int kMaxDepth = 32;  // deeper nesting is not a frame of Binance's

  void skip_whitespace();
  char peek(std::string_view path);  // the next non-space character; the text must not end here
  void expect(char c, std::string_view path);
  void skip_nested(std::string_view path, int depth);
  void skip_number(std::string_view path);
  void skip_literal(std::string_view literal, std::string_view path);
  [[noreturn]] void fail(std::string_view path, std::string_view expected) const;

  std::string_view text_;
  std::size_t at_ = 0;
};

}  // namespace pricefeed::binance
