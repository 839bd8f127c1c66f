// Prices quoted in a minor unit (London in pence: GBp or GBX; Johannesburg in cents: ZAc; Tel Aviv in
// agorot: ILA; US cents: USX, Yahoo's currency for corn, wheat or cattle futures) and dollar stablecoins (Binance quotes against USDT) expressed in an ISO 4217 major
// currency and a factor: 250 GBp = 2.50 GBP.
#pragma once

#include <string>
#include <string_view>

namespace pricefeed::host {

struct CurrencyUnit {
  std::string currency;  // ISO 4217, upper case
  double factor = 1.0;   // one unit of the given currency in `currency`
};

// USX/USc -> USD x 0.01, GBp/GBX -> GBP x 0.01, ZAc/ZAC -> ZAR x 0.01, ILA/ILa -> ILS x 0.01; USDT, USDC, BUSD, FDUSD, DAI,
// TUSD -> USD x 1 (pegged; see docs/daemon.md); anything else upper-cased with factor 1.
CurrencyUnit major_unit(std::string_view currency);

}  // namespace pricefeed::host
