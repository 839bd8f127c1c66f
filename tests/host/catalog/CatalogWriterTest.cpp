// write_catalog on a real PostgreSQL: new listings inserted, existing rows updated only when the
// catalog changes them, other sources' ids kept, and a second identical write touching nothing.
#include "host/catalog/CatalogWriter.hpp"

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

AssetListing entry(std::string asset_class, std::string symbol, std::string name,
                   std::map<std::string, std::string> source_ids, std::string currency = "USD") {
  return {require_asset_class(asset_class),
          std::move(symbol),
          std::move(name),
          "NMS",
          std::move(currency),
          std::move(source_ids)};
}

class CatalogWriterTest : public ::testing::Test {
 protected:
  CatalogWriteSummary write(const std::vector<AssetListing>& entries,
                            const std::vector<std::string>& answered = {}) {
    pqxx::work tx(*connection_);
    auto summary = write_catalog(tx, entries, answered);
    tx.commit();
    return summary;
  }
  pqxx::result query(const std::string& sql) {
    pqxx::work tx(*connection_);
    return tx.exec(sql);
  }

  test::TestDatabase db_;
  std::unique_ptr<pqxx::connection> connection_ = db_.connect();
};

TEST_F(CatalogWriterTest, NewListingsAreInsertedWithTheirSourceIds) {
  auto summary =
      write({entry("stock", "AAPL", "Apple Inc.", {{"yahoo", "AAPL"}}),
             entry("crypto", "BTC", "Bitcoin", {{"binance", "BTCUSDT"}, {"coingecko", "bitcoin"}})});
  EXPECT_EQ(summary.inserted, 2u);
  EXPECT_EQ(summary.updated, 0u);
  auto row =
      query("SELECT name, exchange, currency, source_ids::text, active FROM assets WHERE symbol = 'BTC'");
  ASSERT_EQ(row.size(), 1u);
  EXPECT_EQ(row[0][0].as<std::string>(), "Bitcoin");
  EXPECT_EQ(row[0][3].as<std::string>(), R"({"binance": "BTCUSDT", "coingecko": "bitcoin"})");
  EXPECT_TRUE(row[0][4].as<bool>());
}

TEST_F(CatalogWriterTest, WritingTheSameCatalogTwiceChangesNoRow) {
  const std::vector<AssetListing> catalog = {
      entry("stock", "MSFT", "Microsoft Corporation", {{"yahoo", "MSFT"}}),
      entry("bond", "AGG", "iShares Core US Aggregate Bond ETF", {{"yahoo", "AGG"}})};
  write(catalog);
  auto before = query("SELECT symbol, xmin::text, updated_at FROM assets ORDER BY symbol");
  auto summary = write(catalog);
  EXPECT_EQ(summary.inserted, 0u);
  EXPECT_EQ(summary.updated, 0u);
  EXPECT_EQ(summary.unchanged, 2u);
  auto after = query("SELECT symbol, xmin::text, updated_at FROM assets ORDER BY symbol");
  ASSERT_EQ(after.size(), before.size());
  for (std::size_t i = 0; i < after.size(); ++i) {
    EXPECT_EQ(after[i][1].as<std::string>(), before[i][1].as<std::string>()) << after[i][0].as<std::string>();
  }
}

TEST_F(CatalogWriterTest, ARenamedListingIsUpdatedAndKeepsOtherSourcesIds) {
  write({entry("crypto", "MATIC", "Polygon", {{"coingecko", "matic-network"}})});
  auto summary = write({entry("crypto", "MATIC", "Polygon (old)", {{"binance", "MATICUSDT"}}, "USDT")});
  EXPECT_EQ(summary.updated, 1u);
  auto row = query("SELECT name, currency, source_ids::text FROM assets");
  EXPECT_EQ(row[0][0].as<std::string>(), "Polygon (old)");
  EXPECT_EQ(row[0][1].as<std::string>(), "USDT");
  EXPECT_EQ(row[0][2].as<std::string>(), R"({"binance": "MATICUSDT", "coingecko": "matic-network"})");
}

TEST_F(CatalogWriterTest, AnAssetAnEventCreatedGetsTheCatalogsNameAndIdsAndIsReactivated) {
  {
    pqxx::work tx(*connection_);
    tx.exec("INSERT INTO assets (symbol, asset_class, active) VALUES ('NVDA', 'stock', false)");
    tx.commit();
  }
  auto summary = write({entry("stock", "NVDA", "NVIDIA Corporation", {{"yahoo", "NVDA"}})});
  EXPECT_EQ(summary.inserted, 0u);
  EXPECT_EQ(summary.updated, 1u);
  auto row = query("SELECT name, source_ids::text, active FROM assets");
  EXPECT_EQ(row[0][0].as<std::string>(), "NVIDIA Corporation");
  EXPECT_EQ(row[0][1].as<std::string>(), R"({"yahoo": "NVDA"})");
  EXPECT_TRUE(row[0][2].as<bool>());
}

TEST_F(CatalogWriterTest, AnEmptyNameNeverErasesAKnownOne) {
  write({entry("stock", "IBM", "International Business Machines", {{"yahoo", "IBM"}})});
  auto summary = write({entry("stock", "IBM", "", {{"yahoo", "IBM"}})});
  EXPECT_EQ(summary.unchanged, 1u);
  EXPECT_EQ(query("SELECT name FROM assets")[0][0].as<std::string>(), "International Business Machines");
}

TEST_F(CatalogWriterTest, AListingMissingFromTwoRefreshesInARowIsRetired) {
  const auto aapl = entry("stock", "AAPL", "Apple Inc.", {{"yahoo", "AAPL"}});
  const auto gone = entry("stock", "GONE", "Delisted Corp.", {{"yahoo", "GONE"}});
  write({aapl, gone}, {"yahoo"});

  auto first = write({aapl}, {"yahoo"});
  EXPECT_EQ(first.missed, 1u);
  EXPECT_EQ(first.deactivated, 0u);
  EXPECT_TRUE(query("SELECT active FROM assets WHERE symbol = 'GONE'")[0][0].as<bool>());

  auto second = write({aapl}, {"yahoo"});
  EXPECT_EQ(second.deactivated, 1u);
  EXPECT_FALSE(query("SELECT active FROM assets WHERE symbol = 'GONE'")[0][0].as<bool>());
  EXPECT_TRUE(query("SELECT active FROM assets WHERE symbol = 'AAPL'")[0][0].as<bool>());

  // Listed again: active, the count of misses starts afresh.
  auto back = write({aapl, gone}, {"yahoo"});
  EXPECT_EQ(back.updated, 1u);
  auto row = query("SELECT active, catalog_misses FROM assets WHERE symbol = 'GONE'");
  EXPECT_TRUE(row[0][0].as<bool>());
  EXPECT_EQ(row[0][1].as<int>(), 0);
}

TEST_F(CatalogWriterTest, OnlySourcesThatAnsweredCountMisses) {
  write({entry("crypto", "ALPH", "Alephium", {{"coingecko", "alephium"}})}, {"coingecko"});
  // CoinGecko failed this time: the listing it is missing from proves nothing.
  for (int i = 0; i < 3; ++i) {
    auto summary = write({entry("crypto", "BTC", "BTC", {{"binance", "BTCUSDT"}})}, {"binance"});
    EXPECT_EQ(summary.missed, 0u);
  }
  EXPECT_TRUE(query("SELECT active FROM assets WHERE symbol = 'ALPH'")[0][0].as<bool>());
}

TEST_F(CatalogWriterTest, AnAssetNoCatalogEverListedIsNeverRetired) {
  {
    pqxx::work tx(*connection_);
    tx.exec("INSERT INTO assets (symbol, asset_class) VALUES ('PRIVATECO', 'stock')");
    tx.commit();
  }
  write({entry("stock", "AAPL", "Apple Inc.", {{"yahoo", "AAPL"}})}, {"yahoo"});
  write({entry("stock", "AAPL", "Apple Inc.", {{"yahoo", "AAPL"}})}, {"yahoo"});
  EXPECT_TRUE(query("SELECT active FROM assets WHERE symbol = 'PRIVATECO'")[0][0].as<bool>());
}

TEST_F(CatalogWriterTest, AnEmptyCatalogWritesNothing) {
  auto summary = write({});
  EXPECT_EQ(summary.inserted + summary.updated + summary.unchanged, 0u);
  EXPECT_EQ(query("SELECT count(*) FROM assets")[0][0].as<int>(), 0);
}

}  // namespace
}  // namespace pricefeed::host
