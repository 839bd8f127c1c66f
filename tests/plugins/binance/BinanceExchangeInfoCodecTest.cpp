// The compact form of exchangeInfo kept in the host's cache reads back as it was written, and a
// damaged entry is never read as a (shorter) list of pairs.

#include <gtest/gtest.h>

#include "binance/BinanceCatalog.hpp"
#include "binance/BinanceExchangeInfoCodec.hpp"
#include "binance/BinanceExchangeInfoParser.hpp"
#include "tests/plugins/support/Fixtures.hpp"

namespace pricefeed::binance {
namespace {

BinanceExchangeInfo sample() {
  BinanceExchangeInfo info;
  info.request_weight_per_minute = 6000;
  info.pairs = {{"BTCUSDT", "BTC", "USDT", "TRADING"},
                {"ETHBTC", "ETH", "BTC", "TRADING"},
                {"LUNAUSDT", "LUNA", "USDT", "BREAK"}};
  return info;
}

TEST(BinanceExchangeInfoCodec, ReadsBackWhatItWrote) {
  const std::string text = encode_exchange_info(sample());
  EXPECT_EQ(text,
            "pricefeed-binance-exchange-info 1\nrequest_weight_per_minute 6000\nBTCUSDT BTC USDT TRADING\n"
            "ETHBTC ETH BTC TRADING\nLUNAUSDT LUNA USDT BREAK\n");
  const auto info = decode_exchange_info(text);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->request_weight_per_minute, 6000u);
  ASSERT_EQ(info->pairs.size(), 3u);
  EXPECT_EQ(info->find("LUNAUSDT")->status, "BREAK");
  EXPECT_EQ(info->find("ETHBTC")->quote, "BTC");
}

TEST(BinanceExchangeInfoCodec, KeepsAnAbsentLimitAndNoPairs) {
  const auto info = decode_exchange_info(encode_exchange_info(BinanceExchangeInfo{}));
  ASSERT_TRUE(info);
  EXPECT_EQ(info->request_weight_per_minute, std::nullopt);
  EXPECT_TRUE(info->pairs.empty());
}

TEST(BinanceExchangeInfoCodec, TheRecordedAnswerSurvivesTheCache) {
  const auto parsed = parse_binance_exchange_info(
      plugins::test::read_fixture("binance", "http_spot_market_exchange_info.json"));
  const auto cached = decode_exchange_info(encode_exchange_info(parsed));
  ASSERT_TRUE(cached);
  EXPECT_EQ(cached->request_weight_per_minute, 1200u);
  EXPECT_EQ(binance_catalog(*cached, "USDT").size(), 2u);
}

TEST(BinanceExchangeInfoCodec, ADamagedEntryIsNotRead) {
  const std::string text = encode_exchange_info(sample());
  for (std::size_t size = 0; size < text.size(); ++size) {
    // Cut after a whole line it would still be well formed: the final newline marks the end.
    const std::string cut = text.substr(0, size);
    if (!cut.empty() && cut.back() == '\n') continue;
    EXPECT_EQ(decode_exchange_info(cut), std::nullopt) << "cut at " << size;
  }
  EXPECT_EQ(decode_exchange_info("pricefeed-binance-exchange-info 2\nrequest_weight_per_minute 6000\n"),
            std::nullopt);
  EXPECT_EQ(decode_exchange_info("pricefeed-binance-exchange-info 1\nrequest_weight_per_minute x\n"),
            std::nullopt);
  EXPECT_EQ(
      decode_exchange_info("pricefeed-binance-exchange-info 1\nrequest_weight_per_minute -\nBTCUSDT BTC\n"),
      std::nullopt);
  EXPECT_EQ(decode_exchange_info(
                "pricefeed-binance-exchange-info 1\nrequest_weight_per_minute -\nZ Z U T\nA A U T\n"),
            std::nullopt);  // unsorted
}

TEST(BinanceCatalog, ListsTradingPairsOfTheQuoteAssetAsTheirBaseCoin) {
  const auto assets = binance_catalog(sample(), "USDT");
  ASSERT_EQ(assets.size(), 1u);
  EXPECT_EQ(assets[0].symbol, "BTC");
  EXPECT_EQ(assets[0].source_id, "BTCUSDT");
  EXPECT_EQ(assets[0].name, "BTC");
  EXPECT_EQ(assets[0].asset_class, AssetClass::crypto);
  EXPECT_EQ(assets[0].exchange, "BINANCE");
  EXPECT_EQ(assets[0].currency, "USDT");
  EXPECT_EQ(assets[0].rank, 0);
  const auto in_btc = binance_catalog(sample(), "BTC");
  ASSERT_EQ(in_btc.size(), 1u);
  EXPECT_EQ(in_btc[0].symbol, "ETH");
}

}  // namespace
}  // namespace pricefeed::binance
