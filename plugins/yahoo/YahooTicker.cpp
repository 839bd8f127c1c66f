#include "yahoo/YahooTicker.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <utility>

#include <pricefeed/error.hpp>

namespace pricefeed::yahoo {

namespace {

bool is_upper_letter(char c) {
  return c >= 'A' && c <= 'Z';
}

// Yahoo's one-letter exchange suffixes (London, Tokyo, TSX Venture, Frankfurt): "VOD.L" is a
// London listing, not share class L, so its dot stays.
bool is_exchange_suffix(char c) {
  return c == 'L' || c == 'T' || c == 'V' || c == 'F';
}

// US share classes and preferred series, as the exchange directories write them (BRK.B, BRK/B,
// ABR$D), become Yahoo's dash forms (BRK-B, ABR-PD). Anything else (AAPL, OCDO.L, ^TNX) is kept.
std::string equity_ticker(std::string_view symbol) {
  if (const auto dollar = symbol.find('$'); dollar != std::string_view::npos) {
    return std::string(symbol.substr(0, dollar)) + "-P" + std::string(symbol.substr(dollar + 1));
  }
  const auto separator = symbol.find_last_of("./");
  const bool one_letter_class = separator != std::string_view::npos && separator > 0 &&
                                separator + 2 == symbol.size() && is_upper_letter(symbol.back());
  if (one_letter_class && (symbol[separator] == '/' || !is_exchange_suffix(symbol.back()))) {
    std::string ticker(symbol);
    ticker[separator] = '-';
    return ticker;
  }
  return std::string(symbol);
}

// EURUSD or EUR/USD -> EURUSD=X; an id already in Yahoo's form (EURUSD=X, JPY=X) is kept.
std::string forex_ticker(std::string_view symbol) {
  if (symbol.find('=') != std::string_view::npos) return std::string(symbol);
  std::string pair;
  for (char c : symbol)
    if (c != '/') pair += c;
  return pair + "=X";
}

// BTC -> BTC-USD (Yahoo quotes coins against the dollar); BTC-EUR or BTC/EUR name their own quote.
std::string crypto_ticker(std::string_view symbol) {
  std::string ticker(symbol);
  if (const auto slash = ticker.find('/'); slash != std::string::npos) ticker[slash] = '-';
  if (ticker.find('-') != std::string::npos) return ticker;
  return ticker + "-USD";
}

// Front-month futures for the commodities people usually mean. The catalog's source_ids
// (commodity list in config) is the real mapping; this only spares the common cases a lookup.
constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kFuturesByName{{
    {"GOLD", "GC=F"},
    {"SILVER", "SI=F"},
    {"PLATINUM", "PL=F"},
    {"PALLADIUM", "PA=F"},
    {"COPPER", "HG=F"},
    {"WTI", "CL=F"},
    {"CRUDE_OIL", "CL=F"},
    {"BRENT", "BZ=F"},
    {"NATURAL_GAS", "NG=F"},
    {"CORN", "ZC=F"},
    {"WHEAT", "ZW=F"},
    {"SOYBEANS", "ZS=F"},
}};

std::string commodity_ticker(std::string_view symbol) {
  // Already a Yahoo futures ticker (GC=F) or a contract (GCJ25.CMX).
  if (symbol.find('=') != std::string_view::npos || symbol.find('.') != std::string_view::npos) {
    return std::string(symbol);
  }
  for (const auto& [name, ticker] : kFuturesByName) {
    if (name == symbol) return std::string(ticker);
  }
  throw Error::not_found("yahoo: no Yahoo ticker known for commodity '" + std::string(symbol) +
                         "'; give the asset a source id for yahoo (e.g. GC=F for gold)");
}

}  // namespace

std::string yahoo_ticker(std::string_view symbol, std::string_view source_id, AssetClass asset_class) {
  if (!source_id.empty()) return std::string(source_id);
  switch (asset_class) {
    case AssetClass::stock:
    case AssetClass::bond:
      return equity_ticker(symbol);
    case AssetClass::forex:
      return forex_ticker(symbol);
    case AssetClass::crypto:
      return crypto_ticker(symbol);
    case AssetClass::commodity:
      return commodity_ticker(symbol);
  }
  throw Error::unsupported("yahoo: unknown asset class " +
                           std::to_string(static_cast<std::uint32_t>(asset_class)) + " for '" +
                           std::string(symbol) + "'");
}

}  // namespace pricefeed::yahoo
