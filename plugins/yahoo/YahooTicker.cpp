#include "yahoo/YahooTicker.hpp"

#include <array>
#include <cstdint>
#include <string>
#include <utility>

#include <pricefeed/error.hpp>

#include "yahoo-api/FrontMonthFutures.hpp"

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

// Yahoo's spellings of the suffixes the exchanges' directories write after a dot (otherlisted.txt's
// ACT symbols and the CQS ones): units AACT.U -> AACT-UN, warrants AACT.W / AACT.WS -> AACT-WT,
// rights AIIA.R / AIIA.RT -> AIIA-RI.
constexpr std::array<std::pair<std::string_view, std::string_view>, 5> kIssueSuffixes{{
    {".U", "-UN"},
    {".W", "-WT"},
    {".WS", "-WT"},
    {".R", "-RI"},
    {".RT", "-RI"},
}};

// US share classes, preferred series, units, warrants and rights, as the exchange directories write
// them (BRK.B, BRK/B, ABR$D, AACT.U), become Yahoo's dash forms (BRK-B, ABR-PD, AACT-UN). Anything
// else (AAPL, OCDO.L, ^TNX) is kept.
std::string equity_ticker(std::string_view symbol) {
  if (const auto dollar = symbol.find('$'); dollar != std::string_view::npos) {
    return std::string(symbol.substr(0, dollar)) + "-P" + std::string(symbol.substr(dollar + 1));
  }
  for (const auto& [suffix, yahoo] : kIssueSuffixes) {
    if (symbol.size() > suffix.size() && symbol.substr(symbol.size() - suffix.size()) == suffix) {
      return std::string(symbol.substr(0, symbol.size() - suffix.size())) + std::string(yahoo);
    }
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

// Names people also use for the two crude oils, besides the canonical OIL_WTI and OIL_BRENT.
constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kCommodityAliases{{
    {"WTI", "OIL_WTI"},
    {"CRUDE_OIL", "OIL_WTI"},
    {"BRENT", "OIL_BRENT"},
}};

std::string commodity_ticker(std::string_view symbol) {
  // Already a Yahoo futures ticker (GC=F) or a contract (GCJ25.CMX).
  if (symbol.find('=') != std::string_view::npos || symbol.find('.') != std::string_view::npos) {
    return std::string(symbol);
  }
  std::string_view name = symbol;
  for (const auto& [alias, canonical] : kCommodityAliases) {
    if (alias == symbol) name = canonical;
  }
  // The commodities plugin's default table: both plugins agree on what GOLD is.
  if (const FrontMonthFuture* future = find_front_month_future(name)) return std::string(future->ticker);
  throw Error::not_found("yahoo: no Yahoo ticker known for commodity '" + std::string(symbol) +
                         "'; give the asset a source id for yahoo (e.g. GC=F for gold)");
}

}  // namespace

bool is_us_listing_ticker(std::string_view ticker) {
  if (ticker.empty() || ticker.size() > 20) return false;
  bool after_separator = true;
  for (char c : ticker) {
    if (c == '.' || c == '-') {
      if (after_separator) return false;
      after_separator = true;
    } else if (is_upper_letter(c) || (c >= '0' && c <= '9')) {
      after_separator = false;
    } else {
      return false;
    }
  }
  return !after_separator;
}

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
