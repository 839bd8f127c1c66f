#include "commodities/CommodityMap.hpp"

#include <algorithm>
#include <map>

#include <pricefeed/error.hpp>
#include <pricefeed/json.hpp>

#include "yahoo-api/FrontMonthFutures.hpp"

namespace pricefeed::commodities {

namespace {

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

// Yahoo's commodity tickers: continuous futures (GC=F) and single contracts (GCJ25.CMX). Escaped in
// every URL anyway; this catches typos (gc=f, "GC F") at start-up instead of as not_found later.
bool is_commodity_ticker(std::string_view ticker) {
  if (ticker.empty() || ticker.size() > 24) return false;
  if (!is_upper(ticker.front()) && !is_digit(ticker.front())) return false;
  return std::all_of(ticker.begin(), ticker.end(),
                     [](char c) { return is_upper(c) || is_digit(c) || c == '=' || c == '.' || c == '-'; });
}

// NATURAL_GAS -> "Natural gas": the title of a name the defaults do not have.
std::string title_from(std::string_view name) {
  std::string title;
  for (char c : name) {
    if (c == '_') {
      title += ' ';
    } else {
      title += title.empty() ? c : static_cast<char>(is_upper(c) ? c - 'A' + 'a' : c);
    }
  }
  return title;
}

[[noreturn]] void refuse(const std::string& key, const std::string& what) {
  throw Error::invalid_config(key + ": " + what);
}

std::string checked_ticker(const std::string& key, const std::string& ticker) {
  if (!is_commodity_ticker(ticker)) {
    refuse(key, "'" + ticker + "' is not a Yahoo ticker (upper-case, such as GC=F or GCJ25.CMX)");
  }
  return ticker;
}

}  // namespace

std::string CommodityContract::catalog_name() const {
  if (exchange.empty()) return title + " (Yahoo " + ticker + ")";
  if (yahoo::is_yahoo_futures_ticker(ticker)) return title + " (" + exchange + " front month)";
  return title + " (" + exchange + " " + ticker + ")";
}

bool is_canonical_commodity_name(std::string_view name) {
  if (name.empty() || name.size() > 32 || !is_upper(name.front()) || name.back() == '_') return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == '_') {
      if (name[i - 1] == '_') return false;
    } else if (!is_upper(c) && !is_digit(c)) {
      return false;
    }
  }
  return true;
}

CommodityMap::CommodityMap() {
  for (const yahoo::FrontMonthFuture& future : yahoo::front_month_futures()) {
    contracts_.push_back({std::string(future.name), std::string(future.ticker), std::string(future.title),
                          std::string(future.exchange), std::string(future.currency)});
  }
}

CommodityMap CommodityMap::from(const Config& symbols) {
  CommodityMap map;
  std::vector<std::string> removed;
  std::map<std::string, CommodityContract> added;  // alphabetical
  for (const auto& [name, value] : symbols.json().as_object()) {
    const std::string key = "symbols." + name;
    if (!is_canonical_commodity_name(name)) {
      refuse(key,
             "is not a canonical commodity name (upper-case letters, digits and single '_', starting "
             "with a letter, such as GOLD or OIL_WTI)");
    }
    const yahoo::FrontMonthFuture* future = yahoo::find_front_month_future(name);
    CommodityContract contract;
    contract.name = name;
    if (future != nullptr) {
      contract = {name, std::string(future->ticker), std::string(future->title),
                  std::string(future->exchange), std::string(future->currency)};
    } else {
      contract.title = title_from(name);
      contract.currency = "USD";
    }
    if (value.is_string()) {
      if (value.as_string().empty()) {
        removed.push_back(name);
        continue;
      }
      contract.ticker = checked_ticker(key, value.as_string());
    } else if (value.is_object()) {
      const Config entry(value, key);
      contract.ticker = checked_ticker(key + ".ticker", entry.required_string("ticker"));
      contract.title = entry.string("name", contract.title);
      contract.exchange = entry.string("exchange", contract.exchange);
      contract.currency = entry.string("currency", contract.currency);
      if (contract.title.empty()) refuse(key + ".name", "must not be empty");
      if (contract.currency.size() != 3) {
        refuse(key + ".currency", "expected a three-letter code such as USD (or USX for US cents), got '" +
                                      contract.currency + "'");
      }
    } else {
      refuse(key, std::string("expected a ticker (a string) or a table with ticker, name, exchange and "
                              "currency, got ") +
                      Json::type_name(value.type()));
    }
    if (future != nullptr) {
      for (CommodityContract& existing : map.contracts_) {
        if (existing.name == name) existing = contract;
      }
    } else {
      added.emplace(name, std::move(contract));
    }
  }
  std::erase_if(map.contracts_, [&](const CommodityContract& c) {
    return std::find(removed.begin(), removed.end(), c.name) != removed.end();
  });
  for (auto& [name, contract] : added)
    map.contracts_.push_back(std::move(contract));
  return map;
}

const CommodityContract* CommodityMap::find(std::string_view name) const {
  for (const CommodityContract& contract : contracts_) {
    if (contract.name == name) return &contract;
  }
  return nullptr;
}

std::string CommodityMap::ticker_for(std::string_view symbol, std::string_view source_id) const {
  if (!source_id.empty()) return std::string(source_id);
  if (const CommodityContract* contract = find(symbol)) return contract->ticker;
  if (yahoo::is_yahoo_futures_ticker(symbol)) return std::string(symbol);
  throw Error::not_found("commodities: no contract for '" + std::string(symbol) +
                         "': not a name in the commodity map (GOLD, OIL_WTI ...; see [sources.commodities."
                         "symbols]) nor a Yahoo futures ticker such as GC=F");
}

}  // namespace pricefeed::commodities
