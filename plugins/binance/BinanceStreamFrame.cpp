#include "binance/BinanceStreamFrame.hpp"

#include <optional>
#include <string>

#include "binance/BinanceDecimal.hpp"
#include "binance/BinanceFormatError.hpp"
#include "binance/BinanceJsonScanner.hpp"
#include "binance/BinancePair.hpp"

namespace pricefeed::binance {

namespace {

constexpr std::string_view kMiniTickerSuffix = "@miniTicker";
constexpr std::string_view kServerShutdownStream = "!serverShutdown";

// The members of "data" that any event read here needs.
struct EventFields {
  std::optional<std::string_view> type;   // e
  std::optional<std::int64_t> time_ms;    // E
  std::optional<std::string_view> pair;   // s
  std::optional<std::string_view> close;  // c
};

// A member read twice would leave the frame's meaning to the order of reading.
template <class T>
void once(std::optional<T>& field, std::string_view path) {
  if (field) throw BinanceFormatError(std::string(path) + ": appears twice");
}

EventFields event_fields(BinanceJsonScanner& scanner) {
  EventFields out;
  scanner.begin_object("data");
  bool first = true;
  std::string_view key;
  while (scanner.next_member(first, key, "data")) {
    if (key == "e") {
      once(out.type, "data.e");
      out.type = scanner.string("data.e");
    } else if (key == "E") {
      once(out.time_ms, "data.E");
      out.time_ms = scanner.integer("data.E");
    } else if (key == "s") {
      once(out.pair, "data.s");
      out.pair = scanner.string("data.s");
    } else if (key == "c") {
      once(out.close, "data.c");
      out.close = scanner.string("data.c");
    } else {
      scanner.skip_value("data");
    }
  }
  return out;
}

struct RefusalFields {
  std::optional<std::int64_t> code;
  std::optional<std::string_view> message;
};

void read_refusal_member(BinanceJsonScanner& scanner, std::string_view key, RefusalFields& out,
                         std::string_view code_path, std::string_view msg_path, std::string_view path) {
  if (key == "code") {
    once(out.code, code_path);
    out.code = scanner.integer(code_path);
  } else if (key == "msg") {
    once(out.message, msg_path);
    out.message = scanner.string(msg_path);
  } else {
    scanner.skip_value(path);
  }
}

RefusalFields nested_refusal(BinanceJsonScanner& scanner) {
  RefusalFields out;
  scanner.begin_object("error");
  bool first = true;
  std::string_view key;
  while (scanner.next_member(first, key, "error"))
    read_refusal_member(scanner, key, out, "error.code", "error.msg", "error");
  if (!out.code || !out.message) throw BinanceFormatError("error: expected a code and a msg");
  return out;
}

template <class T>
T required(const std::optional<T>& field, std::string_view path) {
  if (!field) throw BinanceFormatError(std::string(path) + ": missing");
  return *field;
}

std::int64_t event_time(const EventFields& data) {
  const std::int64_t ms = required(data.time_ms, "data.E");
  if (ms <= 0)
    throw BinanceFormatError("data.E: expected a positive time in milliseconds, got " + std::to_string(ms));
  return ms;
}

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// "btcusdt@miniTicker" for the pair BTCUSDT: the stream a mini ticker of that pair arrives on.
bool is_mini_ticker_stream_of(std::string_view stream, std::string_view pair) {
  if (stream.size() != pair.size() + kMiniTickerSuffix.size() || !stream.ends_with(kMiniTickerSuffix)) {
    return false;
  }
  for (std::size_t i = 0; i < pair.size(); ++i) {
    if (stream[i] != lower(pair[i])) return false;
  }
  return true;
}

BinanceStreamFrame mini_ticker(std::string_view stream, const EventFields& data) {
  const std::string_view type = required(data.type, "data.e");
  if (type != "24hrMiniTicker") {
    throw BinanceFormatError("data.e: expected 24hrMiniTicker (the only stream subscribed to), got '" +
                             std::string(type) + "'");
  }
  BinanceStreamFrame out;
  out.kind = BinanceStreamFrame::Kind::mini_ticker;
  out.pair = required(data.pair, "data.s");
  if (!is_binance_pair(out.pair)) {
    throw BinanceFormatError("data.s: expected a Binance pair (2 to 20 of A-Z 0-9), got '" +
                             std::string(out.pair) + "'");
  }
  if (!is_mini_ticker_stream_of(stream, out.pair)) {
    throw BinanceFormatError("stream: expected the miniTicker stream of " + std::string(out.pair) +
                             ", got '" + std::string(stream) + "'");
  }
  const std::string_view close = required(data.close, "data.c");
  const std::optional<double> price = parse_binance_decimal(close);
  if (!price || !(*price > 0)) {
    throw BinanceFormatError("data.c: expected a positive decimal string, got '" + std::string(close) + "'");
  }
  out.close = *price;
  out.event_ms = event_time(data);
  return out;
}

BinanceStreamFrame server_shutdown(const EventFields& data) {
  const std::string_view type = required(data.type, "data.e");
  if (type != "serverShutdown") {
    throw BinanceFormatError("data.e: expected serverShutdown on the !serverShutdown stream, got '" +
                             std::string(type) + "'");
  }
  BinanceStreamFrame out;
  out.kind = BinanceStreamFrame::Kind::server_shutdown;
  out.event_ms = event_time(data);
  return out;
}

}  // namespace

BinanceStreamFrame parse_binance_stream_frame(std::string_view frame) {
  BinanceJsonScanner scanner(frame);
  std::optional<std::string_view> stream, id;
  std::optional<EventFields> data;
  std::optional<RefusalFields> nested;
  RefusalFields flat;
  bool has_result = false;

  scanner.begin_object("the frame");
  bool first = true;
  std::string_view key;
  while (scanner.next_member(first, key, "the frame")) {
    if (key == "stream") {
      once(stream, "stream");
      stream = scanner.string("stream");
    } else if (key == "data") {
      once(data, "data");
      data = event_fields(scanner);
    } else if (key == "id") {
      once(id, "id");
      id = scanner.skip_value("id");
    } else if (key == "result") {
      if (has_result) throw BinanceFormatError("result: appears twice");
      has_result = true;
      scanner.skip_value("result");
    } else if (key == "error") {
      once(nested, "error");
      nested = nested_refusal(scanner);
    } else {
      read_refusal_member(scanner, key, flat, "code", "msg", "the frame");
    }
  }
  scanner.end();

  if (stream || data) {
    const std::string_view name = required(stream, "stream");
    const EventFields& fields = required(data, "data");
    return name == kServerShutdownStream ? server_shutdown(fields) : mini_ticker(name, fields);
  }
  if (nested || flat.code || flat.message) {
    const RefusalFields& refusal = nested ? *nested : flat;
    BinanceStreamFrame out;
    out.kind = BinanceStreamFrame::Kind::refusal;
    out.code = required(refusal.code, "code");
    out.message = required(refusal.message, "msg");
    out.request_id = id.value_or("");
    return out;
  }
  if (has_result) {
    BinanceStreamFrame out;
    out.kind = BinanceStreamFrame::Kind::acknowledgement;
    out.request_id = required(id, "id");
    return out;
  }
  throw BinanceFormatError(
      "the frame: expected a stream event (stream and data), an acknowledgement (result and id) or an "
      "error");
}

}  // namespace pricefeed::binance
