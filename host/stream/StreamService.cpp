#include "host/stream/StreamService.hpp"

#include <pqxx/pqxx>

#include "host/assets/AssetIdentity.hpp"
#include "host/assets/SourceSymbol.hpp"
#include "host/calendar/ExchangeCalendarsLoader.hpp"
#include "host/calendar/ExchangesFile.hpp"
#include "host/http/TlsClientContext.hpp"
#include "host/log/Log.hpp"
#include "host/plugins/PluginDescriptor.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;

// Long enough for a close frame to go out and be answered, short enough for a prompt shutdown.
constexpr milliseconds kCloseGrace{2000};

// The source that quotes `asset_class` first in its chain, as the daemon would pick it; null when none.
std::shared_ptr<SourceInstance> first_quote_source(const SourceRegistry& sources,
                                                   const RoutingConfig& routing, AssetClass asset_class) {
  for (const std::string& name : routing.sources_for(asset_class)) {
    std::shared_ptr<SourceInstance> source = sources.find(name);
    if (source != nullptr && (source->descriptor().capabilities & PRICEFEED_CAP_QUOTES) != 0 &&
        serves_asset_class(source->descriptor(), asset_class)) {
      return source;
    }
  }
  return nullptr;
}

}  // namespace

std::map<std::string, std::vector<StreamTarget>> load_stream_targets(pqxx::connection& connection,
                                                                     const SourceRegistry& sources,
                                                                     const RoutingConfig& routing,
                                                                     const ExchangeCalendars& calendars) {
  std::map<AssetClass, std::shared_ptr<SourceInstance>> streaming;
  for (const AssetClass asset_class : kAssetClasses) {
    auto source = first_quote_source(sources, routing, asset_class);
    if (source != nullptr && (source->descriptor().capabilities & PRICEFEED_CAP_STREAM) != 0) {
      streaming[asset_class] = std::move(source);
    }
  }
  std::map<std::string, std::vector<StreamTarget>> targets;
  if (streaming.empty()) return targets;
  pqxx::read_transaction tx(connection, "stream: held assets");
  for (const auto& row :
       tx.exec("SELECT a.id, a.symbol, a.asset_class, COALESCE(a.exchange, ''), a.source_ids::text FROM "
               "tracked_assets t "
               "JOIN assets a ON a.id = t.asset_id WHERE a.active AND t.tracking_users > 0 ORDER BY a.id")) {
    const AssetClass asset_class = require_asset_class(row[2].c_str());
    const auto source = streaming.find(asset_class);
    if (source == streaming.end()) continue;
    const std::string& name = source->second->name();
    StreamTarget target;
    target.asset_id = row[0].as<std::int64_t>();
    target.symbol = row[1].as<std::string>();
    target.source_id = request_source_id(parse_source_ids(row[4].c_str()), name, target.symbol);
    target.asset_class = asset_class;
    target.calendar = &calendars.for_asset(asset_class, row[3].c_str());
    targets[name].push_back(std::move(target));
  }
  return targets;
}

StreamService::StreamService(const SourceRegistry& sources, ConnectionPool& pool, Outputs outputs)
    : sources_(sources),
      pool_(pool),
      outputs_(std::move(outputs)),
      tls_(make_tls_client_context(std::nullopt)),
      work_(boost::asio::make_work_guard(io_)) {}

StreamService::~StreamService() {
  stop();
}

void StreamService::start(std::shared_ptr<const Config> config) {
  bool reloaded_before = false;
  {
    std::lock_guard lock(mutex_);
    reloaded_before = config_ != nullptr;
  }
  // A reload that came before start() has the newer configuration: keep it.
  if (!reloaded_before) change_settings(std::move(config));
  std::promise<void> done;
  io_done_ = done.get_future();
  io_thread_ = std::thread([this, done = std::move(done)]() mutable {
    io_.run();
    done.set_value();
  });
  refresh_thread_ = std::thread([this] { refresh_loop(); });
}

void StreamService::change_settings(std::shared_ptr<const Config> config) {
  auto calendars =
      std::make_shared<const ExchangeCalendars>(load_exchange_calendars(locate_exchanges_file(*config).path));
  std::lock_guard lock(mutex_);
  config_ = std::move(config);
  previous_calendars_ = std::move(calendars_);
  calendars_ = std::move(calendars);
  refresh_now_ = true;
  wake_.notify_all();
}

void StreamService::refresh_loop() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    refresh_now_ = false;
    const std::shared_ptr<const Config> config = config_;
    const std::shared_ptr<const ExchangeCalendars> calendars = calendars_;
    lock.unlock();
    std::map<std::string, std::vector<StreamTarget>> targets;
    bool known = true;
    if (config->stream.enabled) {
      try {
        auto lease = pool_.acquire();
        targets = load_stream_targets(*lease, sources_, config->routing, *calendars);
      } catch (const std::exception& error) {
        // The streams keep what they have; the next refresh tries again.
        known = false;
        log_warn("stream refresh could not read the held assets", {{"error", error.what()}});
      }
    }
    if (known) {
      boost::asio::post(
          io_, [this, targets = std::move(targets), calendars]() mutable { apply(std::move(targets)); });
    }
    lock.lock();
    wake_.wait_for(lock, seconds(config->stream.refresh_seconds),
                   [this] { return stopping_ || refresh_now_; });
  }
}

void StreamService::apply(std::map<std::string, std::vector<StreamTarget>> targets) {
  std::lock_guard lock(mutex_);
  if (stopping_) return;
  SourceStream::Settings settings;
  settings.connection.stall_timeout = milliseconds(config_->stream.stall_timeout_ms);
  for (auto& [name, wanted] : targets) {
    auto& stream = streams_[name];
    if (stream == nullptr) {
      SourceStreamOutputs outputs;
      outputs.quote = [this, name](const StreamTarget& target, const Quote& quote) {
        outputs_.quote(name, target, quote);
      };
      outputs.live = [this, name](const StreamTarget& target) { outputs_.live(name, target); };
      outputs.not_live = [this, name](const std::vector<std::int64_t>& ids) { outputs_.not_live(name, ids); };
      stream = std::make_unique<SourceStream>(io_, tls_, name, sources_, settings, std::move(outputs));
    }
    stream->change_settings(settings);
    stream->update(wanted);
  }
  for (auto& [name, stream] : streams_) {
    if (!targets.contains(name)) stream->update({});
  }
}

void StreamService::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_) return;
    stopping_ = true;
    wake_.notify_all();
  }
  if (refresh_thread_.joinable()) refresh_thread_.join();
  boost::asio::post(io_, [this] {
    std::lock_guard lock(mutex_);
    for (auto& [name, stream] : streams_)
      stream->stop();
  });
  work_.reset();
  if (!io_thread_.joinable()) return;
  // The io thread ends by itself once every close is done; a peer that never answers its close frame
  // gets kCloseGrace.
  if (io_done_.wait_for(kCloseGrace) != std::future_status::ready) io_.stop();
  io_thread_.join();
}

std::vector<SourceStreamStatus> StreamService::status() const {
  std::lock_guard lock(mutex_);
  std::vector<SourceStreamStatus> out;
  for (const auto& [name, stream] : streams_)
    out.push_back(stream->status());
  return out;
}

}  // namespace pricefeed::host
