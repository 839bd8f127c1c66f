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
constexpr std::array<std::string_view, 8> kExchangeKeys = {
    "title", "time_zone", "trading_days", "sessions", "first_year", "last_year", "holidays", "early_closes"};
constexpr std::array<std::string_view, 3> kSessionKeys = {"open", "close", "opens_previous_day"};
constexpr std::array<std::string_view, 3> kEarlyCloseKeys = {"date", "close", "daily_bar"};
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
    read_sessions(required(table, "sessions", path), path + ".sessions", rules);
    read_covered_years(table, path, rules);
    if (const toml::node* node = table.get("holidays")) read_holidays(*node, path + ".holidays", rules);
    if (const toml::node* node = table.get("early_closes"))
      read_early_closes(*node, path + ".early_closes", rules);
    return rules;
  }

  void read_trading_days(const toml::node& node, const std::string& key, ExchangeCalendarRules& rules) const {
    const toml::array& days = array_value(node, key);
    if (days.empty()) fail(node, key, "must name at least one weekday");
    for (std::size_t i = 0; i < days.size(); ++i) {
      const std::string day_key = indexed(key, i);
      const std::string name = string_value(*days.get(i), day_key);
      const auto found = std::find(kWeekdays.begin(), kWeekdays.end(), name);
      if (found == kWeekdays.end()) {
        fail(*days.get(i), day_key,
             "unknown weekday " + in_quotes(name) + "; expected Mon, Tue, Wed, Thu, Fri, Sat or Sun");
      }
      bool& trades = rules.trading_weekdays[static_cast<std::size_t>(found - kWeekdays.begin())];
      if (trades) fail(*days.get(i), day_key, in_quotes(name) + " is listed twice");
      trades = true;
    }
  }

  void read_sessions(const toml::node& node, const std::string& key, ExchangeCalendarRules& rules) const {
    const toml::array& sessions = array_value(node, key);
    if (sessions.empty()) fail(node, key, "must list at least one session");
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
        const auto* flag = previous_day->as_boolean();
        if (flag == nullptr) fail_type(*previous_day, session_key + ".opens_previous_day", "true or false");
        if (flag->get()) hours.open -= std::chrono::hours(24);
      }
      rules.sessions.push_back(hours);
    }
    if (auto problem = rules.sessions_problem()) {
      fail(*sessions.get(problem->index), indexed(key, problem->index), problem->message);
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

  void read_holidays(const toml::node& node, const std::string& key, ExchangeCalendarRules& rules) const {
    const toml::array& holidays = array_value(node, key);
    for (std::size_t i = 0; i < holidays.size(); ++i) {
      const std::string holiday_key = indexed(key, i);
      const std::chrono::sys_days day = date_value(*holidays.get(i), holiday_key);
      if (auto problem = rules.special_day_problem(day)) fail(*holidays.get(i), holiday_key, *problem);
      if (!rules.holidays.insert(day).second) {
        fail(*holidays.get(i), holiday_key, format_iso_date(day) + " is listed twice");
      }
    }
  }

  void read_early_closes(const toml::node& node, const std::string& key, ExchangeCalendarRules& rules) const {
    const toml::array& early_closes = array_value(node, key);
    for (std::size_t i = 0; i < early_closes.size(); ++i) {
      const std::string close_key = indexed(key, i);
      const toml::table* entry = early_closes.get(i)->as_table();
      if (entry == nullptr) {
        fail_type(*early_closes.get(i), close_key,
                  "a table such as { date = 2026-11-27, close = \"13:00\" }");
      }
      reject_unknown_keys(*entry, close_key, kEarlyCloseKeys);
      const toml::node& date_node = required(*entry, "date", close_key);
      const std::chrono::sys_days day = date_value(date_node, close_key + ".date");
      if (auto problem = rules.special_day_problem(day)) fail(date_node, close_key + ".date", *problem);
      if (rules.holidays.contains(day)) {
        fail(date_node, close_key + ".date", format_iso_date(day) + " is also listed as a holiday");
      }
      const toml::node& close_node = required(*entry, "close", close_key);
      const std::chrono::minutes close = time_value(close_node, close_key + ".close", false);
      if (auto problem = rules.early_close_problem(close)) fail(close_node, close_key + ".close", *problem);
      if (!rules.early_closes.emplace(day, close).second) {
        fail(date_node, close_key + ".date", format_iso_date(day) + " is listed twice");
      }
      if (const toml::node* daily_bar = entry->get("daily_bar")) {
        const auto* flag = daily_bar->as_boolean();
        if (flag == nullptr) fail_type(*daily_bar, close_key + ".daily_bar", "true or false");
        if (!flag->get()) rules.without_daily_bar.insert(day);
      }
    }
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
