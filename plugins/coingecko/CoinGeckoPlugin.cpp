// The plugin's two exported ABI entry points and C trampolines around CoinGeckoSource.
#include <pricefeed/plugin.hpp>

#include "coingecko/CoinGeckoSource.hpp"

PRICEFEED_PLUGIN(pricefeed::coingecko::CoinGeckoSource)
