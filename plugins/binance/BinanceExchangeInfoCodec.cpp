#include "binance/BinanceExchangeInfoCodec.hpp"

#include <algorithm>
#include <charconv>
#include <vector>

namespace pricefeed::binance {

namespace {

constexpr std::string_view kHeader = "pricefeed-binance-exchange-info 1";
constexpr std::string_view kWeightKey = "request_weight_per_minute ";

// A field may not hold the separators; Binance's codes never do, anything else is not kept.
bool plain(std::string_view field) {
  return !field.empty() && field.find_first_of(" \n") == std::string_view::npos;
}

std::vector<std::string_view> split(std::string_view line, char separator) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= line.size()) {
    const auto end = std::min(line.find(separator, start), line.size());
    out.push_back(line.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

std::string encode_exchange_info(const BinanceExchangeInfo& info) {
  std::string out(kHeader);
  out += '\n';
  out += kWeightKey;
  out += info.request_weight_per_minute ? std::to_string(*info.request_weight_per_minute) : "-";
  out += '\n';
  for (const BinancePairInfo& p : info.pairs) {
    if (!plain(p.pair) || !plain(p.base) || !plain(p.quote) || !plain(p.status)) continue;
    out += p.pair + ' ' + p.base + ' ' + p.quote + ' ' + p.status + '\n';
  }
  return out;
}

std::optional<BinanceExchangeInfo> decode_exchange_info(std::string_view text) {
  if (text.empty() || text.back() != '\n') return std::nullopt;  // cut short
  const std::vector<std::string_view> lines = split(text.substr(0, text.size() - 1), '\n');
  if (lines.size() < 2 || lines[0] != kHeader || lines[1].substr(0, kWeightKey.size()) != kWeightKey) {
    return std::nullopt;
  }
  BinanceExchangeInfo info;
  const std::string_view weight = lines[1].substr(kWeightKey.size());
  if (weight != "-") {
    std::uint32_t value = 0;
    const auto [end, error] = std::from_chars(weight.data(), weight.data() + weight.size(), value);
    if (error != std::errc() || end != weight.data() + weight.size() || value == 0) return std::nullopt;
    info.request_weight_per_minute = value;
  }
  info.pairs.reserve(lines.size() - 2);
  for (std::size_t i = 2; i < lines.size(); ++i) {
    const std::vector<std::string_view> fields = split(lines[i], ' ');
    if (fields.size() != 4) return std::nullopt;
    for (std::string_view field : fields) {
      if (field.empty()) return std::nullopt;
    }
    info.pairs.push_back(
        {std::string(fields[0]), std::string(fields[1]), std::string(fields[2]), std::string(fields[3])});
  }
  if (!std::is_sorted(info.pairs.begin(), info.pairs.end(),
                      [](const BinancePairInfo& a, const BinancePairInfo& b) { return a.pair < b.pair; })) {
    return std::nullopt;
  }
  return info;
}

}  // namespace pricefeed::binance
