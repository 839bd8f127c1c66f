#include "tests/sandbox/BinanceStreamHub.hpp"

#include <stdexcept>

#include "tests/sandbox/BinanceStreamSession.hpp"
#include "tests/sandbox/Sandbox.hpp"

namespace pricefeed::sandbox {

namespace {

using json = nlohmann::json;

template <typename T>
T in_range(const json& j, const char* name, T low, T high) {
  if (!j.is_number()) throw std::invalid_argument(std::string(name) + ": expected a number");
  const double v = j.get<double>();
  if (v < static_cast<double>(low) || v > static_cast<double>(high))
    throw std::invalid_argument(std::string(name) + ": expected " + std::to_string(low) + ".." +
                                std::to_string(high) + ", got " + j.dump());
  return static_cast<T>(v);
}

}  // namespace

json StreamSettings::to_json() const {
  return {{"frames_per_second", frames_per_second},
          {"ping_interval_ms", ping_interval_ms},
          {"pong_timeout_ms", pong_timeout_ms},
          {"lifetime_ms", lifetime_ms},
          {"max_streams", max_streams},
          {"max_messages_per_second", max_messages_per_second}};
}

void StreamSettings::update(const json& j) {
  if (!j.is_object()) throw std::invalid_argument("stream settings: expected an object");
  StreamSettings next = *this;
  for (const auto& [key, value] : j.items()) {
    if (key == "frames_per_second") {
      next.frames_per_second = in_range<double>(value, "frames_per_second", 0.01, 1000);
    } else if (key == "ping_interval_ms") {
      next.ping_interval_ms = in_range<std::int64_t>(value, "ping_interval_ms", 10, 86'400'000);
    } else if (key == "pong_timeout_ms") {
      next.pong_timeout_ms = in_range<std::int64_t>(value, "pong_timeout_ms", 10, 86'400'000);
    } else if (key == "lifetime_ms") {
      next.lifetime_ms = in_range<std::int64_t>(value, "lifetime_ms", 10, 7 * 86'400'000LL);
    } else if (key == "max_streams") {
      next.max_streams = in_range<std::size_t>(value, "max_streams", 1, 100'000);
    } else if (key == "max_messages_per_second") {
      next.max_messages_per_second = in_range<std::size_t>(value, "max_messages_per_second", 1, 100'000);
    } else {
      throw std::invalid_argument("stream settings: unknown field '" + key + "'");
    }
  }
  *this = next;
}

StreamFault StreamFault::from_json(const json& j) {
  if (!j.is_object()) throw std::invalid_argument("stream fault: expected an object");
  StreamFault f;
  const std::string kind = j.value("kind", "");
  if (kind == "drop") {
    f.kind = Kind::drop;
  } else if (kind == "stall") {
    f.kind = Kind::stall;
    f.duration = std::chrono::milliseconds{
        in_range<std::int64_t>(j.value("seconds", json(5)), "seconds", 0, 86'400) * 1000};
  } else if (kind == "malformed") {
    f.kind = Kind::malformed;
  } else if (kind == "shutdown") {
    f.kind = Kind::shutdown;
    f.duration = std::chrono::milliseconds{
        in_range<std::int64_t>(j.value("close_after_ms", json(1000)), "close_after_ms", 0, 86'400'000)};
  } else {
    throw std::invalid_argument("stream fault: kind must be drop, stall, malformed or shutdown, got '" +
                                kind + "'");
  }
  if (j.contains("symbol")) {
    if (!j["symbol"].is_string()) throw std::invalid_argument("stream fault: symbol must be a string");
    f.symbol = j["symbol"].get<std::string>();
  }
  return f;
}

std::string_view StreamFault::name(Kind kind) {
  switch (kind) {
    case Kind::drop:
      return "drop";
    case Kind::stall:
      return "stall";
    case Kind::malformed:
      return "malformed";
    case Kind::shutdown:
      return "shutdown";
  }
  return "?";
}

BinanceStreamHub::BinanceStreamHub(Sandbox& sandbox)
    : sandbox_(sandbox), listings_(sandbox.options().binance_extra_pairs) {}

StreamSettings BinanceStreamHub::settings() const {
  std::lock_guard lock(mutex_);
  return settings_;
}

void BinanceStreamHub::update_settings(const json& changes) {
  std::lock_guard lock(mutex_);
  settings_.update(changes);
}

std::shared_ptr<const MiniTickerFrame> BinanceStreamHub::render(const std::string& pair,
                                                                sys_seconds now) const {
  auto listed = listed_pair(sandbox_, listings_, pair, now);
  // A pair whose trading has stopped (LUNAUSDT, BREAK) has no trades, so no ticker moves to send.
  if (!listed || !listed->listing->trading()) return nullptr;
  return std::make_shared<const MiniTickerFrame>(
      mini_ticker_frame(*listed, rolling_day(sandbox_, *listed, now)));
}

std::vector<std::shared_ptr<const MiniTickerFrame>> BinanceStreamHub::frames(
    const std::vector<std::string>& pairs) {
  // The model's prices move once a minute; a data scenario changes them at once.
  const sys_seconds now = sandbox_.now();
  const std::int64_t minute = std::chrono::floor<std::chrono::minutes>(now).time_since_epoch().count();
  const std::uint64_t generation = sandbox_.scenarios().generation();
  std::vector<std::shared_ptr<const MiniTickerFrame>> out;
  out.reserve(pairs.size());
  std::vector<std::size_t> stale;  // positions in `pairs` to render
  {
    std::lock_guard lock(mutex_);
    for (std::size_t i = 0; i < pairs.size(); ++i) {
      auto it = rendered_.find(pairs[i]);
      if (it != rendered_.end() && it->second.minute == minute && it->second.generation == generation) {
        out.push_back(it->second.frame);
      } else {
        out.push_back(nullptr);
        stale.push_back(i);
      }
    }
  }
  if (!stale.empty()) {
    for (std::size_t i : stale)
      out[i] = render(pairs[i], now);  // outside the lock: it walks the model
    std::lock_guard lock(mutex_);
    for (std::size_t i : stale)
      rendered_[pairs[i]] = Rendered{minute, generation, out[i]};
  }
  std::erase(out, nullptr);
  return out;
}

std::uint64_t BinanceStreamHub::opened(const std::shared_ptr<BinanceStreamSession>& session) {
  ++counters_.accepted;
  std::lock_guard lock(mutex_);
  const std::uint64_t id = next_id_++;
  sessions_[id] = session;
  return id;
}

void BinanceStreamHub::closed(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  sessions_.erase(id);
}

std::vector<std::uint64_t> BinanceStreamHub::inject(const StreamFault& fault) {
  std::vector<std::pair<std::uint64_t, std::shared_ptr<BinanceStreamSession>>> live;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, weak] : sessions_)
      if (auto s = weak.lock()) live.emplace_back(id, std::move(s));
  }
  const std::optional<std::string> stream =
      fault.symbol ? std::optional(mini_ticker_stream(*fault.symbol)) : std::nullopt;
  std::vector<std::uint64_t> hit;
  for (const auto& [id, session] : live) {
    if (stream && !session->subscribed(*stream)) continue;
    session->inject(fault);
    hit.push_back(id);
  }
  std::lock_guard lock(mutex_);
  faults_applied_[std::string(StreamFault::name(fault.kind))] += hit.size();
  return hit;
}

json BinanceStreamHub::to_json() const {
  std::vector<std::shared_ptr<BinanceStreamSession>> live;
  json j;
  {
    std::lock_guard lock(mutex_);
    for (const auto& [id, weak] : sessions_)
      if (auto s = weak.lock()) live.push_back(std::move(s));
    j["settings"] = settings_.to_json();
    j["counters"] = {{"connections_open", live.size()},
                     {"connections_accepted", counters_.accepted.load()},
                     {"messages_received", counters_.messages_received.load()},
                     {"frames_sent", counters_.frames_sent.load()},
                     {"limit_violations",
                      {{"message_rate", counters_.message_rate_violations.load()},
                       {"streams", counters_.stream_limit_violations.load()}}},
                     {"pong_timeouts", counters_.pong_timeouts.load()},
                     {"lifetime_closes", counters_.lifetime_closes.load()},
                     {"faults", faults_applied_}};
  }
  j["connections"] = json::array();
  for (const auto& s : live)
    j["connections"].push_back(s->to_json());
  return j;
}

void BinanceStreamHub::reset_counters() {
  counters_.accepted = 0;
  counters_.messages_received = 0;
  counters_.frames_sent = 0;
  counters_.message_rate_violations = 0;
  counters_.stream_limit_violations = 0;
  counters_.pong_timeouts = 0;
  counters_.lifetime_closes = 0;
  std::lock_guard lock(mutex_);
  faults_applied_.clear();
}

}  // namespace pricefeed::sandbox
