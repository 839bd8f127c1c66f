#include "host/config/KeySuggestion.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

namespace pricefeed::host {
namespace {

// Optimal string alignment distance, case-insensitive: `Batch_Size` is as much a typo as `batch_sise`.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  auto same = [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
  };
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i)
    d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j)
    d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t cost = same(a[i - 1], b[j - 1]) ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && same(a[i - 1], b[j - 2]) && same(a[i - 2], b[j - 1])) {
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.size()][b.size()];
}

}  // namespace

std::optional<std::string> closest_key(std::string_view unknown, std::span<const std::string_view> known) {
  std::optional<std::string> best;
  std::size_t best_distance = 0;
  for (std::string_view candidate : known) {
    std::size_t distance = edit_distance(unknown, candidate);
    // A third of the key may be wrong, at least two characters: enough for `batch_sise` or `wroker`,
    // not enough to suggest `url` for `dirs`.
    std::size_t tolerance = std::max<std::size_t>(2, candidate.size() / 3);
    if (distance > tolerance || distance >= candidate.size()) continue;
    if (!best || distance < best_distance) {
      best = std::string(candidate);
      best_distance = distance;
    }
  }
  return best;
}

}  // namespace pricefeed::host
