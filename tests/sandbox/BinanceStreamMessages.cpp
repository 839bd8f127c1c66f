#include "tests/sandbox/BinanceStreamMessages.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace pricefeed::sandbox {

namespace {

using json = nlohmann::json;

std::string invalid_request(std::string_view why, const json& id) {
  return stream_error(2, "Invalid request: " + std::string(why), id);
}

bool valid_id(const json& id) {
  if (id.is_null() || id.is_number_integer()) return true;
  if (!id.is_string()) return false;
  const auto& s = id.get_ref<const std::string&>();
  return !s.empty() && s.size() <= 36 &&
         std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isalnum(c) != 0; });
}

// Binance's text for JSON it cannot read names the line and column (1-based) where reading stopped.
std::string invalid_json(std::string_view text, std::size_t byte) {
  byte = std::min(byte, text.size());
  std::size_t line = 1, column = 1;
  for (std::size_t i = 0; i + 1 < byte; ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return stream_error(
      3, "Invalid JSON: expected value at line " + std::to_string(line) + " column " + std::to_string(column),
      nullptr);
}

void append_int(std::string& out, std::int64_t value) {
  char digits[24];
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, value);
  out.append(digits, end);
}

}  // namespace

std::variant<StreamRequest, std::string> parse_stream_request(std::string_view text) {
  json message;
  try {
    message = json::parse(text);
  } catch (const json::parse_error& e) {
    return invalid_json(text, e.byte);
  }
  if (!message.is_object()) return invalid_request("expected an object", nullptr);
  const json id = message.value("id", json(nullptr));
  if (!message.contains("id") || !valid_id(id))
    return invalid_request("request ID must be an unsigned integer", nullptr);
  if (!message.contains("method")) return invalid_request("missing field `method`", id);
  if (!message["method"].is_string()) return invalid_request("method must be a string", id);

  StreamRequest request;
  request.id = id;
  request.method_name = message["method"].get<std::string>();
  if (request.method_name == "SUBSCRIBE") {
    request.method = StreamRequest::Method::subscribe;
  } else if (request.method_name == "UNSUBSCRIBE") {
    request.method = StreamRequest::Method::unsubscribe;
  } else if (request.method_name == "LIST_SUBSCRIPTIONS") {
    request.method = StreamRequest::Method::list_subscriptions;
    if (message.contains("params")) return invalid_request("too many parameters", id);
    return request;
  } else {
    // SET_PROPERTY and GET_PROPERTY are Binance's too; the sandbox's stream is always combined.
    return invalid_request("unknown variant `" + request.method_name +
                               "`, expected one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`",
                           id);
  }
  const json params = message.value("params", json(nullptr));
  if (!params.is_array()) return invalid_request("params must be a list of stream names", id);
  for (const json& p : params) {
    if (!p.is_string() || !well_formed_stream(p.get_ref<const std::string&>()))
      return invalid_request("invalid stream", id);
    request.params.push_back(p.get<std::string>());
  }
  return request;
}

std::string stream_result(const json& id) {
  return json{{"result", nullptr}, {"id", id}}.dump();
}

std::string stream_result(const std::vector<std::string>& streams, const json& id) {
  return json{{"result", streams}, {"id", id}}.dump();
}

std::string stream_error(int code, std::string_view msg, const json& id) {
  return json{{"error", {{"code", code}, {"msg", msg}}}, {"id", id}}.dump();
}

bool well_formed_stream(std::string_view stream) {
  const auto at = stream.find('@');
  if (at == 0 || at == std::string_view::npos || at + 1 == stream.size() || stream.size() > 100) return false;
  const auto symbol = stream.substr(0, at);
  return std::all_of(symbol.begin(), symbol.end(),
                     [](unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); });
}

std::optional<std::string> mini_ticker_pair(std::string_view stream) {
  constexpr std::string_view kSuffix = "@miniTicker";
  if (!well_formed_stream(stream) || !stream.ends_with(kSuffix)) return std::nullopt;
  const auto symbol = stream.substr(0, stream.size() - kSuffix.size());
  if (symbol.find('@') != std::string_view::npos) return std::nullopt;
  return to_upper(symbol);
}

std::string mini_ticker_stream(std::string_view symbol_or_stream) {
  std::string symbol(symbol_or_stream.substr(0, symbol_or_stream.find('@')));
  std::transform(symbol.begin(), symbol.end(), symbol.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return symbol + "@miniTicker";
}

void MiniTickerFrame::append_to(std::string& out, std::int64_t event_ms) const {
  out += head;
  append_int(out, event_ms);
  out += tail;
}

std::string MiniTickerFrame::text(std::int64_t event_ms) const {
  std::string out;
  append_to(out, event_ms);
  return out;
}

MiniTickerFrame mini_ticker_frame(const BinancePair& pair, const RollingDay& day) {
  const std::string& symbol = pair.listing->pair;
  const int p = pair.instrument.price_hint;
  const int q = quantity_decimals(pair.instrument.anchor_price);
  MiniTickerFrame frame;
  frame.head = R"({"stream":")" + mini_ticker_stream(symbol) + R"(","data":{"e":"24hrMiniTicker","E":)";
  frame.tail = R"(,"s":")" + symbol + R"(","c":")" + binance_decimal(day.last, p) + R"(","o":")" +
               binance_decimal(day.open, p) + R"(","h":")" + binance_decimal(day.high, p) + R"(","l":")" +
               binance_decimal(day.low, p) + R"(","v":")" + binance_decimal(day.volume, q) + R"(","q":")" +
               binance_decimal(day.quote_volume, 8) + R"("}})";
  return frame;
}

std::string server_shutdown_frame(std::int64_t event_ms) {
  std::string out = R"({"stream":"!serverShutdown","data":{"e":"serverShutdown","E":)";
  append_int(out, event_ms);
  out += "}}";
  return out;
}

}  // namespace pricefeed::sandbox
