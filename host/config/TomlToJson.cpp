#include "host/config/TomlToJson.hpp"

#include <cmath>
#include <sstream>

#include "host/config/ConfigError.hpp"
#include "host/config/TomlSection.hpp"

namespace pricefeed::host {
namespace {

template <typename Printable>
std::string toml_text(const Printable& value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

nlohmann::json to_json(const ParseContext& context, const toml::node& node, const std::string& key_path) {
  switch (node.type()) {
    case toml::node_type::table:
      return toml_table_to_json(context, *node.as_table(), key_path);
    case toml::node_type::array: {
      auto array = nlohmann::json::array();
      const auto& elements = *node.as_array();
      for (std::size_t i = 0; i < elements.size(); ++i) {
        array.push_back(to_json(context, *elements.get(i), key_path + "[" + std::to_string(i) + "]"));
      }
      return array;
    }
    case toml::node_type::string:
      return expand_at(context, node.as_string()->get(), line_of(node), key_path).value;
    case toml::node_type::integer:
      return node.as_integer()->get();
    case toml::node_type::floating_point: {
      double value = node.as_floating_point()->get();
      if (!std::isfinite(value)) {
        throw ConfigError(context.origin, line_of(node), key_path,
                          "nan and inf cannot be passed to a plugin");
      }
      return value;
    }
    case toml::node_type::boolean:
      return node.as_boolean()->get();
    case toml::node_type::date:
      return toml_text(*node.as_date());
    case toml::node_type::time:
      return toml_text(*node.as_time());
    case toml::node_type::date_time:
      return toml_text(*node.as_date_time());
    case toml::node_type::none:
      break;
  }
  return nullptr;
}

}  // namespace

nlohmann::json toml_table_to_json(const ParseContext& context, const toml::table& table,
                                  const std::string& key_path) {
  auto object = nlohmann::json::object();
  for (auto&& [key, value] : table) {
    object[std::string(key.str())] = to_json(context, value, key_path + "." + std::string(key.str()));
  }
  return object;
}

}  // namespace pricefeed::host
