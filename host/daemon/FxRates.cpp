#include "host/daemon/FxRates.hpp"

#include <set>

#include "host/daemon/CurrencyUnit.hpp"

namespace pricefeed::host {

void FxRates::add_pair(const std::string& pair, double rate) {
  if (pair.size() != 6 || !(rate > 0)) return;
  rates_[{pair.substr(0, 3), pair.substr(3)}] = rate;
}

std::optional<double> FxRates::direct(const std::string& from, const std::string& to) const {
  if (from == to) return 1.0;
  if (auto it = rates_.find({from, to}); it != rates_.end()) return it->second;
  if (auto it = rates_.find({to, from}); it != rates_.end()) return 1.0 / it->second;
  return std::nullopt;
}

std::optional<double> FxRates::rate(const std::string& from, const std::string& to) const {
  if (auto rate = direct(from, to)) return rate;
  std::set<std::string> currencies;
  for (const auto& [pair, rate] : rates_) {
    currencies.insert(pair.first);
    currencies.insert(pair.second);
  }
  for (const std::string& via : currencies) {
    auto first = direct(from, via);
    auto second = first ? direct(via, to) : std::nullopt;
    if (first && second) return *first * *second;
  }
  return std::nullopt;
}

std::optional<double> FxRates::convert(double amount, const std::string& from, const std::string& to) const {
  const CurrencyUnit source = major_unit(from);
  const CurrencyUnit target = major_unit(to);
  const auto r = rate(source.currency, target.currency);
  if (!r) return std::nullopt;
  return amount * source.factor * *r / target.factor;
}

}  // namespace pricefeed::host
