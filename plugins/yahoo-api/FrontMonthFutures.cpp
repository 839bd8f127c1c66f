#include "yahoo-api/FrontMonthFutures.hpp"

#include <array>

namespace pricefeed::yahoo {

namespace {

// Exchanges as the contracts' rulebooks name them (COMEX and NYMEX are CME Group's metals and energy
// exchanges; BZ=F is NYMEX's Brent last-day financial future; coffee, sugar, cocoa and cotton are ICE
// Futures U.S.). Currencies as Yahoo's quote pages give them ("Currency in USX" for KC=F, ZC=F ...).
constexpr std::array<FrontMonthFuture, 20> kFutures{{
    {"GOLD", "GC=F", "Gold", "COMEX", "USD"},
    {"SILVER", "SI=F", "Silver", "COMEX", "USD"},
    {"COPPER", "HG=F", "Copper", "COMEX", "USD"},
    {"PLATINUM", "PL=F", "Platinum", "NYMEX", "USD"},
    {"PALLADIUM", "PA=F", "Palladium", "NYMEX", "USD"},
    {"OIL_WTI", "CL=F", "Crude oil WTI", "NYMEX", "USD"},
    {"OIL_BRENT", "BZ=F", "Crude oil Brent", "NYMEX", "USD"},
    {"NATURAL_GAS", "NG=F", "Natural gas", "NYMEX", "USD"},
    {"HEATING_OIL", "HO=F", "Heating oil", "NYMEX", "USD"},
    {"GASOLINE", "RB=F", "RBOB gasoline", "NYMEX", "USD"},
    {"CORN", "ZC=F", "Corn", "CBOT", "USX"},
    {"WHEAT", "ZW=F", "Wheat", "CBOT", "USX"},
    {"SOYBEANS", "ZS=F", "Soybeans", "CBOT", "USX"},
    {"OATS", "ZO=F", "Oats", "CBOT", "USX"},
    {"COFFEE", "KC=F", "Coffee", "ICE US", "USX"},
    {"SUGAR", "SB=F", "Sugar No. 11", "ICE US", "USX"},
    {"COCOA", "CC=F", "Cocoa", "ICE US", "USD"},
    {"COTTON", "CT=F", "Cotton No. 2", "ICE US", "USX"},
    {"LIVE_CATTLE", "LE=F", "Live cattle", "CME", "USX"},
    {"LEAN_HOGS", "HE=F", "Lean hogs", "CME", "USX"},
}};

bool is_upper_alnum(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

}  // namespace

std::span<const FrontMonthFuture> front_month_futures() {
  return kFutures;
}

const FrontMonthFuture* find_front_month_future(std::string_view name) {
  for (const FrontMonthFuture& future : kFutures) {
    if (future.name == name) return &future;
  }
  return nullptr;
}

bool is_yahoo_futures_ticker(std::string_view ticker) {
  if (ticker.size() < 3 || ticker.size() > 8 || ticker.substr(ticker.size() - 2) != "=F") return false;
  for (char c : ticker.substr(0, ticker.size() - 2)) {
    if (!is_upper_alnum(c)) return false;
  }
  return true;
}

}  // namespace pricefeed::yahoo
