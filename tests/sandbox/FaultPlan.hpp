// Faults on demand: the next N requests of a route (optionally for one symbol) fail in a chosen way,
// or, with a probability, each matching request fails by chance (a soak test's random weather).
#pragma once

#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace pricefeed::sandbox {

enum class FaultKind {
  http401,         // the API's unauthorized answer (Yahoo: Invalid Crumb)
  http418,         // 418 (Binance's IP ban), Retry-After when given
  http429,         // 429 Too Many Requests, Retry-After when given
  http500,         // 500 with the API's error body
  http503,         // 503, Retry-After when given
  slow,            // answer normally after delay_ms
  malformed,       // 200 with a body that does not parse (JSON cut in half; an HTML page for text files)
  truncated,       // Content-Length of the full body, half of it sent, then the connection closed
  reset,           // the connection is reset (RST) without an answer
  unknown_symbol,  // the API's 404 for an unknown symbol
};

struct Fault {
  std::uint64_t id = 0;
  std::string route = "*";            // a route id ("yahoo.chart"), a family ("yahoo") or "*"
  std::optional<std::string> symbol;  // only requests about this symbol (case-insensitive)
  FaultKind kind = FaultKind::http500;
  // Retry-After: sent verbatim ("2", "Wed, 21 Oct 2015 07:28:00 GMT"); "date+N" sends the HTTP-date N
  // seconds after the answer. Absent: no Retry-After header.
  std::optional<std::string> retry_after;
  int delay_ms = 2000;  // slow
  int count = 1;        // requests left; -1 = forever
  int applied = 0;
  // Random mode: each matching request is hit with this chance, in (0, 1]; a request it spares goes on
  // to the next fault (or to a normal answer) and uses none of `count`. Absent: every matching request.
  std::optional<double> probability;
  // The draws' seed: the same seed, fault id and order of matching requests give the same hits.
  // Absent: the plan's seed (the sandbox's --seed).
  std::optional<std::uint64_t> seed;
  std::uint64_t draws = 0;  // matching requests seen by a random fault (hits and misses)
};

class FaultPlan {
 public:
  explicit FaultPlan(std::uint64_t seed = 0) : seed_(seed) {}

  std::uint64_t add(Fault fault);
  // The first fault matching the request, with one use consumed (a fault whose count reaches 0 goes).
  std::optional<Fault> take(std::string_view route_id, std::string_view family,
                            const std::vector<std::string>& symbols);
  std::vector<Fault> list() const;
  bool remove(std::uint64_t id);
  void clear();

  static std::optional<FaultKind> kind_from(std::string_view name);
  static std::string_view name(FaultKind kind);
  // {"route":"yahoo.chart","symbol":"AAPL","kind":"429","retry_after":"2","count":3,"delay_ms":500,
  //  "probability":0.15,"seed":7}
  static Fault from_json(const nlohmann::json& j);  // throws std::invalid_argument
  // "route:kind[:count][:key=value...]" with keys symbol, retry_after, delay_ms, probability, seed
  // (command line)
  static Fault from_spec(std::string_view spec);  // throws std::invalid_argument
  static nlohmann::json to_json(const Fault& f);

 private:
  mutable std::mutex mutex_;
  std::vector<Fault> faults_;
  std::uint64_t next_id_ = 1;
  std::uint64_t seed_;
};

}  // namespace pricefeed::sandbox
