// Deterministic prices: a seeded random walk per symbol.
//
// The log price moves once per calendar day by an increment that depends only on (seed, symbol, day),
// computed with integer arithmetic from splitmix64 (so the walk is identical on every platform), and
// is anchored at Instrument::anchor_price on 2020-01-02. A day's bar derives from the close of the day
// before and its own close, so the same (symbol, day) gives the same bar whatever range is asked.
// Served values are rounded to price_hint decimals and then stored as float32 widened to double, as
// Yahoo's are (75.0875015258789). Invariants: low <= open, close <= high; prices > 0; volume >= 0.
//
// Intraday bars come from a 1-minute path inside the day's bar (first open = daily open, last close =
// daily close, the extremes reach the daily high and low, volumes add up to the daily volume); larger
// intervals aggregate the 1-minute bars from the session open.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "tests/sandbox/Calendar.hpp"
#include "tests/sandbox/Instruments.hpp"

namespace pricefeed::sandbox {

struct Bar {
  sys_seconds ts{};  // the instant Yahoo stamps the bar with (the session open for daily bars)
  sys_days day{};    // its trading date in the exchange's calendar
  double open = 0, high = 0, low = 0, close = 0;
  double adj_close = 0;  // close adjusted for the dividends paid after `day` (up to "now")
  std::int64_t volume = 0;
  bool null = false;  // the sandbox serves this bar's values as JSON null (Yahoo's missing data)
};

struct Dividend {
  sys_days day{};
  sys_seconds ts{};
  double amount = 0;
};

struct Split {
  sys_days day{};
  sys_seconds ts{};
  int numerator = 1, denominator = 1;
};

// The market as it is at one instant (for meta.regularMarket* and the v7 quote).
struct Snapshot {
  sys_days day{};  // the trading date whose session is current or last
  double price = 0, open = 0, day_high = 0, day_low = 0, previous_close = 0;
  std::int64_t volume = 0;
  sys_seconds market_time{};
  std::string market_state;  // PRE, REGULAR, POST, CLOSED
  double fifty_two_week_high = 0, fifty_two_week_low = 0;
  double fifty_day_average = 0, two_hundred_day_average = 0;
  std::int64_t average_volume_3m = 0, average_volume_10d = 0;
  double change_52w_percent = 0;
};

class PriceModel {
 public:
  explicit PriceModel(std::uint64_t seed = 0);
  std::uint64_t seed() const { return seed_; }

  // Daily bars of the trading days in [from, to] (exchange dates), on or after the first trade date,
  // whose session has opened by `now`. The bar of a session still in progress is partial (as far as
  // `now`); every other bar depends on (seed, symbol, day) only, except adj_close and the split
  // adjustment, which count the corporate actions up to `now` as Yahoo does.
  std::vector<Bar> daily_bars(const Instrument& in, sys_days from, sys_days to, sys_seconds now) const;
  // One day's bar (nullopt on a closed day, before the first trade date or after now).
  std::optional<Bar> daily_bar(const Instrument& in, sys_days day, sys_seconds now) const;

  // Intraday bars of `interval_minutes` (1, 2, 5, 15, 30, 60, 90) of the trading days in [from, to]
  // whose start is <= now.
  std::vector<Bar> intraday_bars(const Instrument& in, int interval_minutes, sys_days from, sys_days to,
                                 sys_seconds now) const;

  std::vector<Dividend> dividends(const Instrument& in, sys_days from, sys_days to) const;
  std::vector<Split> splits(const Instrument& in, sys_days from, sys_days to) const;

  Snapshot snapshot(const Instrument& in, sys_seconds now) const;

  // The served form of a price: rounded to `decimals`, at least one unit of the last decimal, float32.
  static double serve_price(double value, int decimals);

 private:
  struct RawDay;
  std::int64_t increment(const Instrument& in, std::uint64_t key, std::int64_t day) const;
  std::vector<std::int64_t> log_series(const Instrument& in, std::int64_t first, std::int64_t last) const;
  RawDay raw_day(const Instrument& in, std::int64_t day, std::int64_t log_prev, std::int64_t log_close) const;
  std::vector<Bar> minute_path(const Instrument& in, const Bar& day_bar) const;
  Bar served_bar(const Instrument& in, const RawDay& raw, sys_days day, sys_days as_of) const;
  std::uint64_t key_of(const Instrument& in) const;

  std::uint64_t seed_;
};

}  // namespace pricefeed::sandbox
