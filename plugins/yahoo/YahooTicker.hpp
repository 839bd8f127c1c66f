#pragma once

// How Yahoo names an asset. pricefeed's symbols follow the catalogs (BRK.B, EURUSD, BTC, GOLD);
// Yahoo has its own conventions (BRK-B, EURUSD=X, BTC-USD, GC=F). An id the catalog already knows
// for this source (request.source_id) always wins and is used as it is.

#include <string>
#include <string_view>

#include <pricefeed/records.hpp>

namespace pricefeed::yahoo {

// Throws Error::not_found when there is no way to name the asset on Yahoo (a commodity with neither a
// source id nor a well-known name), so the host moves on to the next source.
std::string yahoo_ticker(std::string_view symbol, std::string_view source_id, AssetClass asset_class);

// True for a US listing's ticker in Yahoo's spelling, as the catalog lists it: upper-case letters and
// digits in runs joined by single '.' or '-', at most 20 characters (AAPL, BRK-B, ABR-PD, AACT-UN).
// It is also a valid pricefeed stock symbol, so every listing the catalog offers can be asked for.
bool is_us_listing_ticker(std::string_view ticker);

}  // namespace pricefeed::yahoo
