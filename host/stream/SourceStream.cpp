#include "host/stream/SourceStream.hpp"

#include <algorithm>
#include <utility>

#include "host/log/Log.hpp"
#include "host/text/AsciiText.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;

sys_seconds wall_now() {
  return floor<seconds>(system_clock::now());
}

// When to replace a connection the upstream closes after `lifetime`: a little before, so that it is
// our close, not theirs (a twentieth early, at most ten minutes: 23 h 50 min of Binance's 24 h).
steady_clock::duration replace_after(seconds lifetime) {
  return lifetime - std::min<seconds>(lifetime / 20, minutes(10));
}

// How many frames one connection may spoil before the log says so again (the count is in the metrics).
constexpr std::uint64_t kDroppedLogEvery = 1000;

}  // namespace

struct SourceStream::Slot {
  Slot(boost::asio::io_context& io, std::uint64_t slot_id, ReconnectBackoffSettings backoff_settings)
      : id(slot_id), retry(io), lifetime(io), backoff(backoff_settings) {}

  const std::uint64_t id;
  std::map<std::int64_t, StreamTarget> assigned;      // what this connection streams, by asset id
  std::map<std::string, std::int64_t> by_frame_name;  // lower-case frame name -> asset id
  std::map<std::int64_t, std::string> frame_name_of;  // the reverse, to unsubscribe
  std::set<std::int64_t> live;                        // assets with a quote on this connection
  std::shared_ptr<SourceInstance> instance;           // the instance that subscribed it
  std::shared_ptr<StreamConnection> connection;       // null while waiting to reconnect
  boost::asio::steady_timer retry;
  boost::asio::steady_timer lifetime;
  std::uint64_t message_id = 0;
  bool connected = false;
  sys_seconds since{};
  std::optional<steady_clock::time_point> last_message;
  ReconnectBackoff backoff;  // its failures in a row, since the last connection that brought a quote
  std::uint64_t dropped = 0;
  std::string last_error;
  // Which connection of the slot the events are from: one replaced at once may still report its
  // close, which must not touch its successor.
  std::uint64_t generation = 0;
  bool dropped_from_stream = false;
};

// What one frame came to, read on the io thread inside stream_frame.
class SourceStream::FrameReader : public StreamFrameConsumer {
 public:
  FrameReader(SourceStream& stream, Slot& slot) : stream_(stream), slot_(slot) {}

  bool on_quotes(std::span<const Quote> quotes) override {
    const auto now_ms = duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
    for (const Quote& quote : quotes) {
      const auto named = slot_.by_frame_name.find(ascii_lowercase(quote.symbol));
      if (named == slot_.by_frame_name.end()) {
        ++stream_.counters_.dropped_frames;
        continue;
      }
      const StreamTarget& target = slot_.assigned.at(named->second);
      stream_.outputs_.quote(target, quote);
      const std::int64_t quoted_ms = quote.ts_ms > 0 ? quote.ts_ms : quote.ts * 1000;
      stream_.counters_.lag = milliseconds(now_ms - quoted_ms);
      slot_.backoff.reset();
      if (slot_.live.insert(target.asset_id).second) stream_.outputs_.live(target);
    }
    return true;
  }

  void on_resubscribe(const std::string& reason) override { resubscribe = reason; }

  std::optional<std::string> resubscribe;

 private:
  SourceStream& stream_;
  Slot& slot_;
};

SourceStream::SourceStream(boost::asio::io_context& io, boost::asio::ssl::context& tls, std::string source,
                           const SourceRegistry& sources, Settings settings, SourceStreamOutputs outputs)
    : io_(io),
      tls_(tls),
      source_(std::move(source)),
      sources_(sources),
      settings_(settings),
      outputs_(std::move(outputs)) {
  counters_.source = source_;
}

SourceStream::~SourceStream() = default;

std::size_t SourceStream::capacity() const {
  const std::uint32_t limit = instance_ ? instance_->descriptor().stream_max_subscriptions : 0;
  return limit == 0 ? std::numeric_limits<std::size_t>::max() : limit;
}

void SourceStream::update(const std::vector<StreamTarget>& wanted) {
  std::lock_guard lock(mutex_);
  std::shared_ptr<SourceInstance> current = sources_.find(source_);
  if (current == nullptr || current->descriptor().stream_frame == nullptr) {
    for (auto slot : std::vector(slots_))
      drop(slot);
    instance_ = std::move(current);
    return;
  }
  if (instance_ != nullptr && current != instance_) {
    // A reload replaced the source: its connections are the old instance's; open them anew.
    instance_ = current;
    for (auto& slot : slots_)
      reopen(slot, "the source was reloaded", true);
  }
  instance_ = std::move(current);

  std::map<std::int64_t, const StreamTarget*> wanted_by_id;
  for (const StreamTarget& target : wanted)
    wanted_by_id[target.asset_id] = &target;

  // Dropped assets first: they make room for the new ones on the same connections.
  for (auto slot : std::vector(slots_)) {
    std::vector<StreamTarget> removed;
    for (const auto& [id, target] : slot->assigned) {
      if (!wanted_by_id.contains(id)) removed.push_back(target);
    }
    if (removed.empty()) continue;
    if (removed.size() == slot->assigned.size()) {
      drop(slot);
      continue;
    }
    subscribe(slot, StreamRequest::Action::remove, removed);
    std::vector<std::int64_t> no_longer_live;
    for (const StreamTarget& target : removed) {
      slot->assigned.erase(target.asset_id);
      if (slot->live.erase(target.asset_id) > 0) no_longer_live.push_back(target.asset_id);
      if (auto name = slot->frame_name_of.find(target.asset_id); name != slot->frame_name_of.end()) {
        slot->by_frame_name.erase(name->second);
        slot->frame_name_of.erase(name);
      }
    }
    if (!no_longer_live.empty()) outputs_.not_live(no_longer_live);
  }

  std::set<std::int64_t> streamed;
  for (const auto& slot : slots_) {
    for (const auto& [id, target] : slot->assigned)
      streamed.insert(id);
  }
  std::vector<StreamTarget> added;
  for (const StreamTarget& target : wanted) {
    if (!streamed.contains(target.asset_id)) added.push_back(target);
  }
  auto next = added.begin();
  for (auto& slot : slots_) {
    if (next == added.end()) break;
    const std::size_t room = capacity() - std::min(capacity(), slot->assigned.size());
    if (room == 0) continue;
    const auto end = next + static_cast<std::ptrdiff_t>(std::min<std::size_t>(room, added.end() - next));
    std::vector<StreamTarget> batch(next, end);
    for (const StreamTarget& target : batch)
      slot->assigned[target.asset_id] = target;
    subscribe(slot, StreamRequest::Action::add, batch);
    next = end;
  }
  while (next != added.end()) {
    auto slot = std::make_shared<Slot>(io_, next_slot_id_++, settings_.backoff);
    const auto end = next + static_cast<std::ptrdiff_t>(std::min<std::size_t>(
                                capacity(), static_cast<std::size_t>(added.end() - next)));
    for (auto it = next; it != end; ++it)
      slot->assigned[it->asset_id] = *it;
    next = end;
    slots_.push_back(slot);
    open(slot);
  }
}

void SourceStream::change_settings(const Settings& settings) {
  std::lock_guard lock(mutex_);
  settings_ = settings;
}

void SourceStream::stop() {
  std::lock_guard lock(mutex_);
  for (auto slot : std::vector(slots_))
    drop(slot);
}

void SourceStream::open(const std::shared_ptr<Slot>& slot) {
  slot->instance = instance_;
  slot->by_frame_name.clear();
  slot->frame_name_of.clear();
  std::vector<StreamTarget> targets;
  for (const auto& [id, target] : slot->assigned)
    targets.push_back(target);
  if (slot->instance == nullptr) {
    retry_later(slot, "stream not started", "source " + source_ + " is not running");
  } else if (!subscribe(slot, StreamRequest::Action::open, targets)) {
    retry_later(slot, "stream not started", slot->last_error);
  }
}

bool SourceStream::subscribe(const std::shared_ptr<Slot>& slot, StreamRequest::Action action,
                             const std::vector<StreamTarget>& targets) {
  const bool opening = action == StreamRequest::Action::open;
  if (!opening && slot->connection == nullptr) return true;  // its next OPEN subscribes what it has
  StreamRequest request;
  request.action = action;
  request.message_id = ++slot->message_id;
  for (const StreamTarget& target : targets) {
    request.symbols.push_back(target.symbol);
    request.source_ids.push_back(target.source_id);
    request.asset_class = target.asset_class;
  }
  StreamControlOutput out;
  const SourceCallResult result = slot->instance->stream_subscribe(request, out);
  std::string problem;
  std::optional<HttpUrl> url;
  if (!result.ok()) {
    problem = std::string("stream_subscribe failed (") + status_name(result.status) + "): " + result.message;
  } else if (opening && !(url = parse_stream_url(out.url, problem))) {
    problem = "stream_subscribe gave a bad URL: " + problem;
  }
  if (!problem.empty()) {
    slot->last_error = problem;
    log_warn("stream subscription failed", {{"source", source_}, {"error", problem}});
    if (!opening) reopen(slot, problem, false);
    return false;
  }
  if (action != StreamRequest::Action::remove) {
    for (std::size_t i = 0; i < targets.size(); ++i) {
      const std::string& given = i < out.frame_names.size() ? out.frame_names[i] : std::string();
      const std::string name = ascii_lowercase(!given.empty()                  ? given
                                               : !targets[i].source_id.empty() ? targets[i].source_id
                                                                               : targets[i].symbol);
      slot->by_frame_name[name] = targets[i].asset_id;
      slot->frame_name_of[targets[i].asset_id] = name;
    }
  }
  if (opening) {
    StreamConnectionSettings connection = settings_.connection;
    connection.max_messages_per_second = slot->instance->descriptor().stream_max_messages_per_second;
    const std::weak_ptr<Slot> weak = slot;
    const std::uint64_t generation = slot->generation;
    StreamConnectionEvents events;
    events.on_open = [this, weak, generation] {
      auto s = weak.lock();
      if (s == nullptr) return;
      std::lock_guard lock(mutex_);
      if (s->generation != generation) return;
      s->connected = true;
      s->since = wall_now();
      const std::int64_t lifetime = s->instance->descriptor().stream_max_connection_seconds;
      if (lifetime > 0) {
        s->lifetime.expires_after(replace_after(seconds(lifetime)));
        s->lifetime.async_wait([this, weak, generation](const boost::system::error_code& error) {
          auto old = weak.lock();
          if (error || old == nullptr) return;
          std::lock_guard lock(mutex_);
          if (old->generation != generation) return;
          reopen(old, "replaced before the upstream's connection lifetime ends", true);
        });
      }
      log_info("stream connected", {{"source", source_},
                                    {"connection", static_cast<std::int64_t>(s->id)},
                                    {"subscriptions", static_cast<std::int64_t>(s->assigned.size())}});
    };
    events.on_frame = [this, weak, generation](std::string_view text) {
      auto s = weak.lock();
      if (s == nullptr) return;
      std::lock_guard lock(mutex_);
      if (s->generation != generation) return;
      ++counters_.messages;
      s->last_message = steady_clock::now();
      FrameReader reader(*this, *s);
      SourceCallResult read;
      try {
        read = s->instance->stream_frame(text, reader);
      } catch (const std::exception& error) {
        read = {PRICEFEED_TRANSIENT, std::string("the frame's quotes were not taken: ") + error.what(),
                std::nullopt};
      }
      if (!read.ok()) {
        ++counters_.dropped_frames;
        if (s->dropped++ % kDroppedLogEvery == 0) {
          log_warn("stream frame dropped",
                   {{"source", source_},
                    {"error", read.message},
                    {"dropped_on_connection", static_cast<std::int64_t>(s->dropped)}});
        }
      }
      if (reader.resubscribe) reopen(s, "the upstream asked to resubscribe: " + *reader.resubscribe, true);
    };
    events.on_closed = [this, weak, generation](const std::string& reason) {
      auto s = weak.lock();
      if (s == nullptr) return;
      std::lock_guard lock(mutex_);
      if (s->generation != generation) return;
      on_closed(s, reason);
    };
    slot->connection = StreamConnection::create(io_, tls_, std::move(*url), connection, std::move(events));
    for (std::string& message : out.messages)
      slot->connection->send(std::move(message));
    slot->connection->start();
    return true;
  }
  for (std::string& message : out.messages)
    slot->connection->send(std::move(message));
  return true;
}

void SourceStream::reopen(const std::shared_ptr<Slot>& slot, const std::string& why, bool at_once) {
  log_info("stream reconnecting",
           {{"source", source_}, {"connection", static_cast<std::int64_t>(slot->id)}, {"reason", why}});
  if (!at_once) {
    if (slot->connection != nullptr) slot->connection->close(why);  // on_closed retries after a backoff
    return;
  }
  // Make before break: the replacement connects while the old one says goodbye, whose close is
  // then no longer this slot's concern (a peer that never answers a close frame holds nothing up).
  ++slot->generation;
  if (slot->connection != nullptr) slot->connection->close(why);
  forget_connection(slot);
  slot->retry.cancel();
  ++counters_.reconnects;
  open(slot);
}

void SourceStream::forget_connection(const std::shared_ptr<Slot>& slot) {
  slot->connected = false;
  slot->connection = nullptr;
  slot->since = wall_now();
  slot->lifetime.cancel();
  if (!slot->live.empty()) {
    outputs_.not_live(std::vector<std::int64_t>(slot->live.begin(), slot->live.end()));
    slot->live.clear();
  }
}

void SourceStream::on_closed(const std::shared_ptr<Slot>& slot, const std::string& reason) {
  const bool was_connected = slot->connected;
  forget_connection(slot);
  if (slot->dropped_from_stream) return;
  retry_later(slot, was_connected ? "stream disconnected" : "stream connection failed", reason);
}

void SourceStream::retry_later(const std::shared_ptr<Slot>& slot, const char* what,
                               const std::string& reason) {
  slot->last_error = reason;
  // Jittered, so that many hosts do not come back in step after an upstream outage.
  const milliseconds wait = slot->backoff.next_delay();
  log_warn(what, {{"source", source_},
                  {"connection", static_cast<std::int64_t>(slot->id)},
                  {"error", reason},
                  {"retry_in_ms", static_cast<std::int64_t>(wait.count())}});
  slot->retry.expires_after(wait);
  slot->retry.async_wait([this, weak = std::weak_ptr<Slot>(slot)](const boost::system::error_code& error) {
    auto again = weak.lock();
    if (error || again == nullptr) return;
    std::lock_guard lock(mutex_);
    if (again->dropped_from_stream || again->connection != nullptr) return;
    ++counters_.reconnects;
    open(again);
  });
}

void SourceStream::drop(const std::shared_ptr<Slot>& slot) {
  slot->dropped_from_stream = true;
  slot->retry.cancel();
  if (slot->connection != nullptr) slot->connection->close("no longer streamed");
  forget_connection(slot);
  std::erase(slots_, slot);
}

SourceStreamStatus SourceStream::status() const {
  std::lock_guard lock(mutex_);
  SourceStreamStatus out = counters_;
  const auto now = steady_clock::now();
  for (const auto& slot : slots_) {
    StreamConnectionStatus connection;
    connection.connected = slot->connected;
    connection.since = slot->since;
    connection.subscriptions = slot->assigned.size();
    if (slot->last_message)
      connection.last_message_age = duration_cast<milliseconds>(now - *slot->last_message);
    connection.failures = static_cast<std::uint32_t>(slot->backoff.failures());
    connection.last_error = slot->last_error;
    out.connections.push_back(std::move(connection));
  }
  return out;
}

}  // namespace pricefeed::host
