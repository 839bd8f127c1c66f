#include "yahoo/UsListingCatalog.hpp"

#include <set>
#include <string>

#include <pricefeed/error.hpp>
#include <pricefeed/records.hpp>
#include <pricefeed/url.hpp>

#include "upstream/BaseUrl.hpp"
#include "upstream/BodyExcerpt.hpp"

namespace pricefeed::yahoo {

SymbolDirectory UsListingCatalog::fetch(const Host& host, SymbolDirectoryFile file) const {
  HttpRequest request;
  request.url = Url(config_.symbol_directory_url).segment(symbol_directory_file_name(file)).str();
  request.headers = {{"User-Agent", config_.endpoint.user_agent}, {"Accept", "text/plain,*/*"}};
  const std::string where = "yahoo: GET " + upstream::url_without_credentials(request.url);

  const HttpResponse response = host.http(request);
  const std::string answered = where + " answered HTTP " + std::to_string(response.status);
  if (response.status == 200) {
    try {
      return parse_symbol_directory(response.body, file);
    } catch (const Error& e) {
      throw Error(e.status(), where + ": " + e.what());
    }
  }
  if (response.status >= 500 || response.status == 408) {
    throw Error::transient(answered +
                           ", NASDAQ Trader is failing for now: " + upstream::body_excerpt(response.body));
  }
  throw Error::permanent(answered +
                         " (check symbol_directory_url): " + upstream::body_excerpt(response.body));
}

void UsListingCatalog::list(const Host& host, std::uint32_t asset_classes, AssetSink& sink) const {
  const bool want_stocks = (asset_classes & PRICEFEED_CLASS_STOCK) != 0;
  const bool want_bonds = (asset_classes & PRICEFEED_CLASS_BOND) != 0;
  if (!want_stocks && !want_bonds) return;

  const SymbolDirectory nasdaq = fetch(host, SymbolDirectoryFile::nasdaq_listed);
  if (host.cancelled()) throw Error::transient("yahoo: catalog cancelled after nasdaqlisted.txt");
  const SymbolDirectory other = fetch(host, SymbolDirectoryFile::other_listed);

  std::set<std::string, std::less<>> listed;
  std::size_t stocks = 0;
  std::size_t bonds = 0;
  std::size_t duplicates = 0;
  for (const SymbolDirectory* directory : {&nasdaq, &other}) {
    for (const std::string& warning : directory->warnings) {
      host.log(LogLevel::warn, "yahoo: " + warning);
    }
    for (const DirectoryListing& listing : directory->listings) {
      // One symbol is one listing; a second row for it (never seen, but two files) is dropped.
      if (!listed.insert(listing.ticker).second) {
        ++duplicates;
        continue;
      }
      const bool bond = config_.bond_etfs.contains(listing.ticker);
      if (bond ? !want_bonds : !want_stocks) continue;
      Asset asset;
      asset.symbol = listing.ticker;
      asset.source_id = listing.ticker;
      asset.name = listing.name;
      asset.asset_class = bond ? AssetClass::bond : AssetClass::stock;
      asset.exchange = listing.exchange;
      asset.currency = "USD";
      if (!sink.push(std::move(asset))) return;
      ++(bond ? bonds : stocks);
    }
  }
  sink.flush();
  host.log(LogLevel::info,
           "yahoo: catalog of US listings: " + std::to_string(stocks) + " stocks and ETFs, " +
               std::to_string(bonds) +
               " bond ETFs; left out: " + std::to_string(nasdaq.test_issues + other.test_issues) +
               " test issues, " + std::to_string(nasdaq.next_shares) + " NextShares, " +
               std::to_string(nasdaq.unusable_rows + other.unusable_rows) + " unusable rows, " +
               std::to_string(duplicates) + " duplicates",
           {{"nasdaqlisted_created", nasdaq.created}, {"otherlisted_created", other.created}});
}

}  // namespace pricefeed::yahoo
