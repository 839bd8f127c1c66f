// Which assets are live on a stream right now, by source: the stream connections mark the assets
// they subscribed as live and a whole source down when its connection drops; the daemon's tick
// (DaemonTick) leaves the live ones out and polls the rest, so an asset whose stream is down is
// polled at the usual interval like any other. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace pricefeed::host {

class StreamCoverage {
 public:
  // `asset_ids` are live on `source`'s stream (subscribed, the connection up), with those marked before.
  void mark_live(const std::string& source, const std::vector<std::int64_t>& asset_ids);
  // `source`'s stream is down: none of its assets is live on it any more.
  void mark_down(const std::string& source);
  // `asset_ids` are no longer streamed from `source` (unsubscribed).
  void remove(const std::string& source, const std::vector<std::int64_t>& asset_ids);

  // Every asset live on some stream.
  std::set<std::int64_t> live_assets() const;
  bool is_live(std::int64_t asset_id) const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, std::set<std::int64_t>, std::less<>> live_by_source_;
};

}  // namespace pricefeed::host
