#include "host/events/EventValidator.hpp"

#include <optional>
#include <string>

#include "host/events/CurrencyCode.hpp"
#include "host/events/DecimalText.hpp"
#include "host/events/EventBody.hpp"
#include "host/events/EventDate.hpp"
#include "host/events/SymbolPattern.hpp"
#include "host/events/ValueForMessage.hpp"

namespace pricefeed::host {
namespace {

// The value is not echoed: it would carry the very character into the log and the client's terminal.
std::string invisible_message(char32_t code_point) {
  return "contains " + code_point_name(code_point) +
         ", an invisible or text-direction character, which no id may contain";
}

// Reads one field after another and stops at the first problem, which it remembers.
class FieldReader {
 public:
  explicit FieldReader(const EventBody& body) : body_(body) {}

  bool failed() const { return problem_.has_value(); }
  InvalidEvent problem() const { return *problem_; }

  void fail(std::string_view field, std::string problem) {
    if (!problem_) problem_ = InvalidEvent{std::string(field), std::move(problem)};
  }

  // A required string member; reports it missing, of the wrong type, empty, or with control characters.
  std::string identifier(std::string_view field, std::size_t max_length) {
    std::string value = string(field);
    if (failed()) return {};
    if (value.empty()) {
      fail(field, "is empty");
    } else if (contains_control_character(value)) {
      fail(field, value_for_message(value) + " contains a control character");
    } else if (auto hidden = invisible_or_bidi_character(value)) {
      fail(field, invisible_message(*hidden));
    } else if (utf8_length(value) > max_length) {
      fail(field, "is longer than " + std::to_string(max_length) + " characters");
    }
    return value;
  }

  std::string string(std::string_view field) {
    const EventBodyMember* member = required(field);
    if (member == nullptr) return {};
    if (member->kind != EventBodyMember::Kind::string) {
      fail(field, "must be a string, not " + std::string(describe(member->kind)));
      return {};
    }
    return member->text;
  }

  // A decimal given as a string or a JSON number, its text kept as written.
  std::string decimal(std::string_view field) {
    const EventBodyMember* member = required(field);
    if (member == nullptr) return {};
    if (member->kind != EventBodyMember::Kind::string && member->kind != EventBodyMember::Kind::number) {
      fail(field, "must be a decimal string or a number, not " + std::string(describe(member->kind)));
      return {};
    }
    if (auto problem = plain_decimal_problem(member->text)) fail(field, *std::move(problem));
    return member->text;
  }

 private:
  const EventBodyMember* required(std::string_view field) {
    if (failed()) return nullptr;
    const EventBodyMember* member = body_.find(field);
    if (member == nullptr) fail(field, "is missing");
    return member;
  }

  const EventBody& body_;
  std::optional<InvalidEvent> problem_;
};

// Everything but event_id, which comes from the body or the row.
EventValidation read_event(FieldReader& reader, std::string event_id, std::chrono::sys_days today) {
  ValidEvent event;
  event.event_id = std::move(event_id);
  event.user_id = reader.identifier("user_id", kMaxUserIdLength);

  const std::string type = reader.string("type");
  if (!reader.failed()) {
    if (type == "buy") {
      event.type = EventType::buy;
    } else if (type == "sell") {
      event.type = EventType::sell;
    } else {
      reader.fail("type", value_for_message(type) + " is not buy or sell");
    }
  }

  const std::string asset_class = reader.string("asset_class");
  if (!reader.failed()) {
    if (auto parsed = parse_asset_class(asset_class)) {
      event.asset_class = *parsed;
    } else {
      reader.fail("asset_class", value_for_message(asset_class) + " is not an asset class (" +
                                     asset_class_choices(" or ") + ")");
    }
  }

  event.symbol = reader.string("symbol");
  if (!reader.failed()) {
    if (auto problem = symbol_problem(event.asset_class, event.symbol))
      reader.fail("symbol", *std::move(problem));
  }

  const std::string date_text = reader.string("date");
  if (!reader.failed()) {
    auto parsed = parse_event_date(date_text, today);
    if (auto* problem = std::get_if<std::string>(&parsed)) {
      reader.fail("date", std::move(*problem));
    } else {
      event.date = std::get<std::chrono::sys_days>(parsed);
    }
  }

  event.quantity = reader.decimal("quantity");
  if (!reader.failed()) {
    if (decimal_is_negative(event.quantity) || decimal_is_zero(event.quantity)) {
      reader.fail("quantity", "must be greater than 0, not " + event.quantity);
    }
  }

  event.price = reader.decimal("price");
  if (!reader.failed() && decimal_is_negative(event.price)) {
    reader.fail("price", "must not be negative, not " + event.price);
  }

  event.currency = reader.string("currency");
  if (!reader.failed()) {
    if (auto problem = currency_problem(event.currency)) reader.fail("currency", *std::move(problem));
  }

  if (reader.failed()) return reader.problem();
  return event;
}

std::optional<InvalidEvent> event_id_problem(std::string_view event_id) {
  if (event_id.empty()) return InvalidEvent{"event_id", "is empty"};
  if (contains_control_character(event_id)) {
    return InvalidEvent{"event_id", value_for_message(event_id) + " contains a control character"};
  }
  if (auto hidden = invisible_or_bidi_character(event_id))
    return InvalidEvent{"event_id", invisible_message(*hidden)};
  if (utf8_length(event_id) > kMaxEventIdLength) {
    return InvalidEvent{"event_id", "is longer than " + std::to_string(kMaxEventIdLength) + " characters"};
  }
  return std::nullopt;
}

std::variant<EventBody, InvalidEvent> parse_non_empty(std::string_view text) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return InvalidEvent{"body", "is empty (expected a JSON object)"};
  }
  return parse_event_body(text);
}

}  // namespace

EventValidator::EventValidator(TodayFunction today) : today_(std::move(today)) {}

EventValidation EventValidator::validate_body(std::string_view body) const {
  auto parsed = parse_non_empty(body);
  if (auto* problem = std::get_if<InvalidEvent>(&parsed)) return *problem;
  FieldReader reader(std::get<EventBody>(parsed));
  std::string event_id = reader.string("event_id");
  if (reader.failed()) return reader.problem();
  if (auto problem = event_id_problem(event_id)) return *problem;
  return read_event(reader, std::move(event_id), today_());
}

EventValidation EventValidator::validate_stored(std::string_view event_id, std::string_view payload) const {
  if (auto problem = event_id_problem(event_id)) return *problem;
  auto parsed = parse_non_empty(payload);
  if (auto* problem = std::get_if<InvalidEvent>(&parsed)) {
    problem->field = problem->field == "body" ? "payload" : problem->field;
    return *problem;
  }
  const EventBody& body = std::get<EventBody>(parsed);
  if (const EventBodyMember* repeated = body.find("event_id"); repeated != nullptr) {
    if (repeated->kind != EventBodyMember::Kind::string || repeated->text != event_id) {
      return InvalidEvent{"event_id", "the payload's event_id " + value_for_message(repeated->text) +
                                          " differs from the row's " + value_for_message(event_id)};
    }
  }
  FieldReader reader(body);
  return read_event(reader, std::string(event_id), today_());
}

}  // namespace pricefeed::host
