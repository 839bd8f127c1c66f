// Data scenarios on demand: what the market or one upstream does to a symbol's prices, so that tests
// can exercise the pipeline's data-quality checks (docs/sandbox.md, "Data scenarios").
//
//   spike     that day's bar (OHLC) multiplied, in every route: a real market move all sources agree on
//   disagree  one route family's answers deviate by a factor (from/to optional): a source that is wrong
//   missing   the days from..to are absent from the answers of one route family, or of all
//   split     a numerator:denominator split on a date: Yahoo's chart carries it in events.splits and,
//             once the sandbox clock is on/after the date, the bars before it come back split-adjusted
//
// A scenario names a symbol in Yahoo's spelling (AAPL, BTC-USD, BTC-USDT: the model's instruments);
// a crypto base alone (BTC) names every pair of that coin (CoinGecko's BTC-USD, Binance's BTCUSDT).
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "tests/sandbox/Instruments.hpp"
#include "tests/sandbox/PriceModel.hpp"

namespace pricefeed::sandbox {

enum class ScenarioKind { spike, disagree, missing, split };

struct Scenario {
  std::uint64_t id = 0;
  ScenarioKind kind = ScenarioKind::spike;
  std::string symbol;                // upper case
  std::optional<std::string> route;  // a route family (yahoo, binance, coingecko); all when absent
  std::optional<sys_days> from, to;  // disagree and missing (disagree: unbounded when absent)
  sys_days date{};                   // spike and split
  double factor = 1.0;               // spike and disagree
  int numerator = 1, denominator = 1;
};

class ScenarioPlan {
 public:
  std::uint64_t add(Scenario scenario);
  std::vector<Scenario> list() const;
  bool remove(std::uint64_t id);
  void clear();
  // Changes with every add, remove and clear: what a cache of served prices keys on.
  std::uint64_t generation() const { return generation_.load(); }

  // The bars of `in` (daily or intraday) as route family `family` serves them: days a missing
  // scenario covers are dropped, spiked and disagreeing days multiplied.
  void apply(std::string_view family, const Instrument& in, std::vector<Bar>& bars) const;
  // The market at one instant as `family` reports it (quotes, tickers, chart meta).
  void apply(std::string_view family, const Instrument& in, Snapshot& snapshot) const;
  // The factor by which `family`'s prices of `in` on `day` deviate from the model's (spike x disagree).
  double factor(std::string_view family, const Instrument& in, sys_days day) const;
  // One price of `in` on `day` as `family` serves it (the model's value when no scenario applies).
  double price(std::string_view family, const Instrument& in, sys_days day, double value) const;
  // What a correct pipeline stores: spikes applied, days no route serves dropped (/__sandbox/truth).
  void apply_truth(const Instrument& in, std::vector<Bar>& bars) const;
  // `in` with the split scenarios of its symbol added to its corporate actions.
  Instrument with_splits(Instrument in) const;

  static std::string_view name(ScenarioKind kind);
  // {"kind":"spike","symbol":"AAPL","date":"2026-03-10","factor":3.0}; throws std::invalid_argument
  static Scenario from_json(const nlohmann::json& j);
  static nlohmann::json to_json(const Scenario& s);

 private:
  // Copies the scenarios of `in` that reach `family` (nullopt: only those of every route).
  std::vector<Scenario> matching(const Instrument& in, std::optional<std::string_view> family) const;

  mutable std::mutex mutex_;
  std::vector<Scenario> scenarios_;
  std::uint64_t next_id_ = 1;
  std::atomic<std::uint64_t> generation_{0};
};

}  // namespace pricefeed::sandbox
