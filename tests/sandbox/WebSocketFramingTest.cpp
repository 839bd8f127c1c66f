// The hand-written RFC 6455 framing: the handshake key, frame headers of every length class, and the
// reading of masked, fragmented and broken client frames.
#include <gtest/gtest.h>

#include "tests/sandbox/WebSocketFraming.hpp"

namespace pricefeed::sandbox::websocket {
namespace {

// A client frame: masked with a fixed key.
std::string client_frame(std::uint8_t first_byte, const std::string& payload, bool masked = true) {
  std::string out;
  out.push_back(static_cast<char>(first_byte));
  const std::size_t n = payload.size();
  const char mask_bit = masked ? static_cast<char>(0x80) : 0;
  if (n < 126) {
    out.push_back(static_cast<char>(mask_bit | static_cast<char>(n)));
  } else {
    out.push_back(static_cast<char>(mask_bit | 126));
    out.push_back(static_cast<char>(n >> 8));
    out.push_back(static_cast<char>(n & 0xFF));
  }
  const char key[4] = {0x12, 0x34, 0x56, 0x78};
  if (masked) out.append(key, 4);
  for (std::size_t i = 0; i < n; ++i)
    out.push_back(masked ? static_cast<char>(payload[i] ^ key[i % 4]) : payload[i]);
  return out;
}

TEST(WebSocketFramingTest, AcceptKeyIsTheRfcExample) {
  EXPECT_EQ(accept_key("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");  // RFC 6455 1.3
}

TEST(WebSocketFramingTest, FrameHeadersUseTheShortestLengthForm) {
  for (const auto& [size, header] :
       {std::pair<std::size_t, std::size_t>{125, 2}, {126, 4}, {65535, 4}, {65536, 10}}) {
    std::string out;
    append_frame(out, Opcode::text, std::string(size, 'x'));
    EXPECT_EQ(out.size(), size + header) << size;
    EXPECT_EQ(static_cast<std::uint8_t>(out[0]), 0x81);
  }
}

TEST(WebSocketFramingTest, ReaderUnmasksTextAndJoinsFragments) {
  FrameReader reader;
  const std::string whole = client_frame(0x81, R"({"method":"LIST_SUBSCRIPTIONS","id":1})");
  reader.feed(whole.substr(0, 5));
  EXPECT_FALSE(reader.next());
  reader.feed(whole.substr(5));
  auto m = reader.next();
  ASSERT_TRUE(m);
  EXPECT_EQ(m->opcode, Opcode::text);
  EXPECT_EQ(m->payload, R"({"method":"LIST_SUBSCRIPTIONS","id":1})");

  reader.feed(client_frame(0x01, "hel") + client_frame(0x89, "p") + client_frame(0x80, "lo"));
  auto ping = reader.next();  // a control frame may come between fragments
  ASSERT_TRUE(ping);
  EXPECT_EQ(ping->opcode, Opcode::ping);
  auto joined = reader.next();
  ASSERT_TRUE(joined);
  EXPECT_EQ(joined->payload, "hello");
  EXPECT_FALSE(reader.error());
}

TEST(WebSocketFramingTest, ReaderReadsTheSixteenBitLength) {
  FrameReader reader;
  const std::string payload(300, 'a');
  reader.feed(client_frame(0x81, payload));
  auto m = reader.next();
  ASSERT_TRUE(m);
  EXPECT_EQ(m->payload, payload);
}

TEST(WebSocketFramingTest, UnmaskedClientFrameIsAProtocolError) {
  FrameReader reader;
  reader.feed(client_frame(0x81, "x", false));
  EXPECT_FALSE(reader.next());
  ASSERT_TRUE(reader.error());
  EXPECT_EQ(reader.error()->close_code, kCloseProtocolError);
}

TEST(WebSocketFramingTest, MessageOverTheLimitIsRefusedAsTooBig) {
  FrameReader reader(100);
  reader.feed(client_frame(0x81, std::string(200, 'x')));
  EXPECT_FALSE(reader.next());
  ASSERT_TRUE(reader.error());
  EXPECT_EQ(reader.error()->close_code, kCloseTooBig);
}

}  // namespace
}  // namespace pricefeed::sandbox::websocket
