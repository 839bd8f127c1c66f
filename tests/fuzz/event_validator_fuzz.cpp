// Event bodies through EventValidator, as a POST /v1/events body and as a stored row (the input's
// first line is the row's event_id, the rest its payload). Nothing may escape: every body is either
// a ValidEvent or an InvalidEvent naming a field. A valid event must be storable: its payload dumps
// (nlohmann throws on invalid UTF-8) and its identifiers are within the schema's limits.

#include <date/date.h>

#include <variant>

#include "host/events/EventValidator.hpp"
#include "tests/fuzz/FuzzExpectation.hpp"

namespace {

using pricefeed::fuzz::expect;
using pricefeed::host::EventValidation;
using pricefeed::host::InvalidEvent;
using pricefeed::host::ValidEvent;

// A fixed today, so that a crashing input reproduces on any day.
date::sys_days fixed_today() {
  return date::sys_days{date::year{2026} / 11 / 25};
}

void expect_well_formed(const EventValidation& validation) {
  if (const auto* invalid = std::get_if<InvalidEvent>(&validation)) {
    expect(!invalid->field.empty());
    expect(!invalid->problem.empty());
    return;
  }
  const auto& event = std::get<ValidEvent>(validation);
  // Code points are at most 4 bytes of UTF-8 each.
  expect(!event.event_id.empty() && event.event_id.size() <= 4 * pricefeed::host::kMaxEventIdLength);
  expect(!event.user_id.empty() && event.user_id.size() <= 4 * pricefeed::host::kMaxUserIdLength);
  expect(!event.quantity.empty() && !event.price.empty());
  expect(event.date <= fixed_today() + date::days{1});
  event.payload().dump();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = pricefeed::fuzz::as_text(data, size);
  const pricefeed::host::EventValidator validator(fixed_today);
  expect_well_formed(validator.validate_body(text));
  const std::size_t line_end = text.find('\n');
  if (line_end != std::string_view::npos)
    expect_well_formed(validator.validate_stored(text.substr(0, line_end), text.substr(line_end + 1)));
  return 0;
}
