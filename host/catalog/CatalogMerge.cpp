#include "host/catalog/CatalogMerge.hpp"

#include <algorithm>

#include "host/events/SymbolPattern.hpp"
#include "host/plugins/PluginDescriptor.hpp"

namespace pricefeed::host {

std::size_t CatalogMerge::preference(const std::string& source, AssetClass asset_class) const {
  const auto& chain = routing_.sources_for(asset_class);
  const auto at = std::find(chain.begin(), chain.end(), source);
  return static_cast<std::size_t>(at - chain.begin());  // chain.size() when absent
}

bool CatalogMerge::add(const std::string& source, const Asset& asset) {
  const std::uint32_t bit = asset_class_bit(asset.asset_class);
  const std::optional<AssetClass> asset_class = asset_class_of_bit(bit);
  if (!asset_class) {
    refused_.push_back({source, asset.symbol, "unknown asset class bit " + std::to_string(bit)});
    return false;
  }
  if (auto problem = symbol_problem(*asset_class, asset.symbol)) {
    refused_.push_back({source, asset.symbol, *problem});
    return false;
  }
  const std::size_t rank = preference(source, *asset_class);
  auto [it, inserted] = merged_.try_emplace({asset_class_name(*asset_class), asset.symbol});
  Merged& merged = it->second;
  if (inserted || rank < merged.preference) {
    merged.entry.asset_class = *asset_class;
    merged.entry.symbol = asset.symbol;
    merged.entry.name = asset.name;
    merged.entry.exchange = asset.exchange;
    merged.entry.currency = asset.currency;
    merged.preference = rank;
  }
  // A source that lists one symbol twice (two coins sharing a ticker) keeps its first, best-ranked one.
  merged.entry.source_ids.try_emplace(source, asset.source_id.empty() ? asset.symbol : asset.source_id);
  return true;
}

std::vector<AssetListing> CatalogMerge::entries() const {
  std::vector<AssetListing> out;
  out.reserve(merged_.size());
  for (const auto& [key, merged] : merged_)
    out.push_back(merged.entry);
  return out;
}

}  // namespace pricefeed::host
