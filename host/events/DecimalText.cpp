#include "host/events/DecimalText.hpp"

#include "host/events/ValueForMessage.hpp"
#include "host/text/AsciiText.hpp"

namespace pricefeed::host {
namespace {

// The length of the run of digits at `text`'s start.
std::size_t leading_digits(std::string_view text) {
  std::size_t n = 0;
  while (n < text.size() && is_ascii_digit(text[n]))
    ++n;
  return n;
}

}  // namespace

std::optional<std::string> plain_decimal_problem(std::string_view text) {
  if (text.empty()) return "is empty (expected a decimal number such as 12.5)";
  if (text.size() > kMaxDecimalLength) {
    return "is longer than " + std::to_string(kMaxDecimalLength) + " characters";
  }
  std::string_view rest = text;
  if (rest.front() == '-') rest.remove_prefix(1);
  const std::size_t integer_digits = leading_digits(rest);
  rest.remove_prefix(integer_digits);
  bool well_formed = integer_digits > 0;
  if (well_formed && !rest.empty() && rest.front() == '.') {
    rest.remove_prefix(1);
    const std::size_t fraction_digits = leading_digits(rest);
    rest.remove_prefix(fraction_digits);
    well_formed = fraction_digits > 0;
  }
  if (!well_formed || !rest.empty()) {
    return value_for_message(text) +
           " is not a plain decimal number (digits with an optional fraction, such as 12.5; no exponent)";
  }
  return std::nullopt;
}

bool decimal_is_negative(std::string_view text) {
  return !text.empty() && text.front() == '-';
}

bool decimal_is_zero(std::string_view text) {
  for (char c : text) {
    if (is_ascii_digit(c) && c != '0') return false;
  }
  return true;
}

}  // namespace pricefeed::host
