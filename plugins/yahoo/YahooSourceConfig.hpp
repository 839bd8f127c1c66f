#pragma once

// The keys of a yahoo instance's [sources.X] table that the plugin reads (the host reads the others:
// plugin, requests_per_minute, burst). See docs/sources/yahoo.md.

#include <set>
#include <string>

#include <pricefeed/config.hpp>

#include "yahoo-api/YahooEndpointConfig.hpp"

namespace pricefeed::yahoo {

// NASDAQ Trader's symbol directory: {url}/nasdaqlisted.txt and {url}/otherlisted.txt.
inline constexpr const char* kSymbolDirectoryUrl = "https://www.nasdaqtrader.com/dynamic/SymDir";

struct YahooSourceConfig {
  YahooEndpointConfig endpoint;      // base_url, crumb_base_url, user_agent
  std::string symbol_directory_url;  // symbol_directory_url: where the catalog's listings come from
  // bond_etfs: listings the catalog files under class bond instead of stock, in Yahoo's spelling.
  std::set<std::string, std::less<>> bond_etfs;

  // Throws Error::invalid_config naming the key.
  static YahooSourceConfig from(const Config& config);
};

// The default bond_etfs: the largest US-listed bond funds (treasuries across the curve, aggregate,
// investment-grade and high-yield corporates, TIPS, municipals, international, floating rate, T-bills).
const std::set<std::string, std::less<>>& default_bond_etfs();

}  // namespace pricefeed::yahoo
