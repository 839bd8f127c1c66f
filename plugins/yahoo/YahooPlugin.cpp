// The plugin's two exported ABI entry points and C trampolines around YahooSource.
#include <pricefeed/plugin.hpp>

#include "yahoo/YahooSource.hpp"

PRICEFEED_PLUGIN(pricefeed::yahoo::YahooSource)
