#include "host/config/TomlSection.hpp"

#include <algorithm>
#include <sstream>
#include <utility>

#include <nlohmann/json.hpp>

#include "host/config/ConfigError.hpp"
#include "host/config/KeySuggestion.hpp"
#include "host/config/VariableExpansion.hpp"
#include "host/redaction/UrlRedaction.hpp"

namespace pricefeed::host {

std::string StringValue::unset_variables_hint() const {
  if (unset_variables.empty()) return {};
  std::string hint = " (";
  for (std::size_t i = 0; i < unset_variables.size(); ++i) {
    if (i > 0) hint += ", ";
    hint += "${" + unset_variables[i] + "}";
  }
  hint += unset_variables.size() == 1 ? " is not set)" : " are not set)";
  return hint;
}

std::size_t line_of(const toml::node& node) {
  return node.source().begin.line;
}

std::string describe_toml_value(const toml::node& node, bool hide_value) {
  auto with_value = [&](std::string_view kind, const auto& value) {
    if (hide_value) return std::string(kind) + " (value hidden)";
    std::ostringstream text;
    text << kind << ' ' << value;
    return text.str();
  };
  switch (node.type()) {
    case toml::node_type::string:
      // JSON quoting escapes quotes and control characters, so the message stays on one line.
      return with_value("string", nlohmann::json(node.as_string()->get()).dump());
    case toml::node_type::integer:
      return with_value("integer", node.as_integer()->get());
    case toml::node_type::floating_point:
      return with_value("floating-point number", *node.as_floating_point());
    case toml::node_type::boolean:
      return with_value("boolean", node.as_boolean()->get() ? "true" : "false");
    case toml::node_type::date:
      return with_value("date", *node.as_date());
    case toml::node_type::time:
      return with_value("time", *node.as_time());
    case toml::node_type::date_time:
      return with_value("date-time", *node.as_date_time());
    case toml::node_type::array:
      return "an array";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::none:
      break;
  }
  return "nothing";
}

StringValue expand_at(const ParseContext& context, std::string_view text, std::size_t line,
                      const std::string& key_path) {
  try {
    auto expanded = expand_variables(text, context.environment);
    return StringValue{std::move(expanded.value), line, std::move(expanded.unset_variables)};
  } catch (const VariableReferenceError& error) {
    throw ConfigError(context.origin, line, key_path, error.what());
  }
}

TomlSection::TomlSection(const ParseContext& context, const toml::table* table, std::string path)
    : context_(context), table_(table), path_(std::move(path)) {}

std::string TomlSection::key_path(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

void TomlSection::fail(std::size_t line, std::string_view key, std::string problem) const {
  throw ConfigError(context_.origin, line, key_path(key), std::move(problem));
}

void TomlSection::fail_type(const toml::node& node, std::string_view key, std::string_view expected) const {
  fail(line_of(node), key,
       "expected " + std::string(expected) + ", got " + describe_toml_value(node, looks_secret(key)));
}

const toml::node* TomlSection::node(std::string_view key) {
  if (std::find(known_keys_.begin(), known_keys_.end(), key) == known_keys_.end()) {
    known_keys_.emplace_back(key);
  }
  return table_ == nullptr ? nullptr : table_->get(key);
}

std::optional<int> TomlSection::integer(std::string_view key, int min, int max) {
  const toml::node* found = node(key);
  if (found == nullptr) return std::nullopt;
  const auto* integer = found->as_integer();
  if (integer == nullptr) fail_type(*found, key, "an integer");
  std::int64_t value = integer->get();
  if (value < min)
    fail(line_of(*found), key, "must be at least " + std::to_string(min) + ", got " + std::to_string(value));
  if (value > max)
    fail(line_of(*found), key, "must be at most " + std::to_string(max) + ", got " + std::to_string(value));
  return static_cast<int>(value);
}

std::optional<bool> TomlSection::boolean(std::string_view key) {
  const toml::node* found = node(key);
  if (found == nullptr) return std::nullopt;
  const auto* boolean = found->as_boolean();
  if (boolean == nullptr) fail_type(*found, key, "a boolean (true or false)");
  return boolean->get();
}

std::optional<StringValue> TomlSection::string(std::string_view key) {
  const toml::node* found = node(key);
  if (found == nullptr) return std::nullopt;
  const auto* string = found->as_string();
  if (string == nullptr) fail_type(*found, key, "a string");
  return expand_at(context_, string->get(), line_of(*found), key_path(key));
}

std::optional<StringValue> TomlSection::non_empty_string(std::string_view key) {
  auto value = string(key);
  if (value && value->value.empty())
    fail(value->line, key, "must not be empty" + value->unset_variables_hint());
  return value;
}

std::optional<std::vector<StringValue>> TomlSection::strings(std::string_view key) {
  const toml::node* found = node(key);
  if (found == nullptr) return std::nullopt;
  const auto* array = found->as_array();
  if (array == nullptr) fail_type(*found, key, "an array of strings");
  std::vector<StringValue> values;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const toml::node& element = *array->get(i);
    std::string element_key = std::string(key) + "[" + std::to_string(i) + "]";
    const auto* string = element.as_string();
    if (string == nullptr) fail_type(element, element_key, "a string");
    values.push_back(expand_at(context_, string->get(), line_of(element), key_path(element_key)));
  }
  return values;
}

const toml::table* TomlSection::table(std::string_view key) {
  const toml::node* found = node(key);
  if (found == nullptr) return nullptr;
  const auto* table = found->as_table();
  if (table == nullptr) fail_type(*found, key, "a table");
  return table;
}

void TomlSection::warn_about_unknown_keys() const {
  if (table_ == nullptr) return;
  std::vector<std::string_view> known(known_keys_.begin(), known_keys_.end());
  for (auto&& [key, value] : *table_) {
    if (std::find(known.begin(), known.end(), key.str()) != known.end()) continue;
    std::string message = value.is_table() ? "unknown table, ignored" : "unknown key, ignored";
    if (auto suggestion = closest_key(key.str(), known))
      message += " (did you mean \"" + *suggestion + "\"?)";
    std::size_t line = key.source().begin.line > 0 ? key.source().begin.line : line_of(value);
    context_.warnings.push_back(
        ConfigWarning{context_.origin, line, key_path(key.str()), std::move(message)});
  }
}

}  // namespace pricefeed::host
