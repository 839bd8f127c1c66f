// parse_binance_stream_frame on every recorded frame in tests/fixtures/binance/stream and on the ways a
// frame can be broken: cut short at any byte, fields missing, of another type, out of range.

#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "binance/BinanceFormatError.hpp"
#include "binance/BinanceStreamFrame.hpp"
#include "tests/plugins/support/Fixtures.hpp"

namespace pricefeed::binance {
namespace {

using plugins::test::fixture_names;
using plugins::test::read_fixture;
using ::testing::HasSubstr;
using Kind = BinanceStreamFrame::Kind;

std::string stream_fixture(const std::string& name) {
  return read_fixture("binance/stream", name);
}

// A mini ticker frame with `data` as given.
std::string mini_ticker_with(const std::string& data) {
  return R"({"stream":"btcusdt@miniTicker","data":{)" + data + "}}";
}

const std::string kData = R"("e":"24hrMiniTicker","E":1601628771865,"s":"BTCUSDT","c":"10456.56000000")";

std::string error_of(const std::string& frame) {
  try {
    parse_binance_stream_frame(frame);
  } catch (const BinanceFormatError& e) {
    return e.what();
  }
  return "";
}

TEST(BinanceStreamFrame, ReadsTheRecordedMiniTicker) {
  const std::string text = stream_fixture("combined_btcusdt_miniTicker.json");
  const BinanceStreamFrame frame = parse_binance_stream_frame(text);
  EXPECT_EQ(frame.kind, Kind::mini_ticker);
  EXPECT_EQ(frame.pair, "BTCUSDT");
  EXPECT_DOUBLE_EQ(frame.close, 10456.56);
  EXPECT_EQ(frame.event_ms, 1'601'628'771'865);
}

TEST(BinanceStreamFrame, ReadsTheRecordedAcknowledgement) {
  const std::string text = stream_fixture("subscribe_result.json");
  const BinanceStreamFrame frame = parse_binance_stream_frame(text);
  EXPECT_EQ(frame.kind, Kind::acknowledgement);
  EXPECT_EQ(frame.request_id, "2");
}

TEST(BinanceStreamFrame, ReadsARefusalNestedAsBinanceSendsItAndFlatAsItsDocsWordIt) {
  const std::string nested_text = stream_fixture("subscribe_error_invalid_stream.THIRD-PARTY.json");
  const BinanceStreamFrame nested = parse_binance_stream_frame(nested_text);
  EXPECT_EQ(nested.kind, Kind::refusal);
  EXPECT_EQ(nested.code, 2);
  EXPECT_EQ(nested.message, "Invalid request: invalid stream");
  EXPECT_EQ(nested.request_id, "1");

  const BinanceStreamFrame flat =
      parse_binance_stream_frame(R"({"code": 0, "msg": "Unknown property","id": "a1"})");
  EXPECT_EQ(flat.kind, Kind::refusal);
  EXPECT_EQ(flat.code, 0);
  EXPECT_EQ(flat.message, "Unknown property");
  EXPECT_EQ(flat.request_id, R"("a1")");

  const BinanceStreamFrame no_id =
      parse_binance_stream_frame(R"({"code": 3, "msg": "Invalid JSON: expected value at line 1 column 1"})");
  EXPECT_EQ(no_id.kind, Kind::refusal);
  EXPECT_EQ(no_id.request_id, "");
}

TEST(BinanceStreamFrame, ReadsTheDocumentedServerShutdown) {
  const std::string text = stream_fixture("server_shutdown_combined.DOCS.json");
  const BinanceStreamFrame frame = parse_binance_stream_frame(text);
  EXPECT_EQ(frame.kind, Kind::server_shutdown);
  EXPECT_EQ(frame.event_ms, 1'770'123'456'789);
}

TEST(BinanceStreamFrame, MembersMayComeInAnyOrderAndUnknownOnesArePassedOver) {
  const BinanceStreamFrame frame = parse_binance_stream_frame(
      R"( { "data" : { "x" : [1, {"y": null}, -2.5e-3, true, false, "\u00e9\n"], "c":"1.5", "s":"BTCUSDT",)"
      R"( "E":1, "e":"24hrMiniTicker" }, "new":{}, "stream":"btcusdt@miniTicker" } )"
      "\r\n");
  EXPECT_EQ(frame.kind, Kind::mini_ticker);
  EXPECT_DOUBLE_EQ(frame.close, 1.5);
  EXPECT_EQ(frame.event_ms, 1);
}

TEST(BinanceStreamFrame, EveryRecordedFrameCutShortIsRefused) {
  for (const std::string& name : fixture_names("binance/stream", "", ".json")) {
    std::string text = stream_fixture(name);
    while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
      text.pop_back();
    for (std::size_t length = 0; length < text.size(); ++length) {
      EXPECT_THROW(parse_binance_stream_frame(text.substr(0, length)), BinanceFormatError)
          << name << " cut at " << length;
    }
  }
}

TEST(BinanceStreamFrame, RefusesMissingFieldsNamingThem) {
  EXPECT_THAT(error_of(mini_ticker_with(R"("e":"24hrMiniTicker","E":1,"s":"BTCUSDT")")),
              HasSubstr("data.c: missing"));
  EXPECT_THAT(error_of(mini_ticker_with(R"("e":"24hrMiniTicker","E":1,"c":"1")")),
              HasSubstr("data.s: missing"));
  EXPECT_THAT(error_of(mini_ticker_with(R"("e":"24hrMiniTicker","s":"BTCUSDT","c":"1")")),
              HasSubstr("data.E: missing"));
  EXPECT_THAT(error_of(mini_ticker_with(R"("E":1,"s":"BTCUSDT","c":"1")")), HasSubstr("data.e: missing"));
  EXPECT_THAT(error_of(R"({"stream":"btcusdt@miniTicker"})"), HasSubstr("data: missing"));
  EXPECT_THAT(error_of(R"({"data":{)" + kData + "}}"), HasSubstr("stream: missing"));
  EXPECT_THAT(error_of(R"({"result":null})"), HasSubstr("id: missing"));
  EXPECT_THAT(error_of(R"({"error":{"code":2},"id":1})"), HasSubstr("error: expected a code and a msg"));
  EXPECT_THAT(error_of(R"({"id":1})"), HasSubstr("expected a stream event"));
  EXPECT_THAT(error_of("{}"), HasSubstr("expected a stream event"));
}

TEST(BinanceStreamFrame, RefusesFieldsOfAnotherType) {
  EXPECT_THAT(error_of(mini_ticker_with(R"("e":"24hrMiniTicker","E":1,"s":"BTCUSDT","c":10456.56)")),
              HasSubstr("data.c: expected a string, got '1'"));
  EXPECT_THAT(error_of(mini_ticker_with(R"("e":"24hrMiniTicker","E":"1","s":"BTCUSDT","c":"1")")),
              HasSubstr("data.E: expected an integer"));
  EXPECT_THAT(error_of(mini_ticker_with(R"("e":"24hrMiniTicker","E":1.5,"s":"BTCUSDT","c":"1")")),
              HasSubstr("data.E: expected an integer"));
  EXPECT_THAT(error_of(mini_ticker_with(R"("e":"24hrMiniTicker","E":1,"s":null,"c":"1")")),
              HasSubstr("data.s: expected a string"));
  EXPECT_THAT(error_of(R"({"stream":"btcusdt@miniTicker","data":[]})"),
              HasSubstr("data: expected an object"));
  EXPECT_THAT(error_of(R"({"stream":7,"data":{)" + kData + "}}"), HasSubstr("stream: expected a string"));
  EXPECT_THAT(error_of(R"({"error":{"code":"2","msg":"x"},"id":1})"),
              HasSubstr("error.code: expected an integer"));
  EXPECT_THAT(error_of("[]"), HasSubstr("the frame: expected an object"));
  EXPECT_THAT(error_of(""), HasSubstr("the frame: expected an object, but the frame ends at byte 0"));
}

TEST(BinanceStreamFrame, RefusesNumbersOutOfRange) {
  EXPECT_THAT(
      error_of(mini_ticker_with(R"("e":"24hrMiniTicker","E":99999999999999999999,"s":"BTCUSDT","c":"1")")),
      HasSubstr("data.E: expected an integer of 64 bits"));
  EXPECT_THAT(
      error_of(mini_ticker_with(R"("e":"24hrMiniTicker","E":9223372036854775808,"s":"BTCUSDT","c":"1")")),
      HasSubstr("data.E: expected an integer of 64 bits"));
  EXPECT_THAT(error_of(mini_ticker_with(R"("e":"24hrMiniTicker","E":0,"s":"BTCUSDT","c":"1")")),
              HasSubstr("data.E: expected a positive time"));
  EXPECT_THAT(error_of(mini_ticker_with(R"("e":"24hrMiniTicker","E":-5,"s":"BTCUSDT","c":"1")")),
              HasSubstr("data.E: expected a positive time"));
  EXPECT_THAT(error_of(mini_ticker_with(R"("e":"24hrMiniTicker","E":01,"s":"BTCUSDT","c":"1")")),
              HasSubstr("data.E: expected an integer without leading zeros"));
  for (const std::string& close :
       std::vector<std::string>{"1e400", std::string(400, '9'), "NaN", "inf", "0", "0.000", "-1", "1.", ".5",
                                "1,5", " 1", "", "1\\u0030"}) {
    EXPECT_THAT(
        error_of(mini_ticker_with(R"("e":"24hrMiniTicker","E":1,"s":"BTCUSDT","c":")" + close + "\"")),
        HasSubstr("data.c: expected a positive decimal string"))
        << close;
  }
  const BinanceStreamFrame largest = parse_binance_stream_frame(
      mini_ticker_with(R"("e":"24hrMiniTicker","E":9223372036854775807,"s":"BTCUSDT","c":"1")"));
  EXPECT_EQ(largest.event_ms, 9'223'372'036'854'775'807);
}

TEST(BinanceStreamFrame, RefusesAPairThatIsNotBinancesOrNotItsStreams) {
  EXPECT_THAT(error_of(mini_ticker_with(R"("e":"24hrMiniTicker","E":1,"s":"btcusdt","c":"1")")),
              HasSubstr("data.s: expected a Binance pair"));
  EXPECT_THAT(error_of(R"({"stream":"ethusdt@miniTicker","data":{)" + kData + "}}"),
              HasSubstr("stream: expected the miniTicker stream of BTCUSDT, got 'ethusdt@miniTicker'"));
  EXPECT_THAT(error_of(R"({"stream":"btcusdt@miniticker","data":{)" + kData + "}}"),
              HasSubstr("stream: expected the miniTicker stream of BTCUSDT"));
}

TEST(BinanceStreamFrame, RefusesEventsOfStreamsNotSubscribedTo) {
  EXPECT_THAT(error_of(R"({"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","p":"1"}})"),
              HasSubstr("data.e: expected 24hrMiniTicker (the only stream subscribed to), got 'trade'"));
  EXPECT_THAT(error_of(R"({"stream":"!serverShutdown","data":{"e":"24hrMiniTicker","E":1}})"),
              HasSubstr("data.e: expected serverShutdown"));
}

TEST(BinanceStreamFrame, RefusesAFieldGivenTwice) {
  EXPECT_THAT(error_of(mini_ticker_with(kData + R"(,"c":"2")")), HasSubstr("data.c: appears twice"));
  EXPECT_THAT(error_of(R"({"result":null,"result":null,"id":1})"), HasSubstr("result: appears twice"));
}

TEST(BinanceStreamFrame, RefusesWhatIsNotJson) {
  EXPECT_THAT(error_of(mini_ticker_with(kData) + "x"), HasSubstr("nothing after the JSON value"));
  EXPECT_THAT(error_of(mini_ticker_with(kData + ",")), HasSubstr("data: expected a string, got '}'"));
  EXPECT_THAT(error_of(mini_ticker_with(kData + R"(,"o":tru)")), HasSubstr("data: expected true"));
  EXPECT_THAT(error_of(mini_ticker_with(kData + R"(,"o":01)")), HasSubstr("data: expected ','"));
  EXPECT_THAT(error_of(mini_ticker_with(kData + R"(,"o":-)")), HasSubstr("data: expected a JSON value"));
  EXPECT_THAT(error_of(mini_ticker_with(kData + R"(,"o":"a\x")")),
              HasSubstr("data: expected an escape of JSON's"));
  EXPECT_THAT(error_of(mini_ticker_with(kData + ",\"o\":\"a\tb\"")),
              HasSubstr("data: expected a string without control characters"));
  EXPECT_THAT(error_of(mini_ticker_with(kData + R"(,"o":[1,])")), HasSubstr("data: expected a JSON value"));
  EXPECT_THAT(error_of(mini_ticker_with(kData + R"(,"o":{"a" 1})")), HasSubstr("data: expected ':'"));
  EXPECT_THAT(error_of(mini_ticker_with(kData + R"(,"o":)" + std::string(40, '[') + std::string(40, ']'))),
              HasSubstr("at most 32 levels of nesting"));
}

}  // namespace
}  // namespace pricefeed::binance
