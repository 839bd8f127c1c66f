// Exchange rates the daemon knows (from latest_prices of forex pairs), and conversion between any two
// currencies: directly, through the inverse pair, or through one intermediate currency (GBP -> EUR
// via USD when only GBPUSD and EURUSD are known). Minor units are handled by major_unit().
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>

namespace pricefeed::host {

class FxRates {
 public:
  // `pair` is a forex symbol: EURUSD = the price of 1 EUR in USD. Non-positive rates are ignored.
  void add_pair(const std::string& pair, double rate);

  // amount in `from` expressed in `to`; nullopt when no rate links them.
  std::optional<double> convert(double amount, const std::string& from, const std::string& to) const;

  // The rate of 1 `from` in `to`, both ISO major currencies.
  std::optional<double> rate(const std::string& from, const std::string& to) const;

 private:
  std::optional<double> direct(const std::string& from, const std::string& to) const;
  std::map<std::pair<std::string, std::string>, double> rates_;
};

// "GBP" + "USD" -> "GBPUSD": the forex symbol whose price converts `from` into `to`.
inline std::string forex_pair(const std::string& from, const std::string& to) {
  return from + to;
}

}  // namespace pricefeed::host
