#include "tests/sandbox/PriceModel.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "tests/sandbox/Hashing.hpp"

namespace pricefeed::sandbox {

using namespace std::chrono;

namespace {

constexpr double kNano = 1e-9;

std::int64_t day_number(sys_days d) {
  return d.time_since_epoch().count();
}

// An approximately standard normal number from one hash: the Irwin-Hall sum of four 16-bit uniforms,
// centred and scaled to unit variance (range about +-3.46). Pure integer work before the last division.
double normal_of(std::uint64_t h) {
  std::int64_t s = static_cast<std::int64_t>((h & 0xffff) + ((h >> 16) & 0xffff) + ((h >> 32) & 0xffff) +
                                             ((h >> 48) & 0xffff));
  return static_cast<double>(s - 131070) / 37837.2;
}

double split_factor_after(const Instrument& in, sys_days after) {
  double f = 1.0;
  for (const auto& s : in.splits) {
    if (s.day > after) f *= static_cast<double>(s.numerator) / s.denominator;
  }
  return f;
}

}  // namespace

struct PriceModel::RawDay {
  double open = 0, high = 0, low = 0, close = 0, volume = 0;
};

PriceModel::PriceModel(std::uint64_t seed) : seed_(seed) {}

double PriceModel::serve_price(double value, int decimals) {
  double scale = std::pow(10.0, decimals);
  double r = std::round(value * scale) / scale;
  r = std::max(r, 1.0 / scale);
  return static_cast<double>(static_cast<float>(r));
}

std::uint64_t PriceModel::key_of(const Instrument& in) const {
  return mix64(in.key ^ mix64(seed_ + 0x243f6a8885a308d3ULL));
}

std::int64_t PriceModel::increment(const Instrument& in, std::uint64_t key, std::int64_t day) const {
  const std::int64_t sigma_nano = std::llround(in.sigma * 1e9);
  std::uint64_t h = hash_combine(key, {day, 1});
  std::int64_t s = static_cast<std::int64_t>((h & 0xffff) + ((h >> 16) & 0xffff) + ((h >> 32) & 0xffff) +
                                             ((h >> 48) & 0xffff));
  std::int64_t inc = (s - 131070) * sigma_nano / 37837;
  if (hash_combine(key, {day, 2}) % 50 == 0) inc *= 3;  // fat tails: one day in 50 moves three times as much
  for (const auto& j : in.jumps) {
    if (day_number(j.day) == day) inc += std::llround(j.log_move * 1e9);
  }
  return inc;
}

std::vector<std::int64_t> PriceModel::log_series(const Instrument& in, std::int64_t first,
                                                 std::int64_t last) const {
  const std::uint64_t key = key_of(in);
  const std::int64_t anchor = day_number(kAnchorDay);
  std::int64_t lp = 0;
  if (first > anchor) {
    for (std::int64_t k = anchor + 1; k <= first; ++k)
      lp += increment(in, key, k);
  } else {
    for (std::int64_t k = first + 1; k <= anchor; ++k)
      lp -= increment(in, key, k);
  }
  std::vector<std::int64_t> out;
  out.reserve(static_cast<std::size_t>(std::max<std::int64_t>(last - first + 1, 1)));
  out.push_back(lp);
  for (std::int64_t d = first + 1; d <= last; ++d) {
    lp += increment(in, key, d);
    out.push_back(lp);
  }
  return out;
}

PriceModel::RawDay PriceModel::raw_day(const Instrument& in, std::int64_t day, std::int64_t log_prev,
                                       std::int64_t log_close) const {
  const std::uint64_t key = key_of(in);
  RawDay r;
  double prev = in.anchor_price * std::exp(static_cast<double>(log_prev) * kNano);
  r.close = in.anchor_price * std::exp(static_cast<double>(log_close) * kNano);
  bool continuous = in.session.minutes >= 1440;
  r.open = continuous ? prev : prev * std::exp(0.25 * in.sigma * normal_of(hash_combine(key, {day, 3})));
  double up = std::abs(normal_of(hash_combine(key, {day, 4}))) * 0.5 * in.sigma + 0.1 * in.sigma;
  double down = std::abs(normal_of(hash_combine(key, {day, 5}))) * 0.5 * in.sigma + 0.1 * in.sigma;
  r.high = std::max(r.open, r.close) * std::exp(up);
  r.low = std::min(r.open, r.close) * std::exp(-down);
  double move = std::abs(static_cast<double>(log_close - log_prev) * kNano);
  r.volume = in.base_volume * std::exp(0.3 * normal_of(hash_combine(key, {day, 6}))) * (1.0 + 6.0 * move);
  return r;
}

Bar PriceModel::served_bar(const Instrument& in, const RawDay& raw, sys_days day, sys_days as_of) const {
  double f = split_factor_after(in, std::max(day, as_of));
  Bar b;
  b.day = day;
  b.ts = session_open(in.session, day);
  b.open = serve_price(raw.open * f, in.price_hint);
  b.high = serve_price(raw.high * f, in.price_hint);
  b.low = serve_price(raw.low * f, in.price_hint);
  b.close = serve_price(raw.close * f, in.price_hint);
  b.adj_close = b.close;
  b.volume = in.base_volume > 0 ? std::llround(raw.volume / f) : 0;
  if (in.null_one_in > 0) {
    b.null = hash_combine(key_of(in), {day_number(day), 7}) % static_cast<std::uint64_t>(in.null_one_in) == 0;
  }
  return b;
}

std::vector<Bar> PriceModel::minute_path(const Instrument& in, const Bar& d) const {
  const int m = session_minutes(in.session, d.day);
  const std::uint64_t key = key_of(in);
  SplitMix64 rng(hash_combine(key, {day_number(d.day), 8}));
  // A Brownian bridge from 0 to 0, mapped into the room between the open/close line and the high/low.
  std::vector<double> w(static_cast<std::size_t>(m) + 1, 0.0);
  for (int i = 1; i <= m; ++i)
    w[i] = w[i - 1] + normal_of(rng.next());
  double max_b = 0, min_b = 0;
  std::vector<double> b(w.size());
  for (int i = 0; i <= m; ++i) {
    b[i] = w[i] - w[m] * i / m;
    max_b = std::max(max_b, b[i]);
    min_b = std::min(min_b, b[i]);
  }
  const double o = d.open, c = d.close;
  const double up = d.high - std::max(o, c), down = std::min(o, c) - d.low;
  std::vector<double> p(w.size());
  for (int i = 0; i <= m; ++i) {
    double lin = o + (c - o) * i / m;
    double x = 0;
    if (b[i] > 0 && max_b > 0) x = b[i] / max_b * up * 0.98;
    if (b[i] < 0 && min_b < 0) x = -b[i] / min_b * down * 0.98;
    p[i] = lin + x;
  }
  p[0] = o;
  p[m] = c;
  std::vector<Bar> out(static_cast<std::size_t>(m));
  int hi_at = 0, lo_at = 0;
  std::vector<double> weight(static_cast<std::size_t>(m));
  double total_weight = 0;
  for (int j = 0; j < m; ++j) {
    Bar& bar = out[j];
    bar.day = d.day;
    bar.ts = d.ts + minutes{j};
    bar.open = p[j];
    bar.close = p[j + 1];
    double wiggle = std::abs(normal_of(rng.next())) * 0.0004;
    bar.high = std::min(d.high, std::max(bar.open, bar.close) * (1 + wiggle));
    bar.low = std::max(d.low, std::min(bar.open, bar.close) * (1 - wiggle));
    if (std::max(p[j], p[j + 1]) > std::max(p[hi_at], p[hi_at + 1])) hi_at = j;
    if (std::min(p[j], p[j + 1]) < std::min(p[lo_at], p[lo_at + 1])) lo_at = j;
    double x = (j - m / 2.0) / (m / 2.0);
    weight[j] = (1.0 + 1.5 * x * x) * (0.5 + rng.uniform());
    total_weight += weight[j];
  }
  out[hi_at].high = d.high;
  out[lo_at].low = d.low;
  std::int64_t assigned = 0;
  for (int j = 0; j < m; ++j) {
    Bar& bar = out[j];
    bar.open = serve_price(bar.open, in.price_hint);
    bar.close = serve_price(bar.close, in.price_hint);
    bar.high = serve_price(bar.high, in.price_hint);
    bar.low = serve_price(bar.low, in.price_hint);
    bar.high = std::max({bar.high, bar.open, bar.close});
    bar.low = std::min({bar.low, bar.open, bar.close});
    bar.volume =
        static_cast<std::int64_t>(std::floor(static_cast<double>(d.volume) * weight[j] / total_weight));
    assigned += bar.volume;
  }
  if (m > 0) out[m - 1].volume += d.volume - assigned;
  return out;
}

std::vector<Bar> PriceModel::daily_bars(const Instrument& in, sys_days from, sys_days to,
                                        sys_seconds now) const {
  const sys_days as_of = local_date(in.session, now);
  from = std::max(from, in.first_trade_day);
  to = std::min(to, as_of);
  if (from > to) return {};
  auto divs = dividends(in, from + days{1}, as_of);
  std::vector<sys_days> div_prev;  // the trading day before each ex-date
  std::int64_t first = day_number(from) - 1;
  for (const auto& dv : divs) {
    div_prev.push_back(trading_day_on_or_before(in.session, dv.day - days{1}));
    first = std::min(first, day_number(div_prev.back()) - 1);
  }
  const std::int64_t last = divs.empty() ? day_number(to) : day_number(as_of);
  const auto series = log_series(in, first, last);
  auto lp = [&](std::int64_t day) { return series[static_cast<std::size_t>(day - first)]; };
  auto served = [&](sys_days d) {
    std::int64_t n = day_number(d);
    return served_bar(in, raw_day(in, n, lp(n - 1), lp(n)), d, as_of);
  };

  std::vector<Bar> out;
  for (sys_days d = from; d <= to; d += days{1}) {
    if (!is_trading_day(in.session.calendar, d)) continue;
    Bar b = served(d);
    if (b.ts > now) continue;
    const sys_seconds end = b.ts + minutes{session_minutes(in.session, d)};
    if (now < end) {  // the session is in progress: the bar so far
      auto path = minute_path(in, b);
      Bar partial = b;
      partial.high = partial.open;
      partial.low = partial.open;
      partial.volume = 0;
      for (const auto& m : path) {
        if (m.ts > now) break;
        partial.high = std::max(partial.high, m.high);
        partial.low = std::min(partial.low, m.low);
        partial.close = m.close;
        partial.volume += m.volume;
      }
      partial.adj_close = partial.close;
      b = partial;
    }
    out.push_back(b);
  }
  // Dividend adjustment: multiply by (1 - D / previous close) for every ex-date after the bar.
  if (!divs.empty()) {
    std::vector<double> factors;
    for (std::size_t i = 0; i < divs.size(); ++i) {
      double prev_close = served(div_prev[i]).close;
      factors.push_back(prev_close > divs[i].amount ? 1.0 - divs[i].amount / prev_close : 1.0);
    }
    for (auto& b : out) {
      double f = 1.0;
      for (std::size_t i = 0; i < divs.size(); ++i) {
        if (divs[i].day > b.day) f *= factors[i];
      }
      b.adj_close = static_cast<double>(static_cast<float>(b.close * f));
    }
  }
  return out;
}

std::optional<Bar> PriceModel::daily_bar(const Instrument& in, sys_days day, sys_seconds now) const {
  auto bars = daily_bars(in, day, day, now);
  if (bars.empty()) return std::nullopt;
  return bars.front();
}

std::vector<Bar> PriceModel::intraday_bars(const Instrument& in, int interval, sys_days from, sys_days to,
                                           sys_seconds now) const {
  const sys_days as_of = local_date(in.session, now);
  from = std::max(from, in.first_trade_day);
  to = std::min(to, as_of);
  if (from > to || interval <= 0) return {};
  const std::int64_t first = day_number(from) - 1;
  const auto series = log_series(in, first, day_number(to));
  auto lp = [&](std::int64_t day) { return series[static_cast<std::size_t>(day - first)]; };
  const std::uint64_t key = key_of(in);
  std::vector<Bar> out;
  for (sys_days d = from; d <= to; d += days{1}) {
    if (!is_trading_day(in.session.calendar, d)) continue;
    std::int64_t n = day_number(d);
    Bar day_bar = served_bar(in, raw_day(in, n, lp(n - 1), lp(n)), d, as_of);
    if (day_bar.ts > now) continue;
    auto path = minute_path(in, day_bar);
    for (std::size_t i = 0; i < path.size(); i += static_cast<std::size_t>(interval)) {
      if (path[i].ts > now) break;
      Bar b = path[i];
      std::size_t end = std::min(path.size(), i + static_cast<std::size_t>(interval));
      for (std::size_t j = i + 1; j < end; ++j) {
        b.high = std::max(b.high, path[j].high);
        b.low = std::min(b.low, path[j].low);
        b.close = path[j].close;
        b.volume += path[j].volume;
      }
      b.adj_close = b.close;
      b.null = false;
      if (in.null_one_in > 0) {
        b.null = hash_combine(key, {b.ts.time_since_epoch().count(), 7}) %
                     static_cast<std::uint64_t>(in.null_one_in) ==
                 0;
      }
      out.push_back(b);
    }
  }
  return out;
}

std::vector<Dividend> PriceModel::dividends(const Instrument& in, sys_days from, sys_days to) const {
  std::vector<Dividend> out;
  if (!in.dividends || from > to) return out;
  const DividendRule& r = *in.dividends;
  year_month_day a{from}, b{to};
  for (year_month ym = a.year() / a.month(); ym <= b.year() / b.month(); ym += months{1}) {
    unsigned m = static_cast<unsigned>(ym.month());
    if (!(r.months & (1u << m))) continue;
    sys_days d = sys_days{ym / day{r.from_day}};
    while (weekday{d}.c_encoding() != r.weekday)
      d += days{1};
    d = trading_day_on_or_after(in.session, d);
    if (d < from || d > to || d < r.first_day || d < in.first_trade_day) continue;
    int y = static_cast<int>(ym.year());
    int raises = y - r.base_year - (m < r.raise_month ? 1 : 0);
    double amount = std::round(r.base_amount * std::pow(1.0 + r.growth, raises) * 1000.0) / 1000.0;
    out.push_back({d, session_open(in.session, d), amount});
  }
  return out;
}

std::vector<Split> PriceModel::splits(const Instrument& in, sys_days from, sys_days to) const {
  std::vector<Split> out;
  for (const auto& s : in.splits) {
    if (s.day >= from && s.day <= to && s.day >= in.first_trade_day) {
      out.push_back({s.day, session_open(in.session, s.day), s.numerator, s.denominator});
    }
  }
  return out;
}

Snapshot PriceModel::snapshot(const Instrument& in, sys_seconds now) const {
  Snapshot s;
  const sys_days today = local_date(in.session, now);
  auto bars = daily_bars(in, today - days{400}, today, now);
  if (bars.empty()) return s;
  const Bar& last = bars.back();
  s.day = last.day;
  s.price = last.close;
  s.open = last.open;
  s.day_high = last.high;
  s.day_low = last.low;
  s.volume = last.volume;
  s.previous_close = bars.size() > 1 ? bars[bars.size() - 2].close : last.open;
  const int minutes_ = session_minutes(in.session, last.day);
  const sys_seconds end = last.ts + std::chrono::minutes{minutes_};
  const sys_seconds last_tick = minutes_ >= 1440 ? last.ts + seconds{86340} : end;
  s.market_time = std::min(now, last_tick);
  if (now < end) {
    s.market_state = "REGULAR";
  } else if (in.has_pre_post && now < end + std::chrono::minutes{in.session.post_minutes}) {
    s.market_state = "POST";
  } else {
    sys_days next = trading_day_on_or_after(in.session, last.day + days{1});
    sys_seconds next_open = session_open(in.session, next);
    s.market_state =
        in.has_pre_post && now >= next_open - std::chrono::minutes{in.session.pre_minutes} ? "PRE" : "CLOSED";
  }
  s.fifty_two_week_high = 0;
  s.fifty_two_week_low = std::numeric_limits<double>::max();
  const Bar* year_ago = nullptr;
  for (const auto& b : bars) {
    if (b.day < today - days{365}) continue;
    if (!year_ago) year_ago = &b;
    s.fifty_two_week_high = std::max(s.fifty_two_week_high, b.high);
    s.fifty_two_week_low = std::min(s.fifty_two_week_low, b.low);
  }
  if (year_ago && year_ago->close > 0) s.change_52w_percent = (s.price / year_ago->close - 1.0) * 100.0;
  auto average = [&](std::size_t n, auto field) {
    n = std::min(n, bars.size());
    double sum = 0;
    for (std::size_t i = bars.size() - n; i < bars.size(); ++i)
      sum += field(bars[i]);
    return n ? sum / static_cast<double>(n) : 0.0;
  };
  s.fifty_day_average = average(50, [](const Bar& b) { return b.close; });
  s.two_hundred_day_average = average(200, [](const Bar& b) { return b.close; });
  s.average_volume_3m = std::llround(average(63, [](const Bar& b) { return static_cast<double>(b.volume); }));
  s.average_volume_10d =
      std::llround(average(10, [](const Bar& b) { return static_cast<double>(b.volume); }));
  return s;
}

}  // namespace pricefeed::sandbox
