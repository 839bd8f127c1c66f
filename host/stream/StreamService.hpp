// The live streams of `pricefeed serve` ([stream], docs/daemon.md "Streams"): which held assets stream
// (an asset streams from the first source of its routing chain that quotes its class, when that source
// declares PRICEFEED_CAP_STREAM), read again every refresh_seconds; one SourceStream per such source.
// The sockets run on one thread of the service's own; the database reads on another, so a slow query
// never holds a frame up.
#pragma once

#include <atomic>
#include <condition_variable>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <pqxx/connection>

#include "host/calendar/ExchangeCalendars.hpp"
#include "host/config/Config.hpp"
#include "host/db/ConnectionPool.hpp"
#include "host/plugins/SourceRegistry.hpp"
#include "host/stream/SourceStream.hpp"

namespace pricefeed::host {

// The held assets to stream, by source: see the top of this file.
std::map<std::string, std::vector<StreamTarget>> load_stream_targets(pqxx::connection& connection,
                                                                     const SourceRegistry& sources,
                                                                     const RoutingConfig& routing,
                                                                     const ExchangeCalendars& calendars);

class StreamService {
 public:
  // What the streams bring, for any source: quotes, and which assets are live on a stream.
  struct Outputs {
    std::function<void(const std::string& source, const StreamTarget&, const Quote&)> quote;
    std::function<void(const std::string& source, const StreamTarget&)> live;
    std::function<void(const std::string& source, const std::vector<std::int64_t>&)> not_live;
  };

  StreamService(const SourceRegistry& sources, ConnectionPool& pool, Outputs outputs);
  ~StreamService();
  StreamService(const StreamService&) = delete;
  StreamService& operator=(const StreamService&) = delete;

  // Starts the threads with `config` ([stream] enabled or not: a reload may turn it on), unless a
  // reload gave it a configuration already.
  void start(std::shared_ptr<const Config> config);
  // A reload: [stream], [routing] and the calendars apply at the next refresh, which comes at once.
  // Throws when the calendars do not load, changing nothing.
  void change_settings(std::shared_ptr<const Config> config);
  // Closes every stream and joins the threads.
  void stop();

  // Safe from any thread; one entry per source that has streamed since start.
  std::vector<SourceStreamStatus> status() const;

 private:
  void refresh_loop();
  void apply(std::map<std::string, std::vector<StreamTarget>> targets);

  const SourceRegistry& sources_;
  ConnectionPool& pool_;
  const Outputs outputs_;
  boost::asio::io_context io_;
  boost::asio::ssl::context tls_;
  boost::asio::executor_work_guard<boost::asio::io_context::executor_type> work_;

  mutable std::mutex mutex_;
  std::condition_variable wake_;
  std::shared_ptr<const Config> config_;
  // The calendars the targets point into; the previous set is kept until the next refresh has
  // replaced every target that pointed into it.
  std::shared_ptr<const ExchangeCalendars> calendars_, previous_calendars_;
  std::map<std::string, std::unique_ptr<SourceStream>> streams_;
  bool refresh_now_ = false;
  bool stopping_ = false;

  std::thread io_thread_;
  std::future<void> io_done_;
  std::thread refresh_thread_;
};

}  // namespace pricefeed::host
