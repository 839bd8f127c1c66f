// The server's side of RFC 6455 framing, written out rather than taken from Beast's websocket::stream
// because the sandbox must misbehave on demand in ways a conforming stream will not let it: keep
// received pings unanswered while it stalls, drop the TCP connection without a close frame, send a
// frame that does not parse, and put many frames in one write (10,000 frames per second for the
// stream benchmark). Clients are real ones (Beast in the tests, the host in end-to-end runs), so every
// frame here is checked against a conforming implementation.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace pricefeed::sandbox::websocket {

enum class Opcode : std::uint8_t {
  continuation = 0x0,
  text = 0x1,
  binary = 0x2,
  close = 0x8,
  ping = 0x9,
  pong = 0xA,
};

// Close codes the sandbox sends (RFC 6455 section 7.4.1).
inline constexpr std::uint16_t kCloseGoingAway = 1001;
inline constexpr std::uint16_t kCloseProtocolError = 1002;
inline constexpr std::uint16_t kClosePolicyViolation = 1008;
inline constexpr std::uint16_t kCloseTooBig = 1009;

// Sec-WebSocket-Accept for a client's Sec-WebSocket-Key: base64(SHA-1(key + the RFC's GUID)).
std::string accept_key(std::string_view client_key);

// Appends one unfragmented, unmasked frame (what a server sends) to `out`.
void append_frame(std::string& out, Opcode opcode, std::string_view payload);
// The payload of a close frame: the code in network order, then the reason.
std::string close_payload(std::uint16_t code, std::string_view reason);

// One complete message from the client: a text message (fragments joined) or a control frame.
struct Message {
  Opcode opcode = Opcode::text;
  std::string payload;  // unmasked
};

// Reads client frames from bytes as they arrive. Client frames must be masked (RFC 6455 5.1); a
// violation, an unknown opcode or a message over the size limit makes `error()` say why, with the close
// code the server answers.
class FrameReader {
 public:
  explicit FrameReader(std::size_t max_message_bytes = 1 << 20) : max_message_(max_message_bytes) {}

  void feed(std::string_view bytes) { buffer_.append(bytes); }
  // The next complete message, or nullopt until more bytes arrive (or after an error).
  std::optional<Message> next();

  struct Error {
    std::uint16_t close_code = kCloseProtocolError;
    std::string reason;
  };
  const std::optional<Error>& error() const { return error_; }

 private:
  std::optional<Message> fail(std::uint16_t code, std::string reason);

  std::size_t max_message_;
  std::string buffer_;
  std::string fragments_;  // a text or binary message whose final frame has not come yet
  std::optional<Opcode> fragmented_;
  std::optional<Error> error_;
};

}  // namespace pricefeed::sandbox::websocket
