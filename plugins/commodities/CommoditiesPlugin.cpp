// The plugin's two exported ABI entry points and C trampolines around CommoditiesSource.
#include <pricefeed/plugin.hpp>

#include "commodities/CommoditiesSource.hpp"

PRICEFEED_PLUGIN(pricefeed::commodities::CommoditiesSource)
