// Shared helpers of the sandbox tests: fixtures, an in-process sandbox, JSON structure comparison.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/sandbox/Sandbox.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/sandbox/Server.hpp"

namespace pricefeed::sandbox::testing {

// tests/fixtures (from PRICEFEED_SOURCE_DIR when set).
std::string fixtures_dir();
std::string read_fixture(const std::string& relative);
nlohmann::json fixture_json(const std::string& relative);

// Differences between the key structure of `expected` and `actual`: objects need the same keys (objects
// keyed by timestamps compare their values instead), array elements compare with the other's first
// element, leaves need the same JSON type (integers and floats are both numbers). Empty = same shape.
std::vector<std::string> structure_differences(const nlohmann::json& expected, const nlohmann::json& actual,
                                               const std::string& path = "$");
std::string join(const std::vector<std::string>& lines);

// A sandbox and its server inside the test process.
class TestSandbox {
 public:
  explicit TestSandbox(SandboxOptions options = {});
  ~TestSandbox();
  Sandbox& sandbox() { return *sandbox_; }
  unsigned short port() const { return server_->port(); }
  HttpResult get(const std::string& target,
                 const std::vector<std::pair<std::string, std::string>>& headers = {}) const;
  HttpResult post(const std::string& target, const std::string& body = "{}") const;
  nlohmann::json get_json(const std::string& target) const;  // expects 200

 private:
  std::unique_ptr<Sandbox> sandbox_;
  std::unique_ptr<Server> server_;
};

// The clock of the recorded fixtures (Feb 2025), for deterministic meta and intraday windows.
SandboxOptions frozen_at(const std::string& instant);
std::chrono::sys_days day(const std::string& iso);

}  // namespace pricefeed::sandbox::testing
