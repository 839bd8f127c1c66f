// calendar_bench: ExchangeCalendar::is_trading_day and sessions of the shipped calendars (the rules of
// config/exchanges.toml worked out into a per-day table for 1990-2100) at a million random dates of
// 1990-2100, against the implementation they replaced at a million random 2026 dates, in the same
// process. Issue 15's goal: ratio new/baseline <= 1 for each operation.
//
//   calendar_bench [--dates N] [--rounds R] [--seed S]
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <date/tz.h>

#include "host/calendar/ExchangeCalendar.hpp"
#include "host/calendar/ExchangeCalendarsLoader.hpp"
#include "host/calendar/SessionHours.hpp"
#include "host/calendar/TradingSession.hpp"
#include "tests/bench/BenchOptions.hpp"

namespace {

using namespace std::chrono;
using pricefeed::host::ExchangeCalendar;
using pricefeed::host::SessionHours;
using pricefeed::host::TradingSession;

// MEASUREMENT BASELINE ONLY, not a calendar to use: the pre-issue-15 ExchangeCalendar (commit
// 67f6db6), reduced to what is_trading_day and sessions did: a std::set of dated holidays and a
// std::map of early closes for 2025-2027 (those of 67f6db6's config/exchanges.toml), the weekday
// check first and the same sessions_of logic.
class DatedListCalendar {
 public:
  DatedListCalendar(const date::time_zone& zone, std::vector<SessionHours> regular,
                    const std::vector<const char*>& holidays,
                    const std::vector<std::pair<const char*, minutes>>& early_closes)
      : zone_(&zone), sessions_(std::move(regular)) {
    for (const char* day : holidays)
      holidays_.insert(parse(day));
    for (const auto& [day, close] : early_closes)
      early_closes_.emplace(parse(day), close);
  }

  bool is_trading_day(year_month_day date) const {
    const sys_days day{date};
    const unsigned weekday = std::chrono::weekday{day}.c_encoding();
    return weekday != 0 && weekday != 6 && !holidays_.contains(day);
  }

  std::vector<TradingSession> sessions(year_month_day date) const {
    const sys_days day{date};
    std::vector<TradingSession> result;
    if (!is_trading_day(date)) return result;
    std::vector<SessionHours> hours;
    if (const auto early_close = early_closes_.find(day); early_close != early_closes_.end()) {
      for (const SessionHours& session : sessions_) {
        if (session.open < early_close->second) hours.push_back(session);
      }
      hours.back().close = early_close->second;
    } else {
      hours = sessions_;
    }
    for (const SessionHours& session : hours) {
      TradingSession instants{to_instant(day, session.open), to_instant(day, session.close)};
      if (instants.open < instants.close) result.push_back(instants);
    }
    return result;
  }

 private:
  static sys_days parse(const char* text) {
    int y = 0;
    unsigned m = 0, d = 0;
    std::sscanf(text, "%d-%u-%u", &y, &m, &d);
    return sys_days{year{y} / month{m} / day{d}};
  }
  sys_seconds to_instant(sys_days local_day, minutes offset) const {
    const date::local_seconds local =
        date::local_days{date::days{local_day.time_since_epoch().count()}} + offset;
    return zone_->to_sys(local, date::choose::earliest);
  }

  const date::time_zone* zone_;
  std::vector<SessionHours> sessions_;
  std::set<sys_days> holidays_;
  std::map<sys_days, minutes> early_closes_;
};

DatedListCalendar nyse_2025_to_2027() {
  return DatedListCalendar(
      *date::locate_zone("America/New_York"), {{9h + 30min, 16h}},
      {"2025-01-01", "2025-01-09", "2025-01-20", "2025-02-17", "2025-04-18", "2025-05-26", "2025-06-19",
       "2025-07-04", "2025-09-01", "2025-11-27", "2025-12-25", "2026-01-01", "2026-01-19", "2026-02-16",
       "2026-04-03", "2026-05-25", "2026-06-19", "2026-07-03", "2026-09-07", "2026-11-26", "2026-12-25",
       "2027-01-01", "2027-01-18", "2027-02-15", "2027-03-26", "2027-05-31", "2027-06-18", "2027-07-05",
       "2027-09-06", "2027-11-25", "2027-12-24"},
      {{"2025-07-03", 13h},
       {"2025-11-28", 13h},
       {"2025-12-24", 13h},
       {"2026-11-27", 13h},
       {"2026-12-24", 13h},
       {"2027-11-26", 13h}});
}

DatedListCalendar hkex_2025_to_2027() {
  return DatedListCalendar(
      *date::locate_zone("Asia/Hong_Kong"), {{9h + 30min, 12h}, {13h, 16h}},
      {"2025-01-01", "2025-01-29", "2025-01-30", "2025-01-31", "2025-04-04", "2025-04-18", "2025-04-21",
       "2025-05-01", "2025-05-05", "2025-07-01", "2025-10-01", "2025-10-07", "2025-10-29", "2025-12-25",
       "2025-12-26", "2026-01-01", "2026-02-17", "2026-02-18", "2026-02-19", "2026-04-03", "2026-04-06",
       "2026-04-07", "2026-05-01", "2026-05-25", "2026-06-19", "2026-07-01", "2026-10-01", "2026-10-19",
       "2026-12-25", "2027-01-01", "2027-02-08", "2027-02-09", "2027-03-26", "2027-03-29", "2027-04-05",
       "2027-05-13", "2027-06-09", "2027-07-01", "2027-09-16", "2027-10-01", "2027-10-08", "2027-12-27"},
      {{"2025-01-28", 12h},
       {"2025-12-24", 12h},
       {"2025-12-31", 12h},
       {"2026-02-16", 12h},
       {"2026-12-24", 12h},
       {"2026-12-31", 12h},
       {"2027-02-05", 12h},
       {"2027-12-24", 12h},
       {"2027-12-31", 12h}});
}

std::vector<year_month_day> random_dates(std::mt19937_64& random, year_month_day first, year_month_day last,
                                         int count) {
  std::uniform_int_distribution<int> pick(sys_days{first}.time_since_epoch().count(),
                                          sys_days{last}.time_since_epoch().count());
  std::vector<year_month_day> dates;
  dates.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    dates.emplace_back(sys_days{days{pick(random)}});
  return dates;
}

// Nanoseconds per call of `operation` over `dates`; what it returns is summed into `sink` so that the
// calls cannot be optimised away.
template <typename Operation>
double ns_per_call(const std::vector<year_month_day>& dates, std::int64_t& sink, Operation operation) {
  const auto start = steady_clock::now();
  std::int64_t sum = 0;
  for (const year_month_day& date : dates)
    sum += operation(date);
  const auto elapsed = duration<double, std::nano>(steady_clock::now() - start).count();
  sink += sum;
  return elapsed / static_cast<double>(dates.size());
}

template <typename Calendar>
std::int64_t trading(const Calendar& calendar, year_month_day date) {
  return calendar.is_trading_day(date) ? 1 : 0;
}

template <typename Calendar>
std::int64_t session_seconds(const Calendar& calendar, year_month_day date) {
  std::int64_t sum = 0;
  for (const TradingSession& session : calendar.sessions(date))
    sum += (session.close - session.open).count() + session.open.time_since_epoch().count() % 7;
  return sum;
}

// The baseline must answer as the new calendar does where both know the answer, or its timing would
// compare different work: every 2026 date is checked once.
int disagreements_in_2026(const ExchangeCalendar& calendar, const DatedListCalendar& baseline) {
  int disagreements = 0;
  for (sys_days day = sys_days{2026y / January / 1}; day <= sys_days{2026y / December / 31}; day += days{1}) {
    const year_month_day date{day};
    if (calendar.is_trading_day(date) != baseline.is_trading_day(date) ||
        calendar.sessions(date) != baseline.sessions(date)) {
      std::fprintf(stderr, "baseline and calendar disagree on %d-%02u-%02u\n", static_cast<int>(date.year()),
                   static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
      ++disagreements;
    }
  }
  return disagreements;
}

struct Figures {
  std::vector<double> calendar, baseline;
};

}  // namespace

int main(int argc, char** argv) try {
  namespace bench = pricefeed::bench;
  int dates_per_round = 1'000'000, rounds = 5, seed = 15;
  bench::parse_positive_int_flags(argc, argv,
                                  {{"--dates", &dates_per_round}, {"--rounds", &rounds}, {"--seed", &seed}});

  const auto calendars = pricefeed::host::load_exchange_calendars(PRICEFEED_EXCHANGES_FILE);
  const ExchangeCalendar* nyse = calendars.for_exchange("NYSE");
  const ExchangeCalendar* hkex = calendars.for_exchange("HKEX");
  if (nyse == nullptr || hkex == nullptr) throw std::runtime_error("NYSE or HKEX missing from the calendars");
  const DatedListCalendar nyse_baseline = nyse_2025_to_2027();
  const DatedListCalendar hkex_baseline = hkex_2025_to_2027();
  if (disagreements_in_2026(*nyse, nyse_baseline) != 0)
    throw std::runtime_error("NYSE baseline is not faithful");

  std::mt19937_64 random(static_cast<std::uint64_t>(seed));
  const auto any_year = random_dates(random, 1990y / January / 1, 2100y / December / 31, dates_per_round);
  const auto in_2026 = random_dates(random, 2026y / January / 1, 2026y / December / 31, dates_per_round);

  std::map<std::string, Figures> figures;  // operation -> ns per call of each round
  const char* const operations[] = {"NYSE is_trading_day", "NYSE sessions", "HKEX sessions"};
  std::int64_t sink = 0;
  std::printf(
      "calendar: %d random dates 1990-2100 (calendar) and 2026 (baseline: dated lists), %d rounds, seed %d\n",
      dates_per_round, rounds, seed);
  std::printf("%-6s %-22s %14s %14s %8s\n", "round", "operation", "calendar ns", "baseline ns", "ratio");
  for (int round = 1; round <= rounds; ++round) {
    auto measure = [&](const char* operation, auto calendar_call, auto baseline_call) {
      const double calendar_ns = ns_per_call(any_year, sink, calendar_call);
      const double baseline_ns = ns_per_call(in_2026, sink, baseline_call);
      figures[operation].calendar.push_back(calendar_ns);
      figures[operation].baseline.push_back(baseline_ns);
      std::printf("%-6d %-22s %14.1f %14.1f %8.2f\n", round, operation, calendar_ns, baseline_ns,
                  calendar_ns / baseline_ns);
    };
    measure(
        operations[0], [&](year_month_day d) { return trading(*nyse, d); },
        [&](year_month_day d) { return trading(nyse_baseline, d); });
    measure(
        operations[1], [&](year_month_day d) { return session_seconds(*nyse, d); },
        [&](year_month_day d) { return session_seconds(nyse_baseline, d); });
    measure(
        operations[2], [&](year_month_day d) { return session_seconds(*hkex, d); },
        [&](year_month_day d) { return session_seconds(hkex_baseline, d); });
  }
  for (const char* operation : operations) {
    const double calendar_ns = bench::median(figures[operation].calendar);
    const double baseline_ns = bench::median(figures[operation].baseline);
    std::printf("%-6s %-22s %14.1f %14.1f %8.2f   ratio new/baseline (goal <= 1)\n", "median", operation,
                calendar_ns, baseline_ns, calendar_ns / baseline_ns);
  }
  std::printf("(checksum %lld)\n", static_cast<long long>(sink));
  return 0;
} catch (const std::exception& error) {
  std::fprintf(stderr, "calendar_bench: %s\n", error.what());
  return 1;
}
