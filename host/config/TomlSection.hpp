#pragma once

// Typed, validated reads from one TOML table of the configuration. Every failure is a ConfigError
// naming the file, the line and the dotted key; every string is ${VAR}-expanded. A key that was
// never asked for is, at the end, an unknown key and gets a warning with the closest asked-for key.

#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "host/config/ParseContext.hpp"

namespace pricefeed::host {

struct StringValue {
  std::string value;
  std::size_t line = 0;
  std::vector<std::string> unset_variables;  // referenced by ${...} but not set

  // " (${A} is not set)" when the value came from unset variables, to explain why it is empty.
  std::string unset_variables_hint() const;
};

// The line of a node, 0 when toml++ does not know it (a node built in code).
std::size_t line_of(const toml::node& node);

// `string "ten"`, `integer 10`, `a table` ...: the "got ..." half of a type error. `hide_value`
// leaves the value out, for secrets.
std::string describe_toml_value(const toml::node& node, bool hide_value);

// True for keys whose values are secrets (tokens, API keys, passwords), which messages never quote.
bool is_secret_key(std::string_view key);

// ${VAR}-expands `text`, turning a malformed reference into a ConfigError at `line`, `key_path`.
StringValue expand_at(const ParseContext& context, std::string_view text, std::size_t line,
                      const std::string& key_path);

class TomlSection {
 public:
  // `table` may be null: the section is absent and every read returns nullopt.
  TomlSection(const ParseContext& context, const toml::table* table, std::string path);

  std::optional<int> integer(std::string_view key, int min, int max = std::numeric_limits<int>::max());
  std::optional<bool> boolean(std::string_view key);
  std::optional<StringValue> string(std::string_view key);
  // A string that must not be empty once expanded.
  std::optional<StringValue> non_empty_string(std::string_view key);
  std::optional<std::vector<StringValue>> strings(std::string_view key);
  // The sub-table at `key`, or nullptr when absent; an error when `key` holds something else.
  const toml::table* table(std::string_view key);
  // The raw node at `key` (nullptr when absent), for values read in a way of their own.
  const toml::node* node(std::string_view key);

  // One warning per key of the table that no read above asked for.
  void warn_about_unknown_keys() const;

  std::string key_path(std::string_view key) const;
  [[noreturn]] void fail(std::size_t line, std::string_view key, std::string problem) const;
  [[noreturn]] void fail_type(const toml::node& node, std::string_view key, std::string_view expected) const;

 private:
  const ParseContext& context_;
  const toml::table* table_;
  std::string path_;
  std::vector<std::string> known_keys_;
};

}  // namespace pricefeed::host
