// The plugin's two exported ABI entry points and C trampolines around ForexSource.
#include <pricefeed/plugin.hpp>

#include "forex/ForexSource.hpp"

PRICEFEED_PLUGIN(pricefeed::forex::ForexSource)
