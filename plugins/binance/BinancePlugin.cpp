// The plugin's two exported ABI entry points and C trampolines around BinanceSource.
#include <pricefeed/plugin.hpp>

#include "binance/BinanceSource.hpp"

PRICEFEED_PLUGIN(pricefeed::binance::BinanceSource)
