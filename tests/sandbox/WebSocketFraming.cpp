#include "tests/sandbox/WebSocketFraming.hpp"

#include <array>

#include <openssl/evp.h>
#include <openssl/sha.h>

namespace pricefeed::sandbox::websocket {

std::string accept_key(std::string_view client_key) {
  const std::string keyed = std::string(client_key) + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
  std::array<unsigned char, SHA_DIGEST_LENGTH> digest{};
  SHA1(reinterpret_cast<const unsigned char*>(keyed.data()), keyed.size(), digest.data());
  std::array<unsigned char, 4 * ((SHA_DIGEST_LENGTH + 2) / 3) + 1> text{};
  const int n = EVP_EncodeBlock(text.data(), digest.data(), static_cast<int>(digest.size()));
  return std::string(reinterpret_cast<const char*>(text.data()), static_cast<std::size_t>(n));
}

void append_frame(std::string& out, Opcode opcode, std::string_view payload) {
  out.push_back(static_cast<char>(0x80 | static_cast<std::uint8_t>(opcode)));  // FIN, no RSV bits
  const std::uint64_t n = payload.size();
  if (n < 126) {
    out.push_back(static_cast<char>(n));
  } else if (n <= 0xFFFF) {
    out.push_back(static_cast<char>(126));
    out.push_back(static_cast<char>(n >> 8));
    out.push_back(static_cast<char>(n & 0xFF));
  } else {
    out.push_back(static_cast<char>(127));
    for (int shift = 56; shift >= 0; shift -= 8)
      out.push_back(static_cast<char>((n >> shift) & 0xFF));
  }
  out.append(payload);
}

std::string close_payload(std::uint16_t code, std::string_view reason) {
  std::string out;
  out.push_back(static_cast<char>(code >> 8));
  out.push_back(static_cast<char>(code & 0xFF));
  out.append(reason.substr(0, 123));  // a control frame's payload is at most 125 bytes
  return out;
}

std::optional<Message> FrameReader::fail(std::uint16_t code, std::string reason) {
  error_ = Error{code, std::move(reason)};
  return std::nullopt;
}

std::optional<Message> FrameReader::next() {
  while (!error_) {
    if (buffer_.size() < 2) return std::nullopt;
    const auto byte = [&](std::size_t i) { return static_cast<std::uint8_t>(buffer_[i]); };
    const bool fin = (byte(0) & 0x80) != 0;
    if ((byte(0) & 0x70) != 0) return fail(kCloseProtocolError, "RSV bits set without an extension");
    const auto opcode = static_cast<Opcode>(byte(0) & 0x0F);
    const bool masked = (byte(1) & 0x80) != 0;
    if (!masked) return fail(kCloseProtocolError, "client frame not masked");
    std::uint64_t length = byte(1) & 0x7F;
    std::size_t header = 2;
    if (length == 126) {
      if (buffer_.size() < 4) return std::nullopt;
      length = (std::uint64_t{byte(2)} << 8) | byte(3);
      header = 4;
    } else if (length == 127) {
      if (buffer_.size() < 10) return std::nullopt;
      length = 0;
      for (std::size_t i = 2; i < 10; ++i)
        length = (length << 8) | byte(i);
      header = 10;
    }
    const bool control = (static_cast<std::uint8_t>(opcode) & 0x08) != 0;
    if (control && (!fin || length > 125)) return fail(kCloseProtocolError, "bad control frame");
    if (length > max_message_ || fragments_.size() + length > max_message_)
      return fail(kCloseTooBig, "message too big");
    if (buffer_.size() < header + 4 + length) return std::nullopt;
    const std::size_t mask_at = header;
    std::string payload = buffer_.substr(header + 4, static_cast<std::size_t>(length));
    for (std::size_t i = 0; i < payload.size(); ++i)
      payload[i] = static_cast<char>(payload[i] ^ buffer_[mask_at + i % 4]);
    buffer_.erase(0, header + 4 + static_cast<std::size_t>(length));

    switch (opcode) {
      case Opcode::close:
      case Opcode::ping:
      case Opcode::pong:
        return Message{opcode, std::move(payload)};
      case Opcode::text:
      case Opcode::binary:
        if (fragmented_) return fail(kCloseProtocolError, "new message inside a fragmented one");
        if (fin) return Message{opcode, std::move(payload)};
        fragmented_ = opcode;
        fragments_ = std::move(payload);
        continue;
      case Opcode::continuation:
        if (!fragmented_) return fail(kCloseProtocolError, "continuation without a message");
        fragments_ += payload;
        if (!fin) continue;
        {
          Message m{*fragmented_, std::move(fragments_)};
          fragmented_.reset();
          fragments_.clear();
          return m;
        }
    }
    return fail(kCloseProtocolError, "unknown opcode");
  }
  return std::nullopt;
}

}  // namespace pricefeed::sandbox::websocket
