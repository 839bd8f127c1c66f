// pricefeed::Config — typed access to a source instance's configuration (its [sources.X] table).
// Every mistake becomes Error::invalid_config naming the key, so the operator sees which line to fix.
#ifndef PRICEFEED_CONFIG_HPP
#define PRICEFEED_CONFIG_HPP

#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pricefeed/error.hpp"
#include "pricefeed/json.hpp"

namespace pricefeed {

class Config {
 public:
  Config() : root_(Json::Object{}) {}
  explicit Config(Json root, std::string path = "") : root_(std::move(root)), path_(std::move(path)) {
    if (!root_.is_object()) fail(path_.empty() ? "configuration" : path_, "expected a table");
  }

  static Config parse(std::string_view json_text) {
    try {
      return Config(Json::parse(json_text));
    } catch (const JsonError& e) {
      throw Error::invalid_config(std::string("configuration is not valid JSON: ") + e.what());
    }
  }

  bool has(std::string_view key) const { return root_.find(key) != nullptr; }

  std::string string(std::string_view key, std::string fallback = "") const {
    const Json* v = typed(key, Json::Type::string);
    return v ? v->as_string() : fallback;
  }
  std::string required_string(std::string_view key) const {
    std::string value = string(key);
    if (value.empty()) fail(qualified(key), "is required");
    return value;
  }

  std::int64_t integer(std::string_view key, std::int64_t fallback) const {
    const Json* v = typed(key, Json::Type::number);
    if (!v) return fallback;
    double n = v->as_number();
    if (n != std::floor(n) || std::fabs(n) > 9.0e15) fail(qualified(key), "expected an integer");
    return static_cast<std::int64_t>(n);
  }

  double number(std::string_view key, double fallback) const {
    const Json* v = typed(key, Json::Type::number);
    return v ? v->as_number() : fallback;
  }

  bool boolean(std::string_view key, bool fallback) const {
    const Json* v = typed(key, Json::Type::boolean);
    return v ? v->as_bool() : fallback;
  }

  std::vector<std::string> strings(std::string_view key, std::vector<std::string> fallback = {}) const {
    const Json* v = typed(key, Json::Type::array);
    if (!v) return fallback;
    std::vector<std::string> out;
    for (const Json& item : v->as_array()) {
      if (!item.is_string()) fail(qualified(key), "expected an array of strings");
      out.push_back(item.as_string());
    }
    return out;
  }

  // A nested table (TOML [sources.X.sub] or an inline table); empty when absent.
  Config table(std::string_view key) const {
    const Json* v = typed(key, Json::Type::object);
    return v ? Config(*v, qualified(key)) : Config(Json(Json::Object{}), qualified(key));
  }

  const Json& json() const noexcept { return root_; }

 private:
  [[noreturn]] static void fail(const std::string& key, const std::string& what) {
    throw Error::invalid_config(key + ": " + what);
  }

  std::string qualified(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  const Json* typed(std::string_view key, Json::Type type) const {
    const Json* v = root_.find(key);
    if (v == nullptr || v->is_null()) return nullptr;
    if (v->type() != type) {
      fail(qualified(key),
           std::string("expected ") + Json::type_name(type) + ", got " + Json::type_name(v->type()));
    }
    return v;
  }

  Json root_;
  std::string path_;
};

}  // namespace pricefeed

#endif  // PRICEFEED_CONFIG_HPP
