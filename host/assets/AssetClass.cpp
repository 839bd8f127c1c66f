#include "host/assets/AssetClass.hpp"

#include "host/text/NamedValues.hpp"

namespace pricefeed::host {

std::optional<AssetClass> parse_asset_class(std::string_view text) {
  return value_named(text, kAssetClasses, asset_class_name);
}

AssetClass require_asset_class(std::string_view text) {
  return require_value_named(text, kAssetClasses, asset_class_name, "an asset class");
}

std::string asset_class_choices(std::string_view last_separator) {
  return joined_names(kAssetClasses, asset_class_name, last_separator);
}

std::vector<std::string_view> all_asset_class_names() {
  return names_of(kAssetClasses, asset_class_name);
}

}  // namespace pricefeed::host
