#include "binance/BinanceCatalog.hpp"

#include "binance/BinancePair.hpp"

namespace pricefeed::binance {

std::vector<Asset> binance_catalog(const BinanceExchangeInfo& info, std::string_view quote_asset) {
  std::vector<Asset> out;
  for (const BinancePairInfo& p : info.pairs) {
    if (!p.trading() || p.quote != quote_asset) continue;
    // A code outside Binance's usual alphabet would be refused as a source id later: not listed.
    if (!is_binance_pair(p.pair) || !is_binance_asset(p.base)) continue;
    Asset asset;
    asset.symbol = p.base;
    asset.source_id = p.pair;
    asset.name = p.base;
    asset.asset_class = AssetClass::crypto;
    asset.exchange = "BINANCE";
    asset.currency = p.quote;
    out.push_back(std::move(asset));
  }
  return out;
}

}  // namespace pricefeed::binance
