#include "host/config/DotEnvFile.hpp"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "host/config/ConfigError.hpp"
#include "host/text/AsciiText.hpp"

namespace pricefeed::host {
namespace {

bool is_variable_name(std::string_view name) {
  if (name.empty()) return false;
  auto is_letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  if (!is_letter(name.front())) return false;
  for (char c : name) {
    if (!is_letter(c) && !is_digit(c)) return false;
  }
  return true;
}

// What may follow a closing quote: nothing, or a comment.
bool is_only_comment(std::string_view rest) {
  rest = trim_ascii_blanks(rest);
  return rest.empty() || rest.front() == '#';
}

class LineParser {
 public:
  LineParser(const std::string& origin, std::size_t line_number)
      : origin_(origin), line_number_(line_number) {}

  // Returns false for a blank or comment line.
  bool parse(std::string_view line, std::string& name, std::string& value) const {
    line = trim_ascii_blanks(line);
    if (line.empty() || line.front() == '#') return false;
    if (line.starts_with("export ") || line.starts_with("export\t")) line = trim_ascii_blanks(line.substr(7));

    auto equals = line.find('=');
    if (equals == std::string_view::npos) {
      // The line itself is not quoted back: it may well be a secret pasted on the wrong line.
      fail("", "expected NAME=VALUE");
    }
    name = std::string(trim_ascii_blanks(line.substr(0, equals)));
    if (!is_variable_name(name)) {
      fail("", "\"" + name + "\" is not a variable name (letters, digits and _, not starting with a digit)");
    }
    value = parse_value(trim_ascii_blanks(line.substr(equals + 1)), name);
    return true;
  }

 private:
  std::string parse_value(std::string_view raw, const std::string& name) const {
    if (raw.empty()) return {};
    if (raw.front() == '\'') {
      auto closing = raw.find('\'', 1);
      if (closing == std::string_view::npos) fail(name, "unterminated single quote");
      if (!is_only_comment(raw.substr(closing + 1))) fail(name, "unexpected text after the closing quote");
      return std::string(raw.substr(1, closing - 1));
    }
    if (raw.front() == '"') return parse_double_quoted(raw, name);
    // Unquoted: a `#` starts a comment only after a blank, so `pass#word` stays whole.
    for (std::size_t i = 1; i < raw.size(); ++i) {
      if (raw[i] == '#' && (raw[i - 1] == ' ' || raw[i - 1] == '\t'))
        return std::string(trim_ascii_blanks(raw.substr(0, i)));
    }
    return std::string(raw);
  }

  std::string parse_double_quoted(std::string_view raw, const std::string& name) const {
    std::string value;
    for (std::size_t i = 1; i < raw.size(); ++i) {
      char c = raw[i];
      if (c == '"') {
        if (!is_only_comment(raw.substr(i + 1))) fail(name, "unexpected text after the closing quote");
        return value;
      }
      if (c != '\\' || i + 1 == raw.size()) {
        value += c;
        continue;
      }
      char escaped = raw[++i];
      switch (escaped) {
        case 'n':
          value += '\n';
          break;
        case 't':
          value += '\t';
          break;
        case 'r':
          value += '\r';
          break;
        case '"':
        case '\\':
        case '$':
          value += escaped;
          break;
        default:  // an unknown escape is kept as written, as python-dotenv does
          value += '\\';
          value += escaped;
      }
    }
    fail(name, "unterminated double quote (values must fit on one line)");
  }

  [[noreturn]] void fail(const std::string& name, std::string problem) const {
    throw ConfigError(origin_, line_number_, name, std::move(problem));
  }

  const std::string& origin_;
  std::size_t line_number_;
};

}  // namespace

Environment::Variables parse_dotenv(std::string_view text, const std::string& origin) {
  Environment::Variables variables;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);  // a file edited on Windows

    std::string name;
    std::string value;
    if (LineParser(origin, line_number).parse(line, name, value)) {
      variables.insert_or_assign(std::move(name), std::move(value));
    }
  }
  return variables;
}

Environment::Variables read_dotenv_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) throw ConfigError(file.string(), 0, "", std::string("cannot read: ") + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_dotenv(text.str(), file.string());
}

}  // namespace pricefeed::host
