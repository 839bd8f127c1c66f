#include "host/quality/SecondSource.hpp"

#include <cmath>
#include <stdexcept>

#include <pqxx/pqxx>

#include "host/assets/SourceSymbol.hpp"
#include "host/plugins/HistoryRequestFor.hpp"
#include "host/plugins/PluginDescriptor.hpp"
#include "host/time/UnixTime.hpp"

namespace pricefeed::host {
namespace {

using std::chrono::sys_days;

// Keeps the closes of the bars a source streams, by the trading date their timestamp names.
class CloseCollector : public HistoryConsumer {
 public:
  explicit CloseCollector(std::map<sys_days, double>& closes) : closes_(closes) {}
  bool on_bars(std::span<const Bar> bars) override {
    for (const Bar& bar : bars) {
      if (!std::isfinite(bar.close) || bar.close <= 0) continue;
      closes_[utc_date(bar.ts)] = bar.close;
    }
    return true;
  }

 private:
  std::map<sys_days, double>& closes_;
};

}  // namespace

AssetIdentity load_asset_identity(pqxx::connection_base& connection, std::int64_t asset_id) {
  pqxx::read_transaction tx(connection, "quality: asset identity");
  const pqxx::result rows =
      tx.exec_params("SELECT symbol, asset_class, source_ids::text FROM assets WHERE id = $1", asset_id);
  if (rows.empty()) throw std::runtime_error("asset " + std::to_string(asset_id) + " does not exist");
  AssetIdentity asset;
  asset.id = asset_id;
  asset.symbol = rows[0][0].as<std::string>();
  asset.asset_class = require_asset_class(rows[0][1].c_str());
  asset.source_ids = parse_source_ids(rows[0][2].c_str());
  return asset;
}

SecondSource::SecondSource(const SourceRegistry& sources, const RoutingConfig& routing)
    : sources_(sources), routing_(routing) {}

std::optional<std::string> SecondSource::pick(AssetClass asset_class, std::string_view stored_source) const {
  for (const std::string& name : routing_.sources_for(asset_class)) {
    if (name == stored_source) continue;
    const std::shared_ptr<SourceInstance> source = sources_.find(name);
    if (source == nullptr) continue;
    const auto& d = source->descriptor();
    if ((d.capabilities & PRICEFEED_CAP_HISTORY) == 0 || !serves_asset_class(d, asset_class) ||
        !serves_resolution(d, Resolution::day)) {
      continue;
    }
    return name;
  }
  return std::nullopt;
}

SourceCloses SecondSource::daily_closes(const std::string& source, const AssetIdentity& asset, sys_days from,
                                        sys_days to, const std::atomic<bool>* cancelled) const {
  SourceCloses out;
  out.source = source;
  const std::shared_ptr<SourceInstance> instance = sources_.find(source);
  if (instance == nullptr) {
    out.error = "source is not running";
    return out;
  }
  const HistoryRequest request = history_request_for(source, asset.symbol, asset.source_ids,
                                                     asset.asset_class, Resolution::day, from, to);
  CloseCollector collector(out.closes);
  const SourceCallResult result = instance->fetch_history(request, collector, cancelled);
  out.answered = result.ok();
  if (!result.ok()) out.error = std::string(status_name(result.status)) + ": " + result.message;
  // Bars streamed outside the asked range (a source rounding to its own boundaries) are not asked for.
  std::erase_if(out.closes, [&](const auto& entry) { return entry.first < from || entry.first > to; });
  return out;
}

double percent_apart(double a, double b) {
  return 100.0 * (b - a) / a;
}

}  // namespace pricefeed::host
