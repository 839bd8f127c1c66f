#include "commodities/CommoditiesConfig.hpp"

namespace pricefeed::commodities {

CommoditiesConfig CommoditiesConfig::from(const Config& config) {
  CommoditiesConfig out;
  out.endpoint = yahoo::YahooEndpointConfig::from(config);
  out.map = CommodityMap::from(config.table("symbols"));
  return out;
}

}  // namespace pricefeed::commodities
