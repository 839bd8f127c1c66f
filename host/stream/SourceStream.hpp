// The streams of one source: the symbols it should stream, spread over as few connections as its
// stream_max_subscriptions allows, each subscribed through the plugin's stream_subscribe and read
// through its stream_frame. A change of symbols is sent on the open connections (ADD, REMOVE) without
// reconnecting the others. A connection that fails is opened again after a backoff (1 s, doubling,
// at most a minute, with jitter); one that the frames ask to resubscribe, or that nears the upstream's
// connection lifetime, is opened again at once.
//
// Everything but status() runs on the stream service's io_context thread.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>

#include "host/assets/AssetClass.hpp"
#include "host/calendar/ExchangeCalendar.hpp"
#include "host/db/ReconnectBackoff.hpp"
#include "host/plugins/SourceRegistry.hpp"
#include "host/stream/SourceStreamStatus.hpp"
#include "host/stream/StreamConnection.hpp"

namespace pricefeed::host {

// One asset to stream from a source.
struct StreamTarget {
  std::int64_t asset_id = 0;
  std::string symbol;
  std::string source_id;  // the source's id when the catalog knows one, else empty
  AssetClass asset_class = AssetClass::crypto;
  const ExchangeCalendar* calendar = nullptr;
};

// Where a source stream's results go (the stream service wires them to the writer and the coverage).
struct SourceStreamOutputs {
  std::function<void(const StreamTarget&, const Quote&)> quote;
  // The asset's first quote on an open connection: it is live on the stream from now on.
  std::function<void(const StreamTarget&)> live;
  // The assets are no longer live: their connection went down, or they were dropped.
  std::function<void(const std::vector<std::int64_t>&)> not_live;
};

class SourceStream {
 public:
  struct Settings {
    StreamConnectionSettings connection;
    // After a failed connection: 1 s, doubling to a minute, jittered (ReconnectBackoff).
    ReconnectBackoffSettings backoff{std::chrono::seconds(1), std::chrono::minutes(1)};
  };

  SourceStream(boost::asio::io_context& io, boost::asio::ssl::context& tls, std::string source,
               const SourceRegistry& sources, Settings settings, SourceStreamOutputs outputs);
  ~SourceStream();
  SourceStream(const SourceStream&) = delete;
  SourceStream& operator=(const SourceStream&) = delete;

  // The assets to stream now: the others are unsubscribed, the new ones subscribed. An empty list
  // closes every connection. A reload that replaced the source's instance opens its connections again.
  void update(const std::vector<StreamTarget>& wanted);
  // For the connections opened from now on (a reload's [stream] stall_timeout_ms).
  void change_settings(const Settings& settings);
  // Closes every connection (shutdown).
  void stop();

  const std::string& source() const noexcept { return source_; }
  // Safe from any thread.
  SourceStreamStatus status() const;

 private:
  struct Slot;
  class FrameReader;

  void open(const std::shared_ptr<Slot>& slot);
  void reopen(const std::shared_ptr<Slot>& slot, const std::string& why, bool at_once);
  void on_closed(const std::shared_ptr<Slot>& slot, const std::string& reason);
  // The slot has no connection any more: its assets are not live, its timers stop.
  void forget_connection(const std::shared_ptr<Slot>& slot);
  // Opens the slot again after its backoff; `what` is the log line's message.
  void retry_later(const std::shared_ptr<Slot>& slot, const char* what, const std::string& reason);
  bool subscribe(const std::shared_ptr<Slot>& slot, StreamRequest::Action action,
                 const std::vector<StreamTarget>& targets);
  void close(const std::shared_ptr<Slot>& slot, const std::string& why);
  void drop(const std::shared_ptr<Slot>& slot);
  std::size_t capacity() const;

  boost::asio::io_context& io_;
  boost::asio::ssl::context& tls_;
  const std::string source_;
  const SourceRegistry& sources_;
  Settings settings_;
  const SourceStreamOutputs outputs_;
  std::shared_ptr<SourceInstance> instance_;  // the one the connections subscribed through
  std::vector<std::shared_ptr<Slot>> slots_;
  std::uint64_t next_slot_id_ = 1;

  mutable std::mutex mutex_;  // guards what status() reads: the slots' states and the counters
  SourceStreamStatus counters_;
};

}  // namespace pricefeed::host
