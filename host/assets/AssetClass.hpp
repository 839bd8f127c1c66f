// What kind of asset something is. Inside the host it is the SDK's enum (pricefeed/records.hpp), whose
// values are the ABI's PRICEFEED_CLASS_* bits, so a request crosses the ABI edge as it is. Text
// ("stock" ...: assets.asset_class, the [routing] and [class_defaults] keys, an event's asset_class,
// --class) is parsed where it enters and written back with asset_class_name().
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pricefeed/records.hpp"

namespace pricefeed::host {

using pricefeed::asset_class_name;  // "stock", "crypto", "commodity", "forex", "bond"
using pricefeed::AssetClass;

// Every class, in the order messages list them.
inline constexpr std::array<AssetClass, 5> kAssetClasses = {
    AssetClass::stock, AssetClass::crypto, AssetClass::commodity, AssetClass::forex, AssetClass::bond};

// The class named `text` ("stock" ..., lower case as stored); nullopt for any other text.
std::optional<AssetClass> parse_asset_class(std::string_view text);

// For text the schema has already restricted (assets.asset_class): throws std::invalid_argument
// naming the text and the classes.
AssetClass require_asset_class(std::string_view text);

// "stock, crypto, commodity, forex, bond", or with " or " as `last_separator` "... forex or bond":
// what a message says is accepted.
std::string asset_class_choices(std::string_view last_separator = ", ");

// The names in the order of kAssetClasses: the keys a table of classes may have.
std::vector<std::string_view> all_asset_class_names();

}  // namespace pricefeed::host
