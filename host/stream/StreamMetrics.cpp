#include "host/stream/StreamMetrics.hpp"

namespace pricefeed::host {

void add_stream_metrics(MetricsRegistry& registry, const StreamService& streams, const StreamWriter& writer) {
  auto& messages =
      registry.counter("pricefeed_stream_messages_total", "Frames a source's streams received.", {"source"});
  auto& reconnects = registry.counter("pricefeed_stream_reconnects_total",
                                      "Stream connections opened again after one ended.", {"source"});
  auto& dropped =
      registry.counter("pricefeed_stream_dropped_frames_total",
                       "Stream frames the plugin could not read, or naming no subscription.", {"source"});
  auto& lag =
      registry.gauge("pricefeed_stream_lag_seconds",
                     "The last streamed quote's arrival minus the time the source gave it.", {"source"});
  auto& connected =
      registry.gauge("pricefeed_stream_connections",
                     "A source's stream connections, by whether they are connected.", {"source", "state"});
  auto& subscriptions =
      registry.gauge("pricefeed_stream_subscriptions", "Assets a source's streams subscribe.", {"source"});
  auto& written = registry.counter("pricefeed_stream_quotes_written_total",
                                   "Streamed quotes written to latest_prices (at most one per asset and "
                                   "[stream] min_interval_ms).");
  auto& superseded =
      registry.counter("pricefeed_stream_quotes_superseded_total",
                       "Streamed quotes replaced by a newer one of their asset before a write.");
  auto& batches =
      registry.counter("pricefeed_stream_write_batches_total", "Transactions that wrote streamed quotes.");
  registry.on_scrape([&streams, &writer, &messages = messages, &reconnects = reconnects, &dropped = dropped,
                      &lag = lag, &connected = connected, &subscriptions = subscriptions, &written = written,
                      &superseded = superseded, &batches = batches] {
    for (const SourceStreamStatus& stream : streams.status()) {
      messages.labels({stream.source}).advance_to(static_cast<double>(stream.messages));
      reconnects.labels({stream.source}).advance_to(static_cast<double>(stream.reconnects));
      dropped.labels({stream.source}).advance_to(static_cast<double>(stream.dropped_frames));
      if (stream.lag) lag.labels({stream.source}).set(static_cast<double>(stream.lag->count()) / 1000.0);
      std::size_t up = 0, subscribed = 0;
      for (const StreamConnectionStatus& connection : stream.connections) {
        up += connection.connected ? 1 : 0;
        subscribed += connection.subscriptions;
      }
      connected.labels({stream.source, "connected"}).set(static_cast<double>(up));
      connected.labels({stream.source, "down"}).set(static_cast<double>(stream.connections.size() - up));
      subscriptions.labels({stream.source}).set(static_cast<double>(subscribed));
    }
    const StreamWriterStats stats = writer.stats();
    written.labels({}).advance_to(static_cast<double>(stats.written));
    superseded.labels({}).advance_to(static_cast<double>(stats.superseded));
    batches.labels({}).advance_to(static_cast<double>(stats.batches));
  });
}

}  // namespace pricefeed::host
