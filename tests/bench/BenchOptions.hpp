// What every benchmark's main() shares: integer flags (--symbols 40) and the median of its rounds.
#pragma once

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

namespace pricefeed::bench {

// Reads `--name N` pairs into the ints `flags` points at; an unknown flag, a missing or non-positive
// number throws std::invalid_argument naming it and the known flags.
inline void parse_positive_int_flags(int argc, char** argv, const std::map<std::string, int*>& flags) {
  std::string known;
  for (const auto& [name, value] : flags)
    known += (known.empty() ? "" : ", ") + name + " N";
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const auto it = flags.find(flag);
    if (it == flags.end()) throw std::invalid_argument("unknown option " + flag + " (" + known + ")");
    if (i + 1 >= argc) throw std::invalid_argument(flag + ": expected a number after it");
    const int value = std::stoi(argv[++i]);
    if (value < 1) throw std::invalid_argument(flag + ": expected a number >= 1");
    *it->second = value;
  }
}

inline double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  return values.empty() ? 0.0 : values[values.size() / 2];
}

}  // namespace pricefeed::bench
