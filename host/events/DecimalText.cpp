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

// The number's one spelling: no sign on zero, no leading zeros in the integer part, no trailing zeros
// in the fraction, no '.' without a fraction.
std::string canonical_decimal(std::string_view text) {
  const bool negative = decimal_is_negative(text);
  if (negative) text.remove_prefix(1);
  std::string_view integer = text.substr(0, text.find('.'));
  std::string_view fraction =
      integer.size() < text.size() ? text.substr(integer.size() + 1) : std::string_view{};
  while (integer.size() > 1 && integer.front() == '0')
    integer.remove_prefix(1);
  while (!fraction.empty() && fraction.back() == '0')
    fraction.remove_suffix(1);
  std::string canonical = (negative && !decimal_is_zero(text)) ? "-" : "";
  canonical += integer;
  if (!fraction.empty()) canonical += "." + std::string(fraction);
  return canonical;
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

bool decimals_equal(std::string_view a, std::string_view b) {
  return canonical_decimal(a) == canonical_decimal(b);
}

}  // namespace pricefeed::host
