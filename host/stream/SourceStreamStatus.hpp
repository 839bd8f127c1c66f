// How a source's streams are doing: SourceStream fills it, /health/sources and /metrics show it.
// Plain data in a header of its own, so that host/health can show it without linking the streams.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace pricefeed::host {

struct StreamConnectionStatus {
  bool connected = false;
  std::chrono::sys_seconds since{};  // when it connected, or went down
  std::size_t subscriptions = 0;
  std::optional<std::chrono::milliseconds> last_message_age;
  std::uint32_t failures = 0;  // in a row, since the last connection that brought a quote
  std::string last_error;
};

struct SourceStreamStatus {
  std::string source;
  std::vector<StreamConnectionStatus> connections;
  std::uint64_t messages = 0;        // frames received
  std::uint64_t reconnects = 0;      // connections opened again after one ended
  std::uint64_t dropped_frames = 0;  // frames the plugin could not read, or naming no subscription
  std::optional<std::chrono::milliseconds> lag;  // the last quote's receipt minus its own time
};

}  // namespace pricefeed::host
