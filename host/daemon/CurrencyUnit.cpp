#include "host/daemon/CurrencyUnit.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace pricefeed::host {
namespace {

// Case matters: GBp is pence, GBP pounds. Yahoo writes GBp and ZAc, some feeds GBX and ZAC.
constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kMinorUnits = {{
    {"USX", "USD"},  // US cents: Yahoo's currency for grain, softs and livestock futures
    {"USc", "USD"},
    {"GBp", "GBP"},
    {"GBX", "GBP"},
    {"ZAc", "ZAR"},
    {"ZAC", "ZAR"},
    {"ILA", "ILS"},
    {"ILa", "ILS"},
}};

// Dollar stablecoins are valued at one dollar: the daemon keeps no market rate for them.
constexpr std::array<std::string_view, 6> kDollarStablecoins = {"USDT",  "USDC", "BUSD",
                                                                "FDUSD", "DAI",  "TUSD"};

}  // namespace

CurrencyUnit major_unit(std::string_view currency) {
  for (const auto& [minor, major] : kMinorUnits) {
    if (currency == minor) return {std::string(major), 0.01};
  }
  std::string upper(currency);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (std::find(kDollarStablecoins.begin(), kDollarStablecoins.end(), upper) != kDollarStablecoins.end()) {
    return {"USD", 1.0};
  }
  return {upper, 1.0};
}

}  // namespace pricefeed::host
