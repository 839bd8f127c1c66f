#include "host/events/EventBody.hpp"

#include <cstddef>
#include <optional>

#include <nlohmann/json.hpp>

#include "host/events/ValueForMessage.hpp"

namespace pricefeed::host {
namespace {

using json = nlohmann::json;

// Collects the top-level members; depth 0 is outside everything, 1 inside the top-level object.
class TopLevelMemberCollector {
 public:
  bool null() { return scalar({EventBodyMember::Kind::null, {}}); }
  bool boolean(bool) { return scalar({EventBodyMember::Kind::boolean, {}}); }
  bool number_integer(json::number_integer_t value) {
    return scalar({EventBodyMember::Kind::number, std::to_string(value)});
  }
  bool number_unsigned(json::number_unsigned_t value) {
    return scalar({EventBodyMember::Kind::number, std::to_string(value)});
  }
  bool number_float(json::number_float_t, const json::string_t& text) {
    return scalar({EventBodyMember::Kind::number, text});
  }
  bool string(json::string_t& value) { return scalar({EventBodyMember::Kind::string, value}); }
  bool binary(json::binary_t&) { return scalar({EventBodyMember::Kind::null, {}}); }

  bool start_object(std::size_t) {
    if (depth_ == 0) {
      saw_top_level_object_ = true;
    } else if (depth_ == 1) {
      record({EventBodyMember::Kind::object, {}});
    }
    ++depth_;
    return !failure_;
  }
  bool end_object() {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) {
    if (depth_ == 0) return fail({"body", "must be a JSON object, not an array"});
    if (depth_ == 1) record({EventBodyMember::Kind::array, {}});
    ++depth_;
    return !failure_;
  }
  bool end_array() {
    --depth_;
    return true;
  }
  bool key(json::string_t& name) {
    if (depth_ == 1) current_key_ = name;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) {
    std::string reason = error.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: ..." -> "parse error at ..."
    if (const auto end = reason.find("] ");
        reason.starts_with("[json.exception.") && end != std::string::npos) {
      reason.erase(0, end + 2);
    }
    return fail({"body", "not valid JSON: " + reason});
  }

  std::variant<EventBody, InvalidEvent> result() && {
    if (failure_) return *std::move(failure_);
    if (!saw_top_level_object_) return InvalidEvent{"body", "must be a JSON object"};
    return std::move(body_);
  }

 private:
  bool scalar(EventBodyMember member) {
    if (depth_ == 0)
      return fail({"body", "must be a JSON object, not " + std::string(describe(member.kind))});
    if (depth_ == 1) record(std::move(member));
    return !failure_;
  }

  void record(EventBodyMember member) {
    if (!body_.members.emplace(current_key_, std::move(member)).second && !failure_) {
      failure_ = InvalidEvent{current_key_.empty() ? std::string("body") : value_for_message(current_key_),
                              "appears more than once"};
    }
  }

  bool fail(InvalidEvent problem) {
    if (!failure_) failure_ = std::move(problem);
    return false;
  }

  int depth_ = 0;
  bool saw_top_level_object_ = false;
  std::string current_key_;
  EventBody body_;
  std::optional<InvalidEvent> failure_;
};

}  // namespace

std::string_view describe(EventBodyMember::Kind kind) {
  switch (kind) {
    case EventBodyMember::Kind::string:
      return "a string";
    case EventBodyMember::Kind::number:
      return "a number";
    case EventBodyMember::Kind::boolean:
      return "a boolean";
    case EventBodyMember::Kind::null:
      return "null";
    case EventBodyMember::Kind::object:
      return "an object";
    case EventBodyMember::Kind::array:
      return "an array";
  }
  return "a value";
}

const EventBodyMember* EventBody::find(std::string_view name) const {
  const auto found = members.find(name);
  return found == members.end() ? nullptr : &found->second;
}

std::variant<EventBody, InvalidEvent> parse_event_body(std::string_view json_text) {
  TopLevelMemberCollector collector;
  // strict: trailing data after the object is an error; a failed callback stops the parse.
  json::sax_parse(json_text.begin(), json_text.end(), &collector, json::input_format_t::json, true);
  return std::move(collector).result();
}

}  // namespace pricefeed::host
