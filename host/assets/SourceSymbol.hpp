// What a source calls an asset. assets.source_ids maps a source's name to that source's own id for the
// asset ("bitcoin" for coingecko's BTC, "BTCUSDT" for binance's); a source without one is asked by
// pricefeed's symbol, and spells it its own way (yahoo asks for BTC as "BTC-USD").
//
// An entry that is empty, or not a string, is no id: "use the symbol". Asking a source for "" would
// ask for nothing.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace pricefeed::host {

// assets.source_ids as the database's text gives it; anything but a JSON object reads as no ids.
nlohmann::json parse_source_ids(std::string_view text);

// `source`'s id for the asset, or `symbol` when it has none.
std::string symbol_for(const nlohmann::json& source_ids, std::string_view source, const std::string& symbol);

// The source id a request carries (HistoryRequest::source_id, QuoteRequest::source_ids): symbol_for,
// but empty when that is the symbol itself, so that the plugin spells the symbol its own way.
std::string request_source_id(const nlohmann::json& source_ids, std::string_view source,
                              const std::string& symbol);

}  // namespace pricefeed::host
