// Reading the csv source's files: one <SYMBOL>.csv of daily prices per symbol, and an optional
// catalog.csv that names them. Every error names the file and line, so the operator knows what to fix.
#ifndef PRICEFEED_CSV_SOURCE_CSV_FILES_HPP
#define PRICEFEED_CSV_SOURCE_CSV_FILES_HPP

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <pricefeed/sdk.hpp>

namespace csv_source {

// "stock", "crypto", "commodity", "forex" or "bond" (any case); nullopt for anything else.
std::optional<pricefeed::AssetClass> parse_asset_class(std::string_view name);

// Every row of a price file as a daily bar (ts = 00:00 UTC of its date), sorted by date. Columns are
// found by name: date and close are required; open, high, low, adj_close and volume are optional, and
// an empty cell is absent (NaN). Throws Error::not_found when the file does not exist and
// Error::permanent ("<file>:<line>: ...") when a line is malformed.
std::vector<pricefeed::Bar> read_price_file(const std::filesystem::path& path);

struct CatalogEntry {
  std::string name;                                  // empty: the symbol is the name
  std::optional<pricefeed::AssetClass> asset_class;  // absent: the instance's default class
  std::string currency;                              // empty: the instance's currency
};

// catalog.csv (columns symbol, and optionally name, asset_class, currency) keyed by symbol; empty when
// the file does not exist.
std::map<std::string, CatalogEntry> read_catalog(const std::filesystem::path& path);

}  // namespace csv_source

#endif  // PRICEFEED_CSV_SOURCE_CSV_FILES_HPP
