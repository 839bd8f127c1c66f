#include "tests/sandbox/TestSupport.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace pricefeed::sandbox::testing {

using nlohmann::json;

std::string fixtures_dir() {
  if (const char* src = std::getenv("PRICEFEED_SOURCE_DIR"); src && *src) {
    std::string dir = std::string(src) + "/tests/fixtures";
    if (std::ifstream(dir + "/README.md")) return dir;
  }
  return PRICEFEED_SANDBOX_FIXTURES;
}

std::string read_fixture(const std::string& relative) {
  std::ifstream in(fixtures_dir() + "/" + relative, std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + relative);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

json fixture_json(const std::string& relative) {
  return json::parse(read_fixture(relative));
}

namespace {
std::string type_of(const json& j) {
  if (j.is_number()) return "number";
  return j.type_name();
}
bool keyed_by_timestamps(const json& j) {
  if (!j.is_object() || j.empty()) return false;
  for (const auto& [k, v] : j.items()) {
    if (k.empty() || k.find_first_not_of("0123456789") != std::string::npos) return false;
  }
  return true;
}
}  // namespace

std::vector<std::string> structure_differences(const json& expected, const json& actual,
                                               const std::string& path) {
  std::vector<std::string> out;
  if (type_of(expected) != type_of(actual)) {
    out.push_back(path + ": expected " + type_of(expected) + ", got " + type_of(actual));
    return out;
  }
  auto append = [&](std::vector<std::string> more) { out.insert(out.end(), more.begin(), more.end()); };
  if (expected.is_object()) {
    if (keyed_by_timestamps(expected) && keyed_by_timestamps(actual)) {
      const json& first = expected.begin().value();
      for (const auto& [k, v] : actual.items())
        append(structure_differences(first, v, path + "." + k));
      return out;
    }
    for (const auto& [k, v] : expected.items()) {
      if (!actual.contains(k))
        out.push_back(path + "." + k + ": missing");
      else
        append(structure_differences(v, actual[k], path + "." + k));
    }
    for (const auto& [k, v] : actual.items()) {
      if (!expected.contains(k)) out.push_back(path + "." + k + ": unexpected");
    }
  } else if (expected.is_array() && !expected.empty()) {
    for (std::size_t i = 0; i < actual.size(); ++i) {
      append(structure_differences(expected[0], actual[i], path + "[" + std::to_string(i) + "]"));
      if (out.size() > 20) break;
    }
  }
  return out;
}

std::string join(const std::vector<std::string>& lines) {
  std::string s;
  for (const auto& l : lines)
    s += l + "\n";
  return s;
}

TestSandbox::TestSandbox(SandboxOptions options)
    : sandbox_(std::make_unique<Sandbox>(options)),
      server_(std::make_unique<Server>(*sandbox_, "127.0.0.1:0", 2, false)) {}

TestSandbox::~TestSandbox() {
  server_.reset();
}

HttpResult TestSandbox::get(const std::string& target,
                            const std::vector<std::pair<std::string, std::string>>& headers) const {
  return http_request(port(), "GET", target, "", headers);
}

HttpResult TestSandbox::post(const std::string& target, const std::string& body) const {
  return http_request(port(), "POST", target, body);
}

json TestSandbox::get_json(const std::string& target) const {
  auto r = get(target);
  if (r.status != 200)
    throw std::runtime_error("GET " + target + " answered " + std::to_string(r.status) + ": " + r.body);
  return json::parse(r.body);
}

SandboxOptions frozen_at(const std::string& instant) {
  SandboxOptions o;
  o.now = parse_instant(instant);
  return o;
}

std::chrono::sys_days day(const std::string& iso) {
  return *parse_iso_date(iso);
}

}  // namespace pricefeed::sandbox::testing
