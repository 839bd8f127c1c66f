#include "host/catalog/CatalogSeeder.hpp"

#include <algorithm>

#include <pqxx/transaction>

#include "host/log/Log.hpp"
#include "host/plugins/OutputCaps.hpp"
#include "host/plugins/PluginDescriptor.hpp"
#include "host/plugins/SourceInstance.hpp"

namespace pricefeed::host {
namespace {

// Keeps one source's listings until its call has ended: a source that fails half-way contributes
// nothing. Past kMaxAssetsPerCall the call is stopped and the source counts as failed: a listing
// cut short would deactivate every real asset past the cut.
class CollectingConsumer final : public CatalogConsumer {
 public:
  bool on_assets(std::span<const Asset> assets) override {
    if (listings.size() + assets.size() > kMaxAssetsPerCall) {
      overflowed = true;
      return false;
    }
    listings.insert(listings.end(), assets.begin(), assets.end());
    return true;
  }
  std::vector<Asset> listings;
  bool overflowed = false;
};

}  // namespace

bool CatalogSeedReport::all_sources_ok() const {
  return std::all_of(sources.begin(), sources.end(), [](const auto& s) { return s.ok; });
}

std::uint32_t CatalogSeeder::routed_classes() const {
  std::uint32_t mask = 0;
  for (const auto& [asset_class, chain] : routing_.sources_by_asset_class) {
    if (!chain.empty()) mask |= asset_class_bit(asset_class);
  }
  return mask;
}

CatalogSeedReport CatalogSeeder::seed(pqxx::connection& connection,
                                      const std::atomic<bool>* cancelled) const {
  CatalogSeedReport report;
  CatalogMerge merge(routing_);
  const std::uint32_t wanted = routed_classes();
  for (const auto& instance : sources_.instances()) {
    const auto& descriptor = instance->descriptor();
    const std::uint32_t classes = descriptor.asset_classes & wanted;
    if ((descriptor.capabilities & PRICEFEED_CAP_CATALOG) == 0 || classes == 0) continue;

    CatalogSourceOutcome outcome{instance->name(), false, {}, {}};
    CollectingConsumer consumer;
    const SourceCallResult result = instance->list_assets(classes, consumer, cancelled);
    if (consumer.overflowed) {
      outcome.error =
          "listed more than " + std::to_string(kMaxAssetsPerCall) + " assets in one call; none of them taken";
      log_warn("catalog source failed", {{"source", outcome.source}, {"error", outcome.error}});
    } else if (result.status == PRICEFEED_OK) {
      outcome.ok = true;
      const std::size_t refused_before = merge.refused().size();
      for (const Asset& asset : consumer.listings) {
        if (merge.add(outcome.source, asset)) {
          ++outcome.listed_by_class[asset_class_name(asset.asset_class)];
        }
      }
      log_info("catalog listed",
               {{"source", outcome.source},
                {"listings", static_cast<std::int64_t>(consumer.listings.size())},
                {"refused", static_cast<std::int64_t>(merge.refused().size() - refused_before)}});
    } else {
      outcome.error = std::string(status_name(result.status)) + ": " + result.message;
      log_warn("catalog source failed", {{"source", outcome.source}, {"error", outcome.error}});
    }
    report.sources.push_back(std::move(outcome));
  }
  report.refused = merge.refused();
  // A plugin with a systematic problem could refuse thousands: the first few say what it is.
  constexpr std::size_t kRefusalsLogged = 20;
  for (std::size_t i = 0; i < std::min(report.refused.size(), kRefusalsLogged); ++i) {
    const RefusedListing& refused = report.refused[i];
    log_warn("catalog listing refused",
             {{"source", refused.source}, {"symbol", refused.symbol}, {"reason", refused.reason}});
  }
  if (report.refused.size() > kRefusalsLogged) {
    log_warn("more catalog listings refused",
             {{"not_logged", static_cast<std::int64_t>(report.refused.size() - kRefusalsLogged)}});
  }

  std::vector<std::string> answered;
  for (const CatalogSourceOutcome& source : report.sources) {
    if (source.ok) answered.push_back(source.source);
  }
  pqxx::work tx(connection);
  report.written = write_catalog(tx, merge.entries(), answered);
  tx.commit();
  return report;
}

}  // namespace pricefeed::host
