#include "coingecko/CoinGeckoSymbolIndex.hpp"

#include <algorithm>
#include <map>

#include "coingecko/CoinGeckoCoinId.hpp"

namespace pricefeed::coingecko {

namespace {

constexpr std::string_view kHeader = "coingecko-symbols 1\n";

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

std::string CoinGeckoSymbolIndex::build(const std::vector<CoinGeckoListedCoin>& coins) {
  std::map<std::string, std::vector<std::string_view>> by_symbol;
  for (const CoinGeckoListedCoin& coin : coins) {
    if (!is_coin_id(coin.id)) continue;
    if (coin.symbol.empty() || coin.symbol.find_first_of("\t\n\r") != std::string::npos) continue;
    by_symbol[lower_ascii(coin.symbol)].push_back(coin.id);
  }
  std::string out(kHeader);
  for (const auto& [symbol, ids] : by_symbol) {
    out += symbol;
    out += '\t';
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (i > 0) out += ',';
      out += ids[i];
    }
    out += '\n';
  }
  return out;
}

bool CoinGeckoSymbolIndex::recognises(std::string_view text) {
  return text.substr(0, kHeader.size()) == kHeader;
}

std::vector<std::string> CoinGeckoSymbolIndex::ids_for(std::string_view text, std::string_view symbol) {
  std::vector<std::string> out;
  if (symbol.empty() || !recognises(text)) return out;
  const std::string key = "\n" + lower_ascii(symbol) + "\t";
  // The header ends with '\n', so every line, the first included, is preceded by one.
  const std::size_t at = text.find(key, kHeader.size() - 1);
  if (at == std::string_view::npos) return out;
  const std::size_t begin = at + key.size();
  const std::size_t end = std::min(text.find('\n', begin), text.size());
  std::string_view ids = text.substr(begin, end - begin);
  while (!ids.empty()) {
    const std::size_t comma = std::min(ids.find(','), ids.size());
    if (comma > 0) out.emplace_back(ids.substr(0, comma));
    ids.remove_prefix(std::min(comma + 1, ids.size()));
  }
  return out;
}

std::size_t CoinGeckoSymbolIndex::coin_count(std::string_view text) {
  if (!recognises(text)) return 0;
  std::size_t count = 0;
  for (std::size_t i = kHeader.size(); i < text.size(); ++i) {
    // A tab starts a line's first id, a comma each further one.
    if (text[i] == '\t' || text[i] == ',') ++count;
  }
  return count;
}

}  // namespace pricefeed::coingecko
