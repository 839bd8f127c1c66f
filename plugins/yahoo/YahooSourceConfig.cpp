#include "yahoo/YahooSourceConfig.hpp"

#include <pricefeed/error.hpp>

#include "upstream/BaseUrl.hpp"
#include "yahoo/YahooTicker.hpp"

namespace pricefeed::yahoo {

const std::set<std::string, std::less<>>& default_bond_etfs() {
  static const std::set<std::string, std::less<>> kBondEtfs{
      // Aggregate and total market
      "AGG", "BND", "BNDX", "IAGG", "SCHZ", "SPAB", "IUSB", "FBND",
      // Treasuries, short to long, and T-bills
      "BIL", "SGOV", "SHV", "GBIL", "TFLO", "USFR", "SHY", "SCHO", "VGSH", "SPTS", "IEI", "SCHR", "VGIT",
      "IEF", "GOVT", "TLH", "TLT", "VGLT", "SPTL", "EDV", "ZROZ",
      // Corporate, investment grade
      "LQD", "VCIT", "VCSH", "VCLT", "IGSB", "IGIB", "USIG", "SPSB", "SPIB", "BSV", "BIV", "BLV",
      // High yield
      "HYG", "JNK", "USHY", "SHYG", "SJNK", "HYLB",
      // Inflation-protected
      "TIP", "SCHP", "VTIP", "STIP",
      // Municipal
      "MUB", "VTEB", "SUB",
      // Mortgage-backed, floating rate, ultra-short
      "MBB", "VMBS", "FLOT", "JPST", "MINT", "NEAR",
      // International and emerging markets
      "EMB", "VWOB", "BWX"};
  return kBondEtfs;
}

YahooSourceConfig YahooSourceConfig::from(const Config& config) {
  YahooSourceConfig out;
  out.endpoint = YahooEndpointConfig::from(config);
  out.symbol_directory_url = upstream::checked_base_url(
      "symbol_directory_url", config.string("symbol_directory_url", kSymbolDirectoryUrl));
  if (!config.has("bond_etfs")) {
    out.bond_etfs = default_bond_etfs();
    return out;
  }
  for (const std::string& symbol : config.strings("bond_etfs")) {
    // The directory's spellings (BRK.B) are accepted and stored in Yahoo's (BRK-B), as listed.
    const std::string ticker = yahoo_ticker(symbol, "", AssetClass::bond);
    if (!is_us_listing_ticker(ticker)) {
      throw Error::invalid_config("bond_etfs: '" + symbol +
                                  "' is not a US listing's symbol (upper-case letters and digits, such "
                                  "as TLT or BND)");
    }
    out.bond_etfs.insert(ticker);
  }
  return out;
}

}  // namespace pricefeed::yahoo
