// Platform-independent hashing and pseudo-random numbers for the sandbox's price model.
//
// Everything here is defined bit for bit (FNV-1a 64 and splitmix64), so the same seed and symbol give
// the same numbers on every compiler, standard library and machine. std::hash and the
// std::uniform_*_distribution family are deliberately not used: their results are unspecified.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string_view>

namespace pricefeed::sandbox {

// FNV-1a, 64 bit.
constexpr std::uint64_t fnv1a64(std::string_view text, std::uint64_t h = 0xcbf29ce484222325ULL) {
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return h;
}

// The splitmix64 finaliser: a bijective mix of one 64-bit word.
constexpr std::uint64_t mix64(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// splitmix64 (Steele, Lea, Flood 2014): state += golden gamma, then mix.
class SplitMix64 {
 public:
  constexpr explicit SplitMix64(std::uint64_t seed) : state_(seed) {}
  constexpr std::uint64_t next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return mix64(state_);
  }
  // Uniform in [0, 1) with 53 random bits.
  constexpr double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  std::uint64_t state_;
};

// A stateless hash of a key and a list of integers: the value at one "coordinate" (symbol, day, ...).
constexpr std::uint64_t hash_combine(std::uint64_t key, std::initializer_list<std::int64_t> parts) {
  std::uint64_t h = mix64(key ^ 0x6a09e667f3bcc909ULL);
  for (std::int64_t p : parts)
    h = mix64(h ^ (static_cast<std::uint64_t>(p) + 0x9e3779b97f4a7c15ULL));
  return h;
}

// Uniform in [0, 1) from one hash value.
constexpr double unit_interval(std::uint64_t h) {
  return static_cast<double>(h >> 11) * 0x1.0p-53;
}

}  // namespace pricefeed::sandbox
