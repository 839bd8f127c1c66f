#include "host/calendar/ExchangeCalendarsLoader.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <utility>
#include <vector>

#include <toml++/toml.h>

#include "host/config/Config.hpp"
#include "host/config/KeySuggestion.hpp"
#include "host/config/TomlFile.hpp"
#include "host/config/TomlSection.hpp"
#include "host/time/CalendarDate.hpp"
#include "host/time/TimeOfDay.hpp"

namespace pricefeed::host {
namespace {

constexpr std::array<std::string_view, 3> kTopLevelKeys = {"exchanges", "aliases", "class_defaults"};
constexpr std::array<std::string_view, 10> kExchangeKeys = {
    "title",      "time_zone", "trading_days", "sessions",     "session_changes",
    "first_year", "last_year", "holidays",     "early_closes", "late_opens"};
constexpr std::array<std::string_view, 3> kSessionKeys = {"open", "close", "opens_previous_day"};
constexpr std::array<std::string_view, 2> kSessionChangeKeys = {"from", "sessions"};
// A day rule's keys; early closes add "close" and "daily_bar", late opens "open".
constexpr std::array<std::string_view, 15> kDayRuleKeys = {
    "name",      "month",      "day",   "weekday",          "nth",    "easter",   "lunar_month",
    "lunar_day", "solar_term", "dates", "between_holidays", "offset", "observed", "weekdays",
    "from"};
constexpr std::string_view kUntilKey = "until";
constexpr std::array<std::pair<std::string_view, Observance>, 7> kObservances = {{
    {"none", Observance::none},
    {"nearest_weekday", Observance::nearest_weekday},
    {"sunday_to_monday", Observance::sunday_to_monday},
    {"weekend_to_monday", Observance::weekend_to_monday},
    {"next_free_day", Observance::next_free_day},
    {"sunday_to_next_free_day", Observance::sunday_to_next_free_day},
    {"previous_free_day", Observance::previous_free_day},
}};
constexpr std::array<std::pair<std::string_view, int>, 5> kSolarTerms = {{
    {"vernal_equinox", 0},
    {"qingming", 15},
    {"summer_solstice", 90},
    {"autumnal_equinox", 180},
    {"winter_solstice", 270},
}};
// How a rule may name its day; exactly one per rule.
constexpr std::string_view kDayKinds =
    "month and day; month, weekday and nth; easter; lunar_month and lunar_day; solar_term; dates; or "
    "between_holidays = true";
// Indexed by std::chrono::weekday::c_encoding().
constexpr std::array<std::string_view, 7> kWeekdays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
// Years a calendar may cover: wide enough for any real use, narrow enough to catch a typo.
constexpr std::int64_t kFirstPossibleYear = 1970;
constexpr std::int64_t kLastPossibleYear = 2200;

std::string in_quotes(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

std::string indexed(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

// A table's entries in the order of the file (toml++ keeps them sorted by key).
std::vector<std::pair<const toml::key*, const toml::node*>> in_file_order(const toml::table& table) {
  std::vector<std::pair<const toml::key*, const toml::node*>> entries;
  for (auto&& [key, node] : table)
    entries.emplace_back(&key, &node);
  std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
    return a.first->source().begin < b.first->source().begin;
  });
  return entries;
}

// TOML keys may hold dots or blanks ("NYSE American"); such a key is quoted in a dotted path.
std::string path_of(const std::string& parent, std::string_view key) {
  const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
  });
  const std::string part = bare ? std::string(key) : in_quotes(key);
  return parent.empty() ? part : parent + "." + part;
}

class CalendarFileParser {
 public:
  explicit CalendarFileParser(std::string origin) : origin_(std::move(origin)) {}

  ExchangeCalendars parse(const toml::table& document) {
    reject_unknown_keys(document, "", kTopLevelKeys);
    const toml::table* exchanges = required_table(document, "exchanges", "");
    if (exchanges->empty()) fail(*exchanges, "exchanges", "no exchange calendars are defined");

    std::vector<ExchangeCalendar> calendars;
    std::map<std::string, std::pair<std::string, std::size_t>> names;  // lookup key -> name, line
    for (auto [key, node] : in_file_order(*exchanges)) {
      const std::string name(key->str());
      const std::string path = path_of("exchanges", name);
      const std::size_t line = key->source().begin.line;
      if (name.empty() || !std::all_of(name.begin(), name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
          })) {
        fail(line, path, "an exchange name is made of letters, digits and '_' (it appears in logs)");
      }
      const auto [existing, inserted] =
          names.emplace(ExchangeCalendars::lookup_key(name), std::pair{name, line});
      if (!inserted) {
        fail(line, path,
             "duplicate exchange: " + name + " and " + existing->second.first + " (line " +
                 std::to_string(existing->second.second) + ") differ only in case");
      }
      const toml::table* table = node->as_table();
      if (table == nullptr)
        fail(*node, path, "expected a table ([" + path + "]), got " + describe_toml_value(*node, false));
      ExchangeCalendarRules rules = read_exchange(name, *table, path);
      try {
        calendars.emplace_back(std::move(rules));
      } catch (const CalendarRuleError& error) {
        // A rule that only fails on a day it works out (special hours that do not fit that day's).
        const std::string key = indexed(path + "." + error.list(), error.index());
        const toml::node* rule =
            table->at_path(error.list() + "[" + std::to_string(error.index()) + "]").node();
        fail(rule != nullptr ? line_of(*rule) : line, key, error.reason());
      } catch (const std::invalid_argument& error) {
        fail(line, path, error.what());  // the checks above leave nothing for this; kept for safety
      }
    }

    std::map<std::string, std::string> aliases;
    if (const toml::node* node = document.get("aliases")) {
      const toml::table* table = node->as_table();
      if (table == nullptr)
        fail(*node, "aliases", "expected a table ([aliases]), got " + describe_toml_value(*node, false));
      aliases = read_aliases(*table, calendars);
    }
    std::map<AssetClass, std::string> class_defaults =
        read_class_defaults(*required_table(document, "class_defaults", ""), calendars);

    const std::size_t line = document.get("class_defaults")->source().begin.line;
    try {
      return ExchangeCalendars(std::move(calendars), aliases, class_defaults);
    } catch (const std::invalid_argument& error) {
      fail(line, "", error.what());  // as above: every rule was checked with its line already
    }
  }

 private:
  [[noreturn]] void fail(std::size_t line, const std::string& key, std::string problem) const {
    throw ConfigError(origin_, line, key, std::move(problem));
  }
  [[noreturn]] void fail(const toml::node& node, const std::string& key, std::string problem) const {
    fail(line_of(node), key, std::move(problem));
  }
  [[noreturn]] void fail_type(const toml::node& node, const std::string& key,
                              std::string_view expected) const {
    fail(node, key, "expected " + std::string(expected) + ", got " + describe_toml_value(node, false));
  }

  void reject_unknown_keys(const toml::table& table, const std::string& path,
                           std::span<const std::string_view> known) const {
    for (auto [key, node] : in_file_order(table)) {
      if (std::find(known.begin(), known.end(), key->str()) != known.end()) continue;
      std::string problem = "unknown key";
      if (auto suggestion = closest_key(key->str(), known)) problem += "; did you mean " + *suggestion + "?";
      problem += " (known: ";
      for (std::size_t i = 0; i < known.size(); ++i)
        problem += (i > 0 ? ", " : "") + std::string(known[i]);
      fail(key->source().begin.line, path_of(path, key->str()), problem + ")");
    }
  }

  const toml::table* required_table(const toml::table& parent, std::string_view key,
                                    const std::string& path) const {
    const toml::node* node = parent.get(key);
    const std::string key_path = path_of(path, key);
    if (node == nullptr) fail(parent.source().begin.line, key_path, "is missing");
    const toml::table* table = node->as_table();
    if (table == nullptr) fail_type(*node, key_path, "a table");
    return table;
  }

  const toml::node& required(const toml::table& table, std::string_view key, const std::string& path) const {
    const toml::node* node = table.get(key);
    if (node == nullptr) fail(table.source().begin.line, path_of(path, key), "is missing");
    return *node;
  }

  std::string string_value(const toml::node& node, const std::string& key) const {
    const auto* value = node.as_string();
    if (value == nullptr) fail_type(node, key, "a string");
    return value->get();
  }

  const toml::array& array_value(const toml::node& node, const std::string& key) const {
    const toml::array* array = node.as_array();
    if (array == nullptr) fail_type(node, key, "an array");
    return *array;
  }

  std::chrono::minutes time_value(const toml::node& node, const std::string& key,
                                  bool allow_end_of_day) const {
    const std::string text = string_value(node, key);
    const auto time = parse_time_of_day(text, allow_end_of_day);
    if (!time) {
      fail(node, key,
           "bad time " + in_quotes(text) + ": expected local time \"HH:MM\" from 00:00 to 23:59" +
               (allow_end_of_day ? " (or 24:00 for midnight at the end of the day)" : ""));
    }
    return *time;
  }

  std::chrono::sys_days date_value(const toml::node& node, const std::string& key) const {
    const auto* value = node.as_date();
    if (value == nullptr) fail_type(node, key, "a date such as 2026-12-25 (unquoted)");
    const toml::date& date = value->get();
    const std::chrono::year_month_day day{std::chrono::year{date.year}, std::chrono::month{date.month},
                                          std::chrono::day{date.day}};
    if (!day.ok()) fail(node, key, "not a real date");
    return std::chrono::sys_days{day};
  }

  ExchangeCalendarRules read_exchange(const std::string& name, const toml::table& table,
                                      const std::string& path) {
    reject_unknown_keys(table, path, kExchangeKeys);
    ExchangeCalendarRules rules;
    rules.name = name;
    rules.title = name;
    if (const toml::node* node = table.get("title")) {
      rules.title = string_value(*node, path + ".title");
      if (rules.title.empty())
        fail(*node, path + ".title", "must not be empty (leave it out to use the name)");
    }

    const std::string zone_key = path + ".time_zone";
    const toml::node& zone_node = required(table, "time_zone", path);
    const std::string zone = string_value(zone_node, zone_key);
    try {
      rules.time_zone = date::locate_zone(zone);
    } catch (const std::exception&) {
      fail(zone_node, zone_key,
           "unknown time zone " + in_quotes(zone) +
               ": not in the tz database; use an IANA name such as America/New_York or Europe/London");
    }

    read_trading_days(required(table, "trading_days", path), path + ".trading_days", rules);
    rules.sessions = read_sessions(required(table, "sessions", path), path + ".sessions");
    if (const toml::node* node = table.get("session_changes"))
      read_session_changes(*node, path + ".session_changes", rules);
    read_covered_years(table, path, rules);
    if (const toml::node* node = table.get("holidays")) {
      for_each_rule(*node, path + ".holidays", [&](const toml::table& entry, const std::string& key) {
        rules.holidays.push_back(read_day_rule(entry, key, rules, {}));
      });
    }
    if (const toml::node* node = table.get("early_closes"))
      rules.early_closes = read_special_hours(*node, path + ".early_closes", rules, "close");
    if (const toml::node* node = table.get("late_opens"))
      rules.late_opens = read_special_hours(*node, path + ".late_opens", rules, "open");
    return rules;
  }

  void read_trading_days(const toml::node& node, const std::string& key, ExchangeCalendarRules& rules) const {
    const toml::array& days = array_value(node, key);
    if (days.empty()) fail(node, key, "must name at least one weekday");
    for (std::size_t i = 0; i < days.size(); ++i) {
      const std::string day_key = indexed(key, i);
      bool& trades = rules.trading_weekdays[weekday_value(*days.get(i), day_key).c_encoding()];
      if (trades)
        fail(*days.get(i), day_key, in_quotes(string_value(*days.get(i), day_key)) + " is listed twice");
      trades = true;
    }
  }

  std::vector<SessionHours> read_sessions(const toml::node& node, const std::string& key) const {
    const toml::array& sessions = array_value(node, key);
    if (sessions.empty()) fail(node, key, "must list at least one session");
    std::vector<SessionHours> result;
    for (std::size_t i = 0; i < sessions.size(); ++i) {
      const std::string session_key = indexed(key, i);
      const toml::table* session = sessions.get(i)->as_table();
      if (session == nullptr) {
        fail_type(*sessions.get(i), session_key, "a table such as { open = \"09:30\", close = \"16:00\" }");
      }
      reject_unknown_keys(*session, session_key, kSessionKeys);
      SessionHours hours;
      hours.open = time_value(required(*session, "open", session_key), session_key + ".open", false);
      hours.close = time_value(required(*session, "close", session_key), session_key + ".close", true);
      if (const toml::node* previous_day = session->get("opens_previous_day")) {
        if (bool_value(*previous_day, session_key + ".opens_previous_day"))
          hours.open -= std::chrono::hours(24);
      }
      result.push_back(hours);
    }
    if (auto problem = ExchangeCalendarRules::sessions_problem(result)) {
      fail(*sessions.get(problem->index), indexed(key, problem->index), problem->message);
    }
    return result;
  }

  void read_session_changes(const toml::node& node, const std::string& key,
                            ExchangeCalendarRules& rules) const {
    const toml::array& changes = array_value(node, key);
    if (changes.size() > ExchangeCalendarRules::kMaxSessionChanges) {
      fail(node, key,
           "at most " + std::to_string(ExchangeCalendarRules::kMaxSessionChanges) + " session changes");
    }
    for (std::size_t i = 0; i < changes.size(); ++i) {
      const std::string change_key = indexed(key, i);
      const toml::table* change = changes.get(i)->as_table();
      if (change == nullptr) {
        fail_type(*changes.get(i), change_key, "a table such as { from = 2024-11-05, sessions = [...] }");
      }
      reject_unknown_keys(*change, change_key, kSessionChangeKeys);
      const toml::node& from_node = required(*change, "from", change_key);
      const std::chrono::sys_days from = date_value(from_node, change_key + ".from");
      if (!rules.session_changes.empty() && from <= rules.session_changes.back().from) {
        fail(from_node, change_key + ".from",
             format_iso_date(from) + " is not after the change before it (" +
                 format_iso_date(rules.session_changes.back().from) + "): list changes by date");
      }
      rules.session_changes.push_back(
          {from, read_sessions(required(*change, "sessions", change_key), change_key + ".sessions")});
    }
  }

  void read_covered_years(const toml::table& table, const std::string& path,
                          ExchangeCalendarRules& rules) const {
    const toml::node* first = table.get("first_year");
    const toml::node* last = table.get("last_year");
    if (first == nullptr && last == nullptr) return;
    if (first == nullptr || last == nullptr) {
      const toml::node& given = first != nullptr ? *first : *last;
      fail(given, path_of(path, first != nullptr ? "last_year" : "first_year"),
           "is missing: first_year and last_year come together");
    }
    const auto year = [&](const toml::node& node, std::string_view name) {
      const auto* value = node.as_integer();
      if (value == nullptr) fail_type(node, path_of(path, name), "a year such as 2026");
      if (value->get() < kFirstPossibleYear || value->get() > kLastPossibleYear) {
        fail(node, path_of(path, name),
             std::to_string(value->get()) + " is not a year from " + std::to_string(kFirstPossibleYear) +
                 " to " + std::to_string(kLastPossibleYear));
      }
      return static_cast<int>(value->get());
    };
    YearRange years{year(*first, "first_year"), year(*last, "last_year")};
    if (years.first > years.last) {
      fail(*last, path_of(path, "last_year"),
           std::to_string(years.last) + " is before first_year " + std::to_string(years.first));
    }
    rules.covered_years = years;
  }

  bool bool_value(const toml::node& node, const std::string& key) const {
    const auto* flag = node.as_boolean();
    if (flag == nullptr) fail_type(node, key, "true or false");
    return flag->get();
  }

  std::int64_t integer_value(const toml::node& node, const std::string& key, std::int64_t low,
                             std::int64_t high) const {
    const auto* value = node.as_integer();
    if (value == nullptr)
      fail_type(node, key, "an integer from " + std::to_string(low) + " to " + std::to_string(high));
    if (value->get() < low || value->get() > high) {
      fail(node, key,
           std::to_string(value->get()) + " is not from " + std::to_string(low) + " to " +
               std::to_string(high));
    }
    return value->get();
  }

  std::chrono::weekday weekday_value(const toml::node& node, const std::string& key) const {
    const std::string name = string_value(node, key);
    const auto found = std::find(kWeekdays.begin(), kWeekdays.end(), name);
    if (found == kWeekdays.end()) {
      fail(node, key,
           "unknown weekday " + in_quotes(name) + "; expected Mon, Tue, Wed, Thu, Fri, Sat or Sun");
    }
    return std::chrono::weekday{static_cast<unsigned>(found - kWeekdays.begin())};
  }

  template <typename Read>
  void for_each_rule(const toml::node& node, const std::string& key, Read read) const {
    const toml::array& entries = array_value(node, key);
    for (std::size_t i = 0; i < entries.size(); ++i) {
      const std::string entry_key = indexed(key, i);
      const toml::table* entry = entries.get(i)->as_table();
      if (entry == nullptr) {
        fail_type(*entries.get(i), entry_key,
                  "a table such as { name = \"Christmas Day\", month = 12, day = 25 }");
      }
      read(*entry, entry_key);
    }
  }

  // One rule: its name, exactly one way of naming its day, and what moves or limits it.
  DayRule read_day_rule(const toml::table& entry, const std::string& key, const ExchangeCalendarRules& rules,
                        std::span<const std::string_view> extra_keys) const {
    std::vector<std::string_view> known(kDayRuleKeys.begin(), kDayRuleKeys.end());
    known.push_back(kUntilKey);
    known.insert(known.end(), extra_keys.begin(), extra_keys.end());
    reject_unknown_keys(entry, key, known);

    DayRule rule;
    const toml::node& name_node = required(entry, "name", key);
    rule.name = string_value(name_node, key + ".name");
    if (rule.name.empty())
      fail(name_node, key + ".name",
           "must not be empty: it names the holiday or special hours (special_day)");

    const auto has = [&](std::string_view k) { return entry.get(k) != nullptr; };
    const auto field = [&](std::string_view k) { return key + "." + std::string(k); };
    const auto integer = [&](std::string_view k, std::int64_t low, std::int64_t high) {
      return integer_value(*entry.get(k), field(k), low, high);
    };
    const auto needs = [&](std::string_view k, std::string_view with) {
      if (!has(k)) fail(entry.source().begin.line, field(k), "is missing: " + std::string(with));
    };
    int kinds = 0;
    if (has("day") || has("weekday") || has("nth")) {
      ++kinds;
      needs("month", "a fixed date or an n-th weekday names its month");
      const auto month = static_cast<unsigned>(integer("month", 1, 12));
      if (has("day")) {
        if (has("weekday") || has("nth"))
          fail(*entry.get("day"), field("day"), "give day, or weekday and nth, not both");
        const auto day = static_cast<unsigned>(integer("day", 1, 31));
        if (!(std::chrono::month{month} / std::chrono::day{day}).ok()) {
          fail(*entry.get("day"), field("day"),
               "month " + std::to_string(month) + " has no day " + std::to_string(day));
        }
        rule.date = FixedDate{month, day};
      } else {
        needs("weekday", "an n-th weekday names its weekday");
        needs("nth", "an n-th weekday says which: 1 to 5, or -1 for the last");
        const auto nth = static_cast<int>(integer("nth", -1, 5));
        if (nth == 0)
          fail(*entry.get("nth"), field("nth"), "0 is no n-th weekday: 1 to 5, or -1 for the last");
        rule.date = NthWeekday{month, weekday_value(*entry.get("weekday"), field("weekday")), nth};
      }
    } else if (has("month")) {
      fail(*entry.get("month"), field("month"), "a month needs a day, or a weekday and nth");
    }
    if (has("easter")) {
      ++kinds;
      rule.date = EasterOffset{static_cast<int>(integer("easter", -100, 100))};
    }
    if (has("lunar_month") || has("lunar_day")) {
      ++kinds;
      needs("lunar_month", "a lunar date names its month");
      needs("lunar_day", "a lunar date names its day");
      rule.date = LunarDate{static_cast<unsigned>(integer("lunar_month", 1, 12)),
                            static_cast<unsigned>(integer("lunar_day", 1, 30))};
    }
    if (has("solar_term")) {
      ++kinds;
      const toml::node& node = *entry.get("solar_term");
      const std::string term = string_value(node, field("solar_term"));
      const auto found = std::find_if(kSolarTerms.begin(), kSolarTerms.end(),
                                      [&](const auto& t) { return t.first == term; });
      if (found == kSolarTerms.end()) {
        fail(node, field("solar_term"),
             "unknown solar term " + in_quotes(term) +
                 "; expected vernal_equinox, qingming, summer_solstice, autumnal_equinox or winter_solstice");
      }
      rule.date = SolarTerm{found->second};
    }
    if (has("dates")) {
      ++kinds;
      for (std::string_view k : {"offset", "observed", "weekdays", "from", "until"}) {
        if (has(k))
          fail(*entry.get(k), field(k),
               "dated days are taken as they are: " + std::string(k) + " does not apply");
      }
      const toml::array& dates = array_value(*entry.get("dates"), field("dates"));
      if (dates.empty()) fail(*entry.get("dates"), field("dates"), "must list at least one date");
      DateList list;
      for (std::size_t i = 0; i < dates.size(); ++i) {
        const std::string date_key = indexed(field("dates"), i);
        const std::chrono::sys_days day = date_value(*dates.get(i), date_key);
        if (auto problem = rules.dated_day_problem(day)) fail(*dates.get(i), date_key, *problem);
        if (std::find(list.dates.begin(), list.dates.end(), day) != list.dates.end()) {
          fail(*dates.get(i), date_key, format_iso_date(day) + " is listed twice");
        }
        list.dates.push_back(day);
      }
      rule.date = std::move(list);
    }
    if (has("between_holidays")) {
      ++kinds;
      if (!bool_value(*entry.get("between_holidays"), field("between_holidays"))) {
        fail(*entry.get("between_holidays"), field("between_holidays"),
             "only true makes sense; leave it out");
      }
      rule.date = BetweenHolidays{};
    }
    if (kinds != 1) {
      fail(entry.source().begin.line, key,
           std::string(kinds == 0 ? "names no day" : "names its day more than one way") +
               ": give exactly one of " + std::string(kDayKinds));
    }

    if (has("offset")) rule.offset_days = static_cast<int>(integer("offset", -366, 366));
    if (has("observed")) {
      const toml::node& node = *entry.get("observed");
      const std::string observed = string_value(node, field("observed"));
      const auto found = std::find_if(kObservances.begin(), kObservances.end(),
                                      [&](const auto& o) { return o.first == observed; });
      if (found == kObservances.end()) {
        std::string known_names;
        for (const auto& [observance_name, observance] : kObservances)
          known_names += (known_names.empty() ? "" : ", ") + std::string(observance_name);
        fail(node, field("observed"),
             "unknown observance " + in_quotes(observed) + "; expected one of " + known_names);
      }
      rule.observance = found->second;
    }
    if (has("weekdays")) {
      rule.weekdays = {};
      const toml::array& days = array_value(*entry.get("weekdays"), field("weekdays"));
      if (days.empty()) fail(*entry.get("weekdays"), field("weekdays"), "must name at least one weekday");
      for (std::size_t i = 0; i < days.size(); ++i) {
        rule.weekdays[weekday_value(*days.get(i), indexed(field("weekdays"), i)).c_encoding()] = true;
      }
    }
    if (has("from"))
      rule.first_year = static_cast<int>(integer("from", kFirstPossibleYear, kLastPossibleYear));
    if (has("until"))
      rule.last_year = static_cast<int>(integer("until", kFirstPossibleYear, kLastPossibleYear));
    // from and until are named by their own key, so that a rule written over several lines points at
    // the year at fault; a rule without covered years is the whole rule's fault.
    if (has("from") && has("until") && rule.first_year > rule.last_year) {
      fail(*entry.get("until"), field("until"),
           std::to_string(rule.last_year) + " is before from " + std::to_string(rule.first_year));
    }
    if (rules.covered_years) {
      for (std::string_view k : {"from", "until"}) {
        if (!has(k)) continue;
        const int year = k == "from" ? rule.first_year : rule.last_year;
        if (!rules.covered_years->contains(std::chrono::year{year})) {
          fail(*entry.get(k), field(k),
               std::to_string(year) + " is outside the covered years " +
                   std::to_string(rules.covered_years->first) + "-" +
                   std::to_string(rules.covered_years->last) + " (first_year, last_year)");
        }
      }
    }
    if (auto problem = rules.rule_years_problem(rule.first_year, rule.last_year)) {
      fail(entry.source().begin.line, key, *problem);
    }
    return rule;
  }

  // Early closes (`time_key` "close") or late opens ("open"): a day rule and the time it sets.
  std::vector<SpecialHoursRule> read_special_hours(const toml::node& node, const std::string& key,
                                                   const ExchangeCalendarRules& rules,
                                                   std::string_view time_key) const {
    const bool early_close = time_key == "close";
    const std::vector<std::string_view> extra = early_close
                                                    ? std::vector<std::string_view>{"close", "daily_bar"}
                                                    : std::vector<std::string_view>{"open"};
    std::vector<SpecialHoursRule> result;
    for_each_rule(node, key, [&](const toml::table& entry, const std::string& entry_key) {
      SpecialHoursRule rule;
      rule.day = read_day_rule(entry, entry_key, rules, extra);
      const std::string time_field = entry_key + "." + std::string(time_key);
      const toml::node& time_node = required(entry, time_key, entry_key);
      rule.time = time_value(time_node, time_field, false);
      if (auto problem = rules.special_time_problem(rule.time)) fail(time_node, time_field, *problem);
      if (const toml::node* daily_bar = entry.get("daily_bar"))
        rule.daily_bar = bool_value(*daily_bar, entry_key + ".daily_bar");
      result.push_back(std::move(rule));
    });
    return result;
  }

  // `name` exactly as a calendar is named; a near miss gets a suggestion.
  void require_calendar(const toml::node& node, const std::string& key, const std::string& name,
                        const std::vector<ExchangeCalendar>& calendars) const {
    std::vector<std::string_view> names;
    for (const ExchangeCalendar& calendar : calendars) {
      if (calendar.name() == name) return;
      names.push_back(calendar.name());
    }
    std::string problem = "no exchange calendar is named " + in_quotes(name);
    for (std::string_view known : names) {
      if (ExchangeCalendars::lookup_key(known) == ExchangeCalendars::lookup_key(name)) {
        fail(node, key, problem + "; did you mean " + std::string(known) + "? (names are exact here)");
      }
    }
    if (auto suggestion = closest_key(name, names)) problem += "; did you mean " + *suggestion + "?";
    fail(node, key, problem);
  }

  std::map<std::string, std::string> read_aliases(const toml::table& table,
                                                  const std::vector<ExchangeCalendar>& calendars) const {
    std::map<std::string, std::string> aliases;
    std::map<std::string, std::pair<std::string, std::size_t>> seen;  // lookup key -> alias, line
    for (auto [key, node] : in_file_order(table)) {
      const std::string alias(key->str());
      const std::string path = path_of("aliases", alias);
      const std::size_t line = key->source().begin.line;
      const std::string calendar = string_value(*node, path);
      require_calendar(*node, path, calendar, calendars);
      const std::string lookup = ExchangeCalendars::lookup_key(alias);
      if (lookup.empty()) fail(line, path, "an alias must not be empty");
      for (const ExchangeCalendar& other : calendars) {
        if (ExchangeCalendars::lookup_key(other.name()) == lookup && other.name() != calendar) {
          fail(line, path,
               in_quotes(alias) + " is the name of calendar " + other.name() + ", not an alias of " +
                   calendar);
        }
      }
      const auto [existing, inserted] = seen.emplace(lookup, std::pair{alias, line});
      if (!inserted) {
        fail(line, path,
             "duplicate alias: " + in_quotes(alias) + " and " + in_quotes(existing->second.first) +
                 " (line " + std::to_string(existing->second.second) + ") differ only in case or blanks");
      }
      aliases.emplace(alias, calendar);
    }
    return aliases;
  }

  std::map<AssetClass, std::string> read_class_defaults(
      const toml::table& table, const std::vector<ExchangeCalendar>& calendars) const {
    reject_unknown_keys(table, "class_defaults", all_asset_class_names());
    std::map<AssetClass, std::string> defaults;
    for (auto [key, node] : in_file_order(table)) {
      const std::string path = path_of("class_defaults", key->str());
      const std::string calendar = string_value(*node, path);
      require_calendar(*node, path, calendar, calendars);
      defaults.emplace(require_asset_class(key->str()), calendar);
    }
    for (const AssetClass asset_class : kAssetClasses) {
      if (!defaults.contains(asset_class)) {
        fail(table.source().begin.line, path_of("class_defaults", asset_class_name(asset_class)),
             "is missing: every asset class needs a default calendar");
      }
    }
    return defaults;
  }

  std::string origin_;
};

}  // namespace

ExchangeCalendars parse_exchange_calendars(std::string_view text, const std::string& origin) {
  return CalendarFileParser(origin).parse(parse_toml(text, origin));
}

ExchangeCalendars load_exchange_calendars(const std::filesystem::path& file) {
  return parse_exchange_calendars(read_toml_file(file, "calendar file"), file.string());
}

}  // namespace pricefeed::host
