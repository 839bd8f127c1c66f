// The ECB's euro reference rates as the sandbox models them, for every API that serves them
// (Frankfurter, the ECB Data Portal).
//
// The rate of currency X on date D ("X per 1 EUR", as the ECB publishes it) is the PriceModel's close
// of the Yahoo instrument EURX=X on D, printed with that instrument's decimals. So every API of the
// sandbox serves one market: /__sandbox/truth/EURUSD=X gives the ECB's USD rates, and a cross is
// consistent by construction (GBP/USD = EURUSD / EURGBP). The walk is extended back to the euro's
// first day (1999-01-04), before Yahoo's forex history begins.
//
// Rates exist on TARGET working days from 1999-01-04 (weekends, 1 Jan, Good Friday, Easter Monday,
// 1 May, 25 and 26 Dec have none) and are published at 16:00 Frankfurt time of their day.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "tests/sandbox/Calendar.hpp"
#include "tests/sandbox/Instruments.hpp"
#include "tests/sandbox/PriceModel.hpp"

namespace pricefeed::sandbox {

struct EcbCurrency {
  std::string_view code;
  std::string_view frankfurter_name;  // Frankfurter's /currencies (the Money gem's names)
  std::string_view ecb_name;          // the ECB's series titles ("US dollar/Euro ...")
};

// The currencies the ECB publishes a daily reference rate for (not the euro), by code.
const std::vector<EcbCurrency>& ecb_currencies();
const EcbCurrency* find_ecb_currency(std::string_view code);

struct EcbRate {
  sys_days day{};
  double value = 0;  // X per 1 EUR, rounded to `decimals`
  int decimals = 4;  // as printed
};

// 1999-01-04: the first reference rates.
constexpr sys_days kEuroFirstDay = sys_days{std::chrono::days{10595}};

class EcbReferenceRates {
 public:
  EcbReferenceRates(const PriceModel& model, const Instruments& instruments)
      : model_(&model), instruments_(&instruments) {}

  // TARGET working day on or after 1999-01-04.
  static bool is_fixing_day(sys_days day);
  // 16:00 Europe/Berlin of the day: when its rates are out.
  static sys_seconds publication_time(sys_days day);
  // The most recent fixing day published by `now`; nullopt before the first one.
  static std::optional<sys_days> last_published_day(sys_seconds now);

  // X's rates on the fixing days in [from, to] published by `now`, oldest first. Empty for a
  // currency the ECB does not publish.
  std::vector<EcbRate> rates(std::string_view currency, sys_days from, sys_days to, sys_seconds now) const;
  // X's rate on one fixing day published by `now`.
  std::optional<EcbRate> rate(std::string_view currency, sys_days day, sys_seconds now) const;

  // The decimals X's rates are printed with.
  int decimals(std::string_view currency) const;
  // "1.1222": a rate as the ECB and Frankfurter print it.
  static std::string format(const EcbRate& rate);

 private:
  std::optional<Instrument> euro_instrument(std::string_view currency) const;

  const PriceModel* model_;
  const Instruments* instruments_;
};

}  // namespace pricefeed::sandbox
