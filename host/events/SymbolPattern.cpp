#include "host/events/SymbolPattern.hpp"

#include <algorithm>
#include <array>

#include "host/events/ValueForMessage.hpp"
#include "host/text/AsciiText.hpp"

namespace pricefeed::host {
namespace {

constexpr std::size_t kMaxSymbolLength = 32;
constexpr std::size_t kMaxTickerLength = 20;

// Characters that change a URL's meaning or are never part of a ticker; named in the message so the
// sender sees at once what is wrong with "BTC/USD".
constexpr std::string_view kNeverInASymbol = "/?&#%\\\"'<>@:;,+*|{}[]`$!~";

bool is_upper(char c) {
  return c >= 'A' && c <= 'Z';
}
bool is_alnum(char c) {
  return is_upper(c) || is_ascii_digit(c);
}

bool all_alnum(std::string_view text) {
  return std::all_of(text.begin(), text.end(), is_alnum);
}

// Runs of `is_part` characters separated by single `separators`, neither first nor last.
template <class IsPart>
bool separated_runs(std::string_view text, std::string_view separators, IsPart is_part) {
  if (text.empty()) return false;
  bool after_separator = true;
  for (char c : text) {
    if (separators.find(c) != std::string_view::npos) {
      if (after_separator) return false;
      after_separator = true;
    } else if (is_part(c)) {
      after_separator = false;
    } else {
      return false;
    }
  }
  return !after_separator;
}

std::optional<std::string> stock_or_bond_problem(AssetClass asset_class, std::string_view symbol) {
  std::string_view body = symbol;
  if (body.starts_with('^')) body.remove_prefix(1);
  if (symbol.size() <= kMaxTickerLength && separated_runs(body, ".-", is_alnum)) return std::nullopt;
  return value_for_message(symbol) + " is not a " + asset_class_name(asset_class) +
         " symbol (letters and digits, optionally with '.' or '-' parts such as BRK.B or OCDO.L, or an "
         "index such as ^TNX; at most 20 characters)";
}

std::optional<std::string> crypto_problem(std::string_view symbol) {
  if (symbol.size() <= kMaxTickerLength && all_alnum(symbol)) return std::nullopt;
  return value_for_message(symbol) +
         " is not a crypto symbol (the coin's ticker alone, letters and digits such as BTC, without a quote "
         "currency; at most 20 characters)";
}

std::optional<std::string> forex_problem(std::string_view symbol) {
  const bool six_letters = symbol.size() == 6 && std::all_of(symbol.begin(), symbol.end(), is_upper);
  if (!six_letters) {
    return value_for_message(symbol) +
           " is not a forex pair (six letters, base then quote currency, such as EURUSD)";
  }
  if (symbol.substr(0, 3) == symbol.substr(3, 3)) {
    return std::string(symbol) + " quotes a currency against itself";
  }
  return std::nullopt;
}

std::optional<std::string> commodity_problem(std::string_view symbol) {
  if (symbol.ends_with("=F")) {
    const std::string_view root = symbol.substr(0, symbol.size() - 2);
    if (!root.empty() && root.size() <= 6 && all_alnum(root)) return std::nullopt;
  } else if (!symbol.empty() && is_upper(symbol.front()) && separated_runs(symbol, "_", is_alnum)) {
    return std::nullopt;
  }
  return value_for_message(symbol) +
         " is not a commodity symbol (a name such as GOLD or OIL_WTI, or a futures symbol such as GC=F)";
}

std::string upper_cased(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return upper;
}

// The rules every class shares, checked first so the message names the offending character.
std::optional<std::string> universal_problem(std::string_view symbol) {
  if (symbol.empty()) return "is empty";
  if (contains_control_character(symbol)) return value_for_message(symbol) + " contains a control character";
  if (symbol.find(' ') != std::string_view::npos) return value_for_message(symbol) + " contains a space";
  if (const auto bad = symbol.find_first_of(kNeverInASymbol); bad != std::string_view::npos) {
    return value_for_message(symbol) + " contains '" + std::string(1, symbol[bad]) +
           "', which no symbol may contain";
  }
  if (symbol.find("..") != std::string_view::npos) {
    return value_for_message(symbol) + " contains '..', which no symbol may contain";
  }
  if (std::any_of(symbol.begin(), symbol.end(),
                  [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
    return value_for_message(symbol) + " contains a character outside ASCII";
  }
  if (symbol.size() > kMaxSymbolLength) {
    return value_for_message(symbol) + " is longer than " + std::to_string(kMaxSymbolLength) + " characters";
  }
  if (std::any_of(symbol.begin(), symbol.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    return std::string(symbol) + " must be upper case (" + upper_cased(symbol) + ")";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> symbol_problem(AssetClass asset_class, std::string_view symbol) {
  if (auto problem = universal_problem(symbol)) return problem;
  switch (asset_class) {
    case AssetClass::stock:
    case AssetClass::bond:
      return stock_or_bond_problem(asset_class, symbol);
    case AssetClass::crypto:
      return crypto_problem(symbol);
    case AssetClass::forex:
      return forex_problem(symbol);
    case AssetClass::commodity:
      return commodity_problem(symbol);
  }
  return "cannot be checked: unknown asset class bit " +
         std::to_string(static_cast<std::uint32_t>(asset_class));
}

}  // namespace pricefeed::host
