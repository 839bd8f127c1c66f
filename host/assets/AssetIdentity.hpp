// What the sources need to know about an asset to be asked for it: the daemon's quote targets and the
// quality checks' assets alike.
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "host/assets/AssetClass.hpp"

namespace pricefeed::host {

struct AssetIdentity {
  std::int64_t id = 0;
  std::string symbol;
  AssetClass asset_class = AssetClass::stock;
  nlohmann::json source_ids = nlohmann::json::object();  // assets.source_ids (SourceSymbol.hpp)
};

}  // namespace pricefeed::host
