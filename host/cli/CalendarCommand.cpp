#include "host/cli/CalendarCommand.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <date/tz.h>
#include <nlohmann/json.hpp>

#include "host/calendar/ExchangeCalendar.hpp"
#include "host/calendar/ExchangeCalendars.hpp"
#include "host/calendar/ExchangeCalendarsLoader.hpp"
#include "host/calendar/ExchangesFile.hpp"
#include "host/time/CalendarDate.hpp"
#include "host/time/UtcTimestamp.hpp"

namespace pricefeed::host {
// A namespace of its own: the unity build compiles this file with the other commands.
namespace calendar_command {
namespace {

using nlohmann::json;
using std::chrono::sys_days;
using std::chrono::sys_seconds;
using std::chrono::year_month_day;

constexpr int kUsage = 2;

// A mistake on the command line: printed as "pricefeed calendar: <message>", exit status 2.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

sys_days parse_date_option(std::string_view flag, const std::string& text) {
  if (auto date = try_parse_iso_date(text)) return *date;
  throw UsageError(std::string(flag) + ": \"" + text + "\" is not a date (YYYY-MM-DD)");
}

// Levenshtein distance, for "did you mean".
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j)
    row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string unknown_exchange_message(const ExchangeCalendars& calendars, const std::string& exchange) {
  const std::string key = ExchangeCalendars::lookup_key(exchange);
  std::string close;
  std::string known;
  for (const ExchangeCalendar& calendar : calendars.calendars()) {
    const std::string name = ExchangeCalendars::lookup_key(calendar.name());
    known += (known.empty() ? "" : ", ") + calendar.name();
    const bool prefix = !key.empty() && (name.starts_with(key) || key.starts_with(name));
    if (prefix || edit_distance(key, name) <= std::max<std::size_t>(1, key.size() / 3))
      close += (close.empty() ? "" : ", ") + calendar.name();
  }
  std::string message = "unknown exchange \"" + exchange + "\"";
  if (!close.empty()) message += " (did you mean " + close + "?)";
  return message + "; calendars: " + known + " (or an alias of [aliases] in exchanges.toml)";
}

std::string utc(sys_seconds instant) {
  return format_utc_timestamp(instant);
}

std::string iso(sys_days date) {
  return format_iso_date(date);
}

std::string_view weekday_name(sys_days date) {
  static constexpr std::string_view kNames[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  return kNames[std::chrono::weekday{date}.c_encoding()];
}

// "HH:MM" in the exchange's local time; "24:00" for the midnight that ends `date`, and the weekday
// before the time when the instant falls on another local date (CME Globex opens Monday on "Sun 17:00").
std::string local_time(const ExchangeCalendar& calendar, sys_days date, sys_seconds instant) {
  const auto local = calendar.time_zone().to_local(instant);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const sys_days local_day{day.time_since_epoch()};
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
  char text[8];
  if (local_day == date + std::chrono::days{1} && minutes == 0) return "24:00";
  std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(minutes / 60),
                static_cast<int>(minutes % 60));
  if (local_day == date) return text;
  return std::string(weekday_name(local_day)) + " " + text;
}

// The break between two sessions (a lunch break), when the day has exactly two.
struct Break {
  sys_seconds start;
  sys_seconds end;
};

std::optional<Break> break_of(const std::vector<TradingSession>& sessions) {
  if (sessions.size() != 2) return std::nullopt;
  return Break{sessions[0].close, sessions[1].open};
}

std::string years_text(const ExchangeCalendar& calendar) {
  const auto& years = calendar.rules().covered_years;
  if (!years) return "every year alike (no holidays)";
  return std::to_string(years->first) + "-" + std::to_string(years->last);
}

void print_csv(const ExchangeCalendar& calendar, sys_days from, sys_days to) {
  std::cout << "date,open_utc,close_utc,break_start_utc,break_end_utc\n";
  for (sys_days day = from; day <= to; day += std::chrono::days{1}) {
    const auto sessions = calendar.sessions(year_month_day{day});
    if (sessions.empty()) continue;
    std::cout << iso(day) << ',' << utc(sessions.front().open) << ',' << utc(sessions.back().close) << ',';
    if (const auto pause = break_of(sessions))
      std::cout << utc(pause->start) << ',' << utc(pause->end);
    else
      std::cout << ',';
    std::cout << '\n';
  }
}

void print_text(const ExchangeCalendar& calendar, sys_days from, sys_days to) {
  std::cout << calendar.name() << ": " << calendar.title() << ", " << calendar.time_zone().name()
            << " (local times); rules for " << years_text(calendar) << "\n";
  bool uncovered = false;
  for (sys_days day = from; day <= to; day += std::chrono::days{1}) {
    const year_month_day date{day};
    std::string line = iso(day) + " " + std::string(weekday_name(day)) + "  ";
    const auto sessions = calendar.sessions(date);
    const auto special = calendar.special_day(date);
    if (sessions.empty()) {
      if (special && special->kind == ExchangeCalendar::SpecialDay::Kind::holiday)
        line += "closed: " + std::string(special->name);
      else
        line += "closed (weekend)";
    } else {
      line += local_time(calendar, day, sessions.front().open) + "-" +
              local_time(calendar, day, sessions.back().close);
      if (const auto pause = break_of(sessions))
        line += "  break " + local_time(calendar, day, pause->start) + "-" +
                local_time(calendar, day, pause->end);
      if (special) {
        using Kind = ExchangeCalendar::SpecialDay::Kind;
        std::string what;
        if (special->kind == Kind::late_open || special->kind == Kind::early_close_and_late_open)
          what += "late open " + local_time(calendar, day, sessions.front().open);
        if (special->kind == Kind::early_close || special->kind == Kind::early_close_and_late_open)
          what += (what.empty() ? "" : ", ") + std::string("early close ") +
                  local_time(calendar, day, sessions.back().close);
        if (!what.empty()) line += "  " + what + " (" + std::string(special->name) + ")";
      }
    }
    if (!calendar.covers(date)) {
      line += "  *";
      uncovered = true;
    }
    std::cout << line << "\n";
  }
  if (uncovered)
    std::cout << "* outside the years the rules cover (" << years_text(calendar)
              << "): weekdays and hours only, no holidays or early closes known\n";
}

void print_json(const ExchangeCalendar& calendar, sys_days from, sys_days to) {
  json sessions = json::array();
  json holidays = json::array();
  for (sys_days day = from; day <= to; day += std::chrono::days{1}) {
    const year_month_day date{day};
    const auto day_sessions = calendar.sessions(date);
    const auto special = calendar.special_day(date);
    using Kind = ExchangeCalendar::SpecialDay::Kind;
    if (day_sessions.empty()) {
      if (special && special->kind == Kind::holiday)
        holidays.push_back({{"date", iso(day)}, {"name", std::string(special->name)}});
      continue;
    }
    const auto pause = break_of(day_sessions);
    json session = {{"date", iso(day)},
                    {"open_utc", utc(day_sessions.front().open)},
                    {"close_utc", utc(day_sessions.back().close)},
                    {"break_start_utc", pause ? json(utc(pause->start)) : json(nullptr)},
                    {"break_end_utc", pause ? json(utc(pause->end)) : json(nullptr)}};
    if (special && (special->kind == Kind::early_close || special->kind == Kind::early_close_and_late_open))
      session["early_close"] = std::string(special->name);
    if (special && (special->kind == Kind::late_open || special->kind == Kind::early_close_and_late_open))
      session["late_open"] = std::string(special->name);
    sessions.push_back(std::move(session));
  }
  const auto& years = calendar.rules().covered_years;
  json out = {{"calendar", calendar.name()},
              {"title", calendar.title()},
              {"time_zone", std::string(calendar.time_zone().name())},
              {"from", iso(from)},
              {"to", iso(to)},
              {"covered_years", years ? json{{"first", years->first}, {"last", years->last}} : json(nullptr)},
              {"sessions", std::move(sessions)},
              {"holidays", std::move(holidays)}};
  std::cout << out.dump(2) << "\n";
}

int run(const GlobalOptions& options, const CalendarArguments& arguments) {
  if (arguments.exchange.empty()) throw UsageError("give the exchange NAME (e.g. NYSE)");
  if (arguments.format != "text" && arguments.format != "csv" && arguments.format != "json")
    throw UsageError("--format: \"" + arguments.format + "\" is not one of text, csv, json");
  const sys_days from = parse_date_option("--from", arguments.from);
  const sys_days to = parse_date_option("--to", arguments.to);
  if (to < from) throw UsageError("--from " + arguments.from + " is after --to " + arguments.to);
  const year_month_day first{from};
  year_month_day limit{first.year() + std::chrono::years{kMaxCalendarYears}, first.month(), first.day()};
  if (!limit.ok()) limit = limit.year() / limit.month() / std::chrono::last;  // from Feb 29
  if (to > sys_days{limit})
    throw UsageError("--from " + arguments.from + " --to " + arguments.to + " spans more than " +
                     std::to_string(kMaxCalendarYears) + " years (a typo in a year?)");

  const Config config = load_command_config(options);
  const ExchangeCalendars calendars = load_exchange_calendars(locate_exchanges_file(config).path);
  const ExchangeCalendar* calendar = calendars.for_exchange(arguments.exchange);
  if (calendar == nullptr) throw UsageError(unknown_exchange_message(calendars, arguments.exchange));

  if (arguments.format == "csv")
    print_csv(*calendar, from, to);
  else if (arguments.format == "json")
    print_json(*calendar, from, to);
  else
    print_text(*calendar, from, to);
  return 0;
}

}  // namespace
}  // namespace calendar_command

int run_calendar_command(const GlobalOptions& options, const CalendarArguments& arguments) {
  try {
    return calendar_command::run(options, arguments);
  } catch (const calendar_command::UsageError& error) {
    std::cerr << "pricefeed calendar: " << error.what() << "\n";
    return calendar_command::kUsage;
  }
}

}  // namespace pricefeed::host
