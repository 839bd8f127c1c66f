// pricefeed::Error — the one exception type a plugin throws; the PRICEFEED_PLUGIN firewall turns it
// into the status and message the host sees.
#ifndef PRICEFEED_ERROR_HPP
#define PRICEFEED_ERROR_HPP

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "pricefeed/sdk.h"

namespace pricefeed {

enum class Status : std::int32_t {
  ok = PRICEFEED_OK,
  rate_limited = PRICEFEED_RATE_LIMITED,
  not_found = PRICEFEED_NOT_FOUND,
  transient = PRICEFEED_TRANSIENT,
  permanent = PRICEFEED_PERMANENT,
  invalid_config = PRICEFEED_INVALID_CONFIG,
  unsupported = PRICEFEED_UNSUPPORTED,
};

inline const char* status_name(Status status) noexcept {
  switch (status) {
    case Status::ok:
      return "ok";
    case Status::rate_limited:
      return "rate_limited";
    case Status::not_found:
      return "not_found";
    case Status::transient:
      return "transient";
    case Status::permanent:
      return "permanent";
    case Status::invalid_config:
      return "invalid_config";
    case Status::unsupported:
      return "unsupported";
  }
  return "unknown";
}

class Error : public std::runtime_error {
 public:
  Error(Status status, const std::string& message,
        std::chrono::milliseconds retry_after = std::chrono::milliseconds::zero())
      : std::runtime_error(message), status_(status), retry_after_(retry_after) {}

  static Error rate_limited(const std::string& message, std::chrono::milliseconds retry_after) {
    return Error(Status::rate_limited, message, retry_after);
  }
  static Error not_found(const std::string& message) { return Error(Status::not_found, message); }
  static Error transient(const std::string& message) { return Error(Status::transient, message); }
  static Error permanent(const std::string& message) { return Error(Status::permanent, message); }
  static Error invalid_config(const std::string& message) { return Error(Status::invalid_config, message); }
  static Error unsupported(const std::string& message) { return Error(Status::unsupported, message); }

  Status status() const noexcept { return status_; }
  // Zero when the source gave none; the host then applies its own backoff.
  std::chrono::milliseconds retry_after() const noexcept { return retry_after_; }

  // The host's http service has already recorded its own, more precise message and retry-after for
  // this failure, so the firewall must not overwrite them.
  bool reported_by_host() const noexcept { return reported_by_host_; }
  Error& mark_reported_by_host() noexcept {
    reported_by_host_ = true;
    return *this;
  }

 private:
  Status status_;
  std::chrono::milliseconds retry_after_;
  bool reported_by_host_ = false;
};

}  // namespace pricefeed

#endif  // PRICEFEED_ERROR_HPP
