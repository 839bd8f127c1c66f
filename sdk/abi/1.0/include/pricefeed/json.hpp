// pricefeed::Json — a small, strict JSON reader, so that a plugin needs no library beyond the SDK to
// read its configuration (the host hands each instance its [sources.X] table as JSON text).
// Bundled plugins parse large upstream answers with a full JSON library; this one aims at clarity.
#ifndef PRICEFEED_JSON_HPP
#define PRICEFEED_JSON_HPP

#include <cstdint>
#include <locale>
#include <map>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pricefeed {

class JsonError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Json {
 public:
  enum class Type { null, boolean, number, string, array, object };
  using Array = std::vector<Json>;
  using Object = std::map<std::string, Json, std::less<>>;

  Json() = default;
  explicit Json(bool value) : type_(Type::boolean), boolean_(value) {}
  explicit Json(double value) : type_(Type::number), number_(value) {}
  explicit Json(std::string value) : type_(Type::string), string_(std::move(value)) {}
  explicit Json(Array value) : type_(Type::array), array_(std::make_shared<Array>(std::move(value))) {}
  explicit Json(Object value) : type_(Type::object), object_(std::make_shared<Object>(std::move(value))) {}

  static Json parse(std::string_view text);

  Type type() const noexcept { return type_; }
  bool is_null() const noexcept { return type_ == Type::null; }
  bool is_bool() const noexcept { return type_ == Type::boolean; }
  bool is_number() const noexcept { return type_ == Type::number; }
  bool is_string() const noexcept { return type_ == Type::string; }
  bool is_array() const noexcept { return type_ == Type::array; }
  bool is_object() const noexcept { return type_ == Type::object; }

  bool as_bool() const { return expect(Type::boolean), boolean_; }
  double as_number() const { return expect(Type::number), number_; }
  const std::string& as_string() const { return expect(Type::string), string_; }
  const Array& as_array() const { return expect(Type::array), *array_; }
  const Object& as_object() const { return expect(Type::object), *object_; }

  // The member named key of an object, or nullptr (also when this is not an object).
  const Json* find(std::string_view key) const {
    if (type_ != Type::object) return nullptr;
    auto it = object_->find(key);
    return it == object_->end() ? nullptr : &it->second;
  }

  static const char* type_name(Type type) noexcept {
    switch (type) {
      case Type::null:
        return "null";
      case Type::boolean:
        return "a boolean";
      case Type::number:
        return "a number";
      case Type::string:
        return "a string";
      case Type::array:
        return "an array";
      case Type::object:
        return "an object";
    }
    return "?";
  }

 private:
  void expect(Type wanted) const {
    if (type_ != wanted) {
      throw JsonError(std::string("expected ") + type_name(wanted) + ", got " + type_name(type_));
    }
  }

  Type type_ = Type::null;
  bool boolean_ = false;
  double number_ = 0;
  std::string string_;
  std::shared_ptr<const Array> array_;
  std::shared_ptr<const Object> object_;
};

namespace detail {

class JsonReader {
 public:
  explicit JsonReader(std::string_view text) : text_(text) {}

  Json document() {
    Json value = read_value(0);
    skip_space();
    if (pos_ != text_.size()) fail("unexpected text after the JSON value");
    return value;
  }

 private:
  static constexpr int kMaxDepth = 64;

  [[noreturn]] void fail(const std::string& what) const {
    throw JsonError("JSON at offset " + std::to_string(pos_) + ": " + what);
  }

  void skip_space() {
    while (pos_ < text_.size() &&
           (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == '\n' || text_[pos_] == '\r')) {
      ++pos_;
    }
  }

  char peek() {
    skip_space();
    if (pos_ >= text_.size()) fail("unexpected end of input");
    return text_[pos_];
  }

  void consume_literal(std::string_view literal) {
    if (text_.substr(pos_, literal.size()) != literal) fail("invalid literal");
    pos_ += literal.size();
  }

  Json read_value(int depth) {
    if (depth > kMaxDepth) fail("nesting deeper than 64 levels");
    char c = peek();
    switch (c) {
      case '{':
        return read_object(depth);
      case '[':
        return read_array(depth);
      case '"':
        return Json(read_string());
      case 't':
        consume_literal("true");
        return Json(true);
      case 'f':
        consume_literal("false");
        return Json(false);
      case 'n':
        consume_literal("null");
        return Json();
      default:
        return Json(read_number());
    }
  }

  Json read_object(int depth) {
    ++pos_;
    Json::Object members;
    if (peek() == '}') {
      ++pos_;
      return Json(std::move(members));
    }
    for (;;) {
      if (peek() != '"') fail("expected a member name");
      std::string key = read_string();
      if (peek() != ':') fail("expected ':' after member name");
      ++pos_;
      members.insert_or_assign(std::move(key), read_value(depth + 1));
      char c = peek();
      ++pos_;
      if (c == '}') return Json(std::move(members));
      if (c != ',') fail("expected ',' or '}' in object");
    }
  }

  Json read_array(int depth) {
    ++pos_;
    Json::Array items;
    if (peek() == ']') {
      ++pos_;
      return Json(std::move(items));
    }
    for (;;) {
      items.push_back(read_value(depth + 1));
      char c = peek();
      ++pos_;
      if (c == ']') return Json(std::move(items));
      if (c != ',') fail("expected ',' or ']' in array");
    }
  }

  double read_number() {
    std::size_t start = pos_;
    auto digits = [&] {
      std::size_t from = pos_;
      while (pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '9')
        ++pos_;
      if (pos_ == from) fail("expected a digit");
    };
    if (pos_ < text_.size() && text_[pos_] == '-') ++pos_;
    digits();
    if (pos_ < text_.size() && text_[pos_] == '.') {
      ++pos_;
      digits();
    }
    if (pos_ < text_.size() && (text_[pos_] == 'e' || text_[pos_] == 'E')) {
      ++pos_;
      if (pos_ < text_.size() && (text_[pos_] == '+' || text_[pos_] == '-')) ++pos_;
      digits();
    }
    // A classic-locale stream: strtod would follow the process locale's decimal separator.
    std::istringstream in(std::string(text_.substr(start, pos_ - start)));
    in.imbue(std::locale::classic());
    double value = 0;
    in >> value;
    return value;
  }

  unsigned read_hex4() {
    if (pos_ + 4 > text_.size()) fail("truncated \\u escape");
    unsigned value = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      value <<= 4;
      if (c >= '0' && c <= '9')
        value |= unsigned(c - '0');
      else if (c >= 'a' && c <= 'f')
        value |= unsigned(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        value |= unsigned(c - 'A' + 10);
      else
        fail("invalid \\u escape");
    }
    return value;
  }

  static void append_utf8(std::string& out, std::uint32_t cp) {
    if (cp < 0x80) {
      out += char(cp);
    } else if (cp < 0x800) {
      out += char(0xC0 | (cp >> 6));
      out += char(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += char(0xE0 | (cp >> 12));
      out += char(0x80 | ((cp >> 6) & 0x3F));
      out += char(0x80 | (cp & 0x3F));
    } else {
      out += char(0xF0 | (cp >> 18));
      out += char(0x80 | ((cp >> 12) & 0x3F));
      out += char(0x80 | ((cp >> 6) & 0x3F));
      out += char(0x80 | (cp & 0x3F));
    }
  }

  std::string read_string() {
    ++pos_;  // opening quote
    std::string out;
    for (;;) {
      if (pos_ >= text_.size()) fail("unterminated string");
      char c = text_[pos_++];
      if (c == '"') return out;
      if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos_ >= text_.size()) fail("unterminated escape");
      switch (char e = text_[pos_++]) {
        case '"':
          out += '"';
          break;
        case '\\':
          out += '\\';
          break;
        case '/':
          out += '/';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'n':
          out += '\n';
          break;
        case 'r':
          out += '\r';
          break;
        case 't':
          out += '\t';
          break;
        case 'u': {
          std::uint32_t cp = read_hex4();
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (text_.substr(pos_, 2) != "\\u") fail("unpaired surrogate");
            pos_ += 2;
            std::uint32_t low = read_hex4();
            if (low < 0xDC00 || low > 0xDFFF) fail("unpaired surrogate");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            fail("unpaired surrogate");
          }
          append_utf8(out, cp);
          break;
        }
        default:
          fail(std::string("invalid escape \\") + e);
      }
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

}  // namespace detail

inline Json Json::parse(std::string_view text) {
  return detail::JsonReader(text).document();
}

}  // namespace pricefeed

#endif  // PRICEFEED_JSON_HPP
