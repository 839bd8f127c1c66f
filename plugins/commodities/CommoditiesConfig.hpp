#pragma once

// The keys of a commodities instance's [sources.X] table that the plugin reads (the host reads
// plugin, requests_per_minute and burst). See docs/sources/commodities.md.

#include <pricefeed/config.hpp>

#include "commodities/CommodityMap.hpp"
#include "yahoo-api/YahooEndpointConfig.hpp"

namespace pricefeed::commodities {

struct CommoditiesConfig {
  yahoo::YahooEndpointConfig endpoint;  // base_url, crumb_base_url, user_agent: as for yahoo
  CommodityMap map;                     // the defaults with the `symbols` table applied

  // Throws Error::invalid_config naming the key.
  static CommoditiesConfig from(const Config& config);
};

}  // namespace pricefeed::commodities
