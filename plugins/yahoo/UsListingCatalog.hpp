#pragma once

// The yahoo plugin's catalog: every US exchange listing, from NASDAQ Trader's symbol directory
// (nasdaqlisted.txt and otherlisted.txt, both read before anything is handed over, so a failure of
// the second never leaves the host with half a catalog). Each listing becomes an asset in Yahoo's
// spelling (symbol and source id BRK-B), with its name and exchange, currency USD, class stock, or
// class bond when it is one of the configured bond ETFs.

#include <cstdint>

#include <pricefeed/host.hpp>
#include <pricefeed/sinks.hpp>

#include "yahoo/SymbolDirectoryParser.hpp"
#include "yahoo/YahooSourceConfig.hpp"

namespace pricefeed::yahoo {

class UsListingCatalog {
 public:
  explicit UsListingCatalog(const YahooSourceConfig& config) : config_(config) {}

  // asset_classes: the PRICEFEED_CLASS_* mask the host wants; without stock and bond nothing is
  // fetched at all.
  void list(const Host& host, std::uint32_t asset_classes, AssetSink& sink) const;

  // GET {symbol_directory_url}/{file}, parsed. 5xx, 408 and broken downloads are transient, other
  // statuses and a changed header permanent.
  SymbolDirectory fetch(const Host& host, SymbolDirectoryFile file) const;

 private:
  const YahooSourceConfig& config_;
};

}  // namespace pricefeed::yahoo
