#include "host/ratelimit/RetryAfter.hpp"

#include <array>
#include <cstdint>

#include "host/text/AsciiText.hpp"

namespace pricefeed::host {

namespace {

// A small cursor over the header value; every read either consumes what it expects or fails.
class Reader {
 public:
  explicit Reader(std::string_view text) : text_(text) {}

  bool done() const { return text_.empty(); }

  bool literal(std::string_view expected) {
    if (text_.substr(0, expected.size()) != expected) return false;
    text_.remove_prefix(expected.size());
    return true;
  }

  bool spaces() {
    if (text_.empty() || text_.front() != ' ') return false;
    while (!text_.empty() && text_.front() == ' ')
      text_.remove_prefix(1);
    return true;
  }

  // Exactly `count` digits.
  bool number(std::size_t count, int& out) {
    if (text_.size() < count) return false;
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      if (!is_ascii_digit(text_[i])) return false;
      value = value * 10 + (text_[i] - '0');
    }
    text_.remove_prefix(count);
    out = value;
    return true;
  }

  // One or two digits (asctime pads the day with a space, which spaces() has eaten).
  bool short_number(int& out) {
    if (text_.size() >= 2 && is_ascii_digit(text_[1])) return number(2, out);
    return number(1, out);
  }

  // One of `names`; its index goes to `out`.
  template <std::size_t N>
  bool one_of(const std::array<std::string_view, N>& names, int& out) {
    for (std::size_t i = 0; i < N; ++i) {
      if (literal(names[i])) {
        out = static_cast<int>(i);
        return true;
      }
    }
    return false;
  }

 private:
  std::string_view text_;
};

constexpr std::array<std::string_view, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<std::string_view, 7> kShortDays{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
// Longest first would not matter: no full name is a prefix of another.
constexpr std::array<std::string_view, 7> kLongDays{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                    "Friday", "Saturday", "Sunday"};

struct DateTime {
  int year = 0;
  int month = 0;  // 0-based
  int day = 0;
  int hour = 0;
  int minute = 0;
  int second = 0;
};

bool read_time(Reader& in, DateTime& out) {
  return in.number(2, out.hour) && in.literal(":") && in.number(2, out.minute) && in.literal(":") &&
         in.number(2, out.second);
}

// "Sun, 06 Nov 1994 08:49:37 GMT"
bool read_imf_fixdate(std::string_view text, DateTime& out) {
  Reader in(text);
  int weekday = 0;
  return in.one_of(kShortDays, weekday) && in.literal(", ") && in.number(2, out.day) && in.literal(" ") &&
         in.one_of(kMonths, out.month) && in.literal(" ") && in.number(4, out.year) && in.literal(" ") &&
         read_time(in, out) && in.literal(" GMT") && in.done();
}

// "Sunday, 06-Nov-94 08:49:37 GMT"
bool read_rfc850_date(std::string_view text, DateTime& out, int current_year) {
  Reader in(text);
  int weekday = 0;
  int two_digit_year = 0;
  if (!(in.one_of(kLongDays, weekday) && in.literal(", ") && in.number(2, out.day) && in.literal("-") &&
        in.one_of(kMonths, out.month) && in.literal("-") && in.number(2, two_digit_year) && in.literal(" ") &&
        read_time(in, out) && in.literal(" GMT") && in.done())) {
    return false;
  }
  // RFC 9110: a two-digit year that appears to be more than 50 years in the future is in the past.
  int year = current_year / 100 * 100 + two_digit_year;
  if (year > current_year + 50) year -= 100;
  out.year = year;
  return true;
}

// "Sun Nov  6 08:49:37 1994"
bool read_asctime_date(std::string_view text, DateTime& out) {
  Reader in(text);
  int weekday = 0;
  return in.one_of(kShortDays, weekday) && in.literal(" ") && in.one_of(kMonths, out.month) && in.spaces() &&
         in.short_number(out.day) && in.literal(" ") && read_time(in, out) && in.literal(" ") &&
         in.number(4, out.year) && in.done();
}

std::optional<std::chrono::system_clock::time_point> to_time_point(const DateTime& date) {
  using namespace std::chrono;
  const year_month_day ymd{year{date.year}, month{static_cast<unsigned>(date.month + 1)},
                           day{static_cast<unsigned>(date.day)}};
  // 60 allows a leap second, which the time point then rounds into the next minute.
  if (!ymd.ok() || date.hour > 23 || date.minute > 59 || date.second > 60) return std::nullopt;
  return sys_days{ymd} + hours{date.hour} + minutes{date.minute} + seconds{date.second};
}

std::optional<std::chrono::seconds> parse_delta_seconds(std::string_view text) {
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (!is_ascii_digit(c)) return std::nullopt;
    if (value < kLongestRetryAfter.count()) value = value * 10 + (c - '0');
  }
  return std::chrono::seconds{std::min<std::int64_t>(value, kLongestRetryAfter.count())};
}

}  // namespace

std::optional<std::chrono::seconds> parse_retry_after(std::string_view value,
                                                      std::chrono::system_clock::time_point now) {
  value = trim_ascii_blanks(value);
  if (value.empty()) return std::nullopt;
  if (is_ascii_digit(value.front())) return parse_delta_seconds(value);

  const int current_year =
      static_cast<int>(std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now)}.year());
  DateTime date;
  if (!read_imf_fixdate(value, date) && !read_rfc850_date(value, date, current_year) &&
      !read_asctime_date(value, date)) {
    return std::nullopt;
  }
  const auto when = to_time_point(date);
  if (!when) return std::nullopt;
  if (*when <= now) return std::chrono::seconds::zero();
  // Rounded up: retrying a fraction of a second early would only earn another 429.
  const auto left = std::chrono::ceil<std::chrono::seconds>(*when - now);
  return std::min(left, kLongestRetryAfter);
}

}  // namespace pricefeed::host
