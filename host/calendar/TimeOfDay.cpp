#include "host/calendar/TimeOfDay.hpp"

#include <array>
#include <cstdio>

namespace pricefeed::host {
namespace {

std::optional<int> two_digits(std::string_view text) {
  if (text.size() != 2 || text[0] < '0' || text[0] > '9' || text[1] < '0' || text[1] > '9')
    return std::nullopt;
  return (text[0] - '0') * 10 + (text[1] - '0');
}

}  // namespace

std::optional<std::chrono::minutes> parse_time_of_day(std::string_view text, bool allow_end_of_day) {
  if (text.size() != 5 || text[2] != ':') return std::nullopt;
  const std::optional<int> hours = two_digits(text.substr(0, 2));
  const std::optional<int> minutes = two_digits(text.substr(3, 2));
  if (!hours || !minutes || *minutes > 59) return std::nullopt;
  if (*hours == 24 && *minutes == 0 && allow_end_of_day) return std::chrono::hours(24);
  if (*hours > 23) return std::nullopt;
  return std::chrono::hours(*hours) + std::chrono::minutes(*minutes);
}

std::string format_time_of_day(std::chrono::minutes offset) {
  const bool day_before = offset < std::chrono::minutes(0);
  if (day_before) offset += std::chrono::hours(24);
  std::array<char, 32> text{};
  std::snprintf(text.data(), text.size(), "%02d:%02d", static_cast<int>(offset.count() / 60),
                static_cast<int>(offset.count() % 60));
  std::string result(text.data());
  if (day_before) result += " the day before";
  return result;
}

}  // namespace pricefeed::host
