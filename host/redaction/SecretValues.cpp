#include "host/redaction/SecretValues.hpp"

#include <algorithm>
#include <memory>
#include <mutex>
#include <vector>

#include "host/redaction/UrlRedaction.hpp"

namespace pricefeed::host {
namespace {

// Readers copy the pointer and scan without the lock: registration happens at start-up, lookups on
// every log line from every thread.
struct Registry {
  std::mutex mutex;
  std::shared_ptr<const std::vector<std::string>> values = std::make_shared<std::vector<std::string>>();
};

Registry& registry() {
  static Registry instance;
  return instance;
}

std::shared_ptr<const std::vector<std::string>> current_values() {
  std::lock_guard lock(registry().mutex);
  return registry().values;
}

}  // namespace

void register_secret(std::string_view value) {
  if (value.size() < kShortestSecret) return;
  std::lock_guard lock(registry().mutex);
  const auto& old = *registry().values;
  if (std::find(old.begin(), old.end(), value) != old.end()) return;
  auto updated = std::make_shared<std::vector<std::string>>(old);
  updated->emplace_back(value);
  // Longest first, so that a secret containing another is blanked whole.
  std::sort(updated->begin(), updated->end(),
            [](const auto& a, const auto& b) { return a.size() > b.size(); });
  registry().values = std::move(updated);
}

std::string redact_secret_values(std::string_view text) {
  std::string result(text);
  const auto values = current_values();
  for (const std::string& secret : *values) {
    for (std::size_t at = result.find(secret); at != std::string::npos;
         at = result.find(secret, at + kRedacted.size())) {
      result.replace(at, secret.size(), kRedacted);
    }
  }
  return result;
}

void clear_secrets() {
  std::lock_guard lock(registry().mutex);
  registry().values = std::make_shared<std::vector<std::string>>();
}

}  // namespace pricefeed::host
