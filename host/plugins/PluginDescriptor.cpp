#include "host/plugins/PluginDescriptor.hpp"

#include <array>
#include <string_view>
#include <utility>

namespace pricefeed::host {
namespace {

using Names = std::array<std::pair<std::uint32_t, const char*>, 5>;

constexpr Names kClasses{{{PRICEFEED_CLASS_STOCK, "stock"},
                          {PRICEFEED_CLASS_CRYPTO, "crypto"},
                          {PRICEFEED_CLASS_COMMODITY, "commodity"},
                          {PRICEFEED_CLASS_FOREX, "forex"},
                          {PRICEFEED_CLASS_BOND, "bond"}}};

template <std::size_t N>
std::string join_names(std::uint32_t mask,
                       const std::array<std::pair<std::uint32_t, const char*>, N>& names) {
  std::string out;
  for (const auto& [bit, name] : names) {
    if ((mask & bit) == 0) continue;
    if (!out.empty()) out += ',';
    out += name;
  }
  return out.empty() ? "-" : out;
}

}  // namespace

std::string asset_class_names(std::uint32_t mask) {
  return join_names(mask, kClasses);
}

std::string capability_names(std::uint32_t mask) {
  static constexpr std::array<std::pair<std::uint32_t, const char*>, 4> kCaps{
      {{PRICEFEED_CAP_HISTORY, "history"},
       {PRICEFEED_CAP_QUOTES, "quotes"},
       {PRICEFEED_CAP_CATALOG, "catalog"},
       {PRICEFEED_CAP_RESOLVE_SYMBOL, "resolve"}}};
  return join_names(mask, kCaps);
}

std::string resolution_names(std::uint32_t mask) {
  static constexpr std::array<std::pair<std::uint32_t, const char*>, 3> kRes{
      {{PRICEFEED_RES_1D, "1d"}, {PRICEFEED_RES_1H, "1h"}, {PRICEFEED_RES_1M, "1m"}}};
  return join_names(mask, kRes);
}

std::string abi_version_text(std::uint32_t version) {
  return std::to_string(PRICEFEED_ABI_MAJOR_OF(version)) + "." +
         std::to_string(PRICEFEED_ABI_MINOR_OF(version));
}

std::uint32_t asset_class_bit(std::string_view name) {
  for (const auto& [bit, n] : kClasses) {
    if (name == n) return bit;
  }
  return 0;
}

const char* asset_class_name(std::uint32_t bit) {
  for (const auto& [b, n] : kClasses) {
    if (b == bit) return n;
  }
  return "unknown";
}

}  // namespace pricefeed::host
