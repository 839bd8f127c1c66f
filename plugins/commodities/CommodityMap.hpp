#pragma once

// Which Yahoo contract stands for each commodity the commodities source serves: pricefeed's canonical
// names (GOLD, OIL_WTI) mapped to front-month futures (GC=F, CL=F). The defaults are the shared
// table of plugins/yahoo-api (FrontMonthFutures); an instance's [sources.X.symbols] table overrides and
// extends them:
//
//   [sources.commodities.symbols]
//   GOLD = "MGC=F"                       # a string changes the contract only (title, exchange kept)
//   LUMBER = { ticker = "LBS=F", name = "Lumber", exchange = "CME", currency = "USD" }
//   OATS = ""                            # an empty ticker removes a default
//
// The map is also the commodities catalog.

#include <string>
#include <string_view>
#include <vector>

#include <pricefeed/config.hpp>

namespace pricefeed::commodities {

struct CommodityContract {
  std::string name;      // pricefeed's symbol: GOLD
  std::string ticker;    // Yahoo's: GC=F
  std::string title;     // "Gold"
  std::string exchange;  // "COMEX"; empty when unknown (a name added with a bare ticker)
  std::string currency;  // what the prices are in: USD, or USX (US cents) for grains, softs, livestock

  // The catalog's name: "Gold (COMEX front month)", or "Lumber (Yahoo LBS=F)" without an exchange.
  std::string catalog_name() const;
};

class CommodityMap {
 public:
  // The defaults alone.
  CommodityMap();
  // The defaults with the overrides of a `symbols` table; Error::invalid_config names the entry
  // ("symbols.gold: ...").
  static CommodityMap from(const Config& symbols);

  // The contract of a canonical name, or nullptr.
  const CommodityContract* find(std::string_view name) const;
  // Every contract: the defaults in their order, then added names in alphabetical order.
  const std::vector<CommodityContract>& contracts() const noexcept { return contracts_; }

  // Yahoo's ticker for a requested symbol: the catalog's source id when the host has one, else the
  // map's contract for the name, else the symbol itself when it already is a Yahoo futures ticker
  // (GC=F). Anything else is Error::not_found, before any request is made.
  std::string ticker_for(std::string_view symbol, std::string_view source_id) const;

 private:
  std::vector<CommodityContract> contracts_;
};

// True for pricefeed's canonical commodity names: an upper-case letter, then upper-case letters,
// digits and single '_' (not last), at most 32 characters. The host's event check accepts the same.
bool is_canonical_commodity_name(std::string_view name);

}  // namespace pricefeed::commodities
