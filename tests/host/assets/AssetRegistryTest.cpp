// AssetRegistry on a real PostgreSQL: which of an existing row's columns each way of finding or
// creating an asset changes, the lock it holds, and the catalog's listings written and missed.
#include "host/assets/AssetRegistry.hpp"

#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

class AssetRegistryTest : public ::testing::Test {
 protected:
  pqxx::result query(const std::string& sql) {
    pqxx::work tx(*connection_);
    return tx.exec(sql);
  }
  void execute(const std::string& sql) {
    pqxx::work tx(*connection_);
    tx.exec(sql);
    tx.commit();
  }
  // An asset a catalog named, since retired, last changed long ago.
  std::int64_t insert_retired_asset(const std::string& asset_class, const std::string& symbol,
                                    const std::string& name) {
    pqxx::work tx(*connection_);
    const auto id = tx.exec_params1(
                          "INSERT INTO assets (asset_class, symbol, name, active, updated_at) "
                          "VALUES ($1, $2, $3, false, '2000-01-01T00:00:00Z') RETURNING id",
                          asset_class, symbol, name)[0]
                        .as<std::int64_t>();
    tx.commit();
    return id;
  }
  ListingsWritten write(const std::vector<AssetListing>& listings) {
    pqxx::work tx(*connection_);
    const ListingsWritten written = AssetRegistry::write_listings(tx, listings);
    tx.commit();
    return written;
  }
  ListingsMissed miss(const std::vector<AssetListing>& listed, const std::vector<std::string>& answered) {
    pqxx::work tx(*connection_);
    const ListingsMissed missed = AssetRegistry::record_missing_listings(tx, listed, answered);
    tx.commit();
    return missed;
  }

  test::TestDatabase db_;
  std::unique_ptr<pqxx::connection> connection_ = db_.connect();
};

AssetListing listing(AssetClass asset_class, std::string symbol, std::string name,
                     std::map<std::string, std::string> source_ids) {
  return {asset_class, std::move(symbol), std::move(name), "NMS", "USD", std::move(source_ids)};
}

TEST_F(AssetRegistryTest, LockFindsNoAssetThatDoesNotExistAndCreatesNone) {
  pqxx::work tx(*connection_);
  EXPECT_FALSE(AssetRegistry::lock(tx, AssetClass::stock, "AAPL").has_value());
  EXPECT_EQ(tx.exec("SELECT count(*) FROM assets")[0][0].as<int>(), 0);
}

TEST_F(AssetRegistryTest, LockOrCreateCreatesAnAssetWithItsClassAndSymbolOnly) {
  pqxx::work tx(*connection_);
  const std::int64_t id = AssetRegistry::lock_or_create(tx, AssetClass::crypto, "BTC");
  EXPECT_EQ(AssetRegistry::lock_or_create(tx, AssetClass::crypto, "BTC"), id);
  const pqxx::row row = tx.exec_params1(
      "SELECT asset_class, symbol, name IS NULL, currency IS NULL, active FROM assets WHERE id = $1", id);
  EXPECT_EQ(row[0].as<std::string>(), "crypto");
  EXPECT_EQ(row[1].as<std::string>(), "BTC");
  EXPECT_TRUE(row[2].as<bool>());
  EXPECT_TRUE(row[3].as<bool>());
  EXPECT_TRUE(row[4].as<bool>());
  EXPECT_EQ(tx.exec("SELECT count(*) FROM assets")[0][0].as<int>(), 1);
}

TEST_F(AssetRegistryTest, LockOrCreateLeavesAnExistingAssetExactlyAsItIs) {
  const std::int64_t id = insert_retired_asset("stock", "AAPL", "Apple Inc.");
  const auto before = query("SELECT xmin::text FROM assets")[0][0].as<std::string>();
  pqxx::work tx(*connection_);
  EXPECT_EQ(AssetRegistry::lock_or_create(tx, AssetClass::stock, "AAPL"), id);
  tx.commit();
  const auto row = query("SELECT name, active, xmin::text FROM assets")[0];
  EXPECT_EQ(row[0].as<std::string>(), "Apple Inc.");
  EXPECT_FALSE(row[1].as<bool>());
  EXPECT_EQ(row[2].as<std::string>(), before);
}

TEST_F(AssetRegistryTest, TheSameSymbolInAnotherClassIsAnotherAsset) {
  pqxx::work tx(*connection_);
  EXPECT_NE(AssetRegistry::lock_or_create(tx, AssetClass::stock, "BTC"),
            AssetRegistry::lock_or_create(tx, AssetClass::crypto, "BTC"));
}

TEST_F(AssetRegistryTest, ALockedAssetWaitsForOtherLockersButNotForRowsThatReferenceIt) {
  const std::int64_t id = insert_retired_asset("stock", "AAPL", "Apple Inc.");
  pqxx::work holder(*connection_);
  ASSERT_EQ(AssetRegistry::lock(holder, AssetClass::stock, "AAPL"), id);

  auto other = db_.connect();
  pqxx::work tx(*other);
  // What a foreign key takes when a price or job row is written for the asset.
  EXPECT_NO_THROW(tx.exec_params("SELECT 1 FROM assets WHERE id = $1 FOR KEY SHARE NOWAIT", id));
  EXPECT_THROW(tx.exec_params("SELECT 1 FROM assets WHERE id = $1 FOR NO KEY UPDATE NOWAIT", id),
               pqxx::sql_error);
}

TEST_F(AssetRegistryTest, ActivateCreatesAnAssetWithTheGivenName) {
  pqxx::work tx(*connection_);
  const std::int64_t id = AssetRegistry::activate(tx, AssetClass::stock, "MSFT", "MSFT");
  const pqxx::row row = tx.exec_params1("SELECT name, active FROM assets WHERE id = $1", id);
  EXPECT_EQ(row[0].as<std::string>(), "MSFT");
  EXPECT_TRUE(row[1].as<bool>());
}

TEST_F(AssetRegistryTest, ActivateReactivatesAnExistingAssetKeepsItsNameAndDatesTheChange) {
  const std::int64_t id = insert_retired_asset("stock", "AAPL", "Apple Inc.");
  pqxx::work tx(*connection_);
  EXPECT_EQ(AssetRegistry::activate(tx, AssetClass::stock, "AAPL", "AAPL"), id);
  tx.commit();
  const auto row = query("SELECT name, active, updated_at > '2000-01-01T00:00:00Z' FROM assets")[0];
  EXPECT_EQ(row[0].as<std::string>(), "Apple Inc.");
  EXPECT_TRUE(row[1].as<bool>());
  EXPECT_TRUE(row[2].as<bool>());
}

TEST_F(AssetRegistryTest, KeepActiveReactivatesAnExistingAssetKeepsItsNameAndLeavesItsDate) {
  const std::int64_t id = insert_retired_asset("forex", "EURUSD", "Euro / US dollar");
  pqxx::work tx(*connection_);
  EXPECT_EQ(AssetRegistry::keep_active(tx, AssetClass::forex, "EURUSD", "EUR / USD"), id);
  tx.commit();
  const auto row = query("SELECT name, active, updated_at = '2000-01-01T00:00:00Z' FROM assets")[0];
  EXPECT_EQ(row[0].as<std::string>(), "Euro / US dollar");
  EXPECT_TRUE(row[1].as<bool>());
  EXPECT_TRUE(row[2].as<bool>());
}

TEST_F(AssetRegistryTest, WriteListingsCountsNewAndChangedAssetsAndTouchesNoOther) {
  EXPECT_EQ(write({listing(AssetClass::stock, "AAPL", "Apple Inc.", {{"yahoo", "AAPL"}}),
                   listing(AssetClass::stock, "MSFT", "Microsoft Corporation", {{"yahoo", "MSFT"}})})
                .inserted,
            2u);
  const auto msft_before =
      query("SELECT xmin::text FROM assets WHERE symbol = 'MSFT'")[0][0].as<std::string>();

  const ListingsWritten written =
      write({listing(AssetClass::stock, "AAPL", "Apple Inc.", {{"binance", "AAPLUSDT"}}),
             listing(AssetClass::stock, "MSFT", "Microsoft Corporation", {{"yahoo", "MSFT"}}),
             listing(AssetClass::crypto, "ETH", "Ethereum", {{"binance", "ETHUSDT"}})});
  EXPECT_EQ(written.inserted, 1u);
  EXPECT_EQ(written.updated, 1u);
  EXPECT_EQ(query("SELECT source_ids::text FROM assets WHERE symbol = 'AAPL'")[0][0].as<std::string>(),
            R"({"yahoo": "AAPL", "binance": "AAPLUSDT"})");
  EXPECT_EQ(query("SELECT xmin::text FROM assets WHERE symbol = 'MSFT'")[0][0].as<std::string>(),
            msft_before);
}

TEST_F(AssetRegistryTest, WriteListingsNamesAnAssetAnEventCreatedAndKeepsWhatAnEmptyListingDoesNotSay) {
  {
    pqxx::work tx(*connection_);
    AssetRegistry::lock_or_create(tx, AssetClass::stock, "AAPL");
    tx.commit();
  }
  write({listing(AssetClass::stock, "AAPL", "Apple Inc.", {{"yahoo", "AAPL"}})});
  write({AssetListing{AssetClass::stock, "AAPL", "", "", "", {{"yahoo", "AAPL"}}}});
  const auto row = query("SELECT name, exchange, currency FROM assets")[0];
  EXPECT_EQ(row[0].as<std::string>(), "Apple Inc.");
  EXPECT_EQ(row[1].as<std::string>(), "NMS");
  EXPECT_EQ(row[2].as<std::string>(), "USD");
}

TEST_F(AssetRegistryTest, AnAssetMissingFromTheListingsOfASourceThatAnsweredIsRetiredTheSecondTime) {
  write({listing(AssetClass::stock, "AAPL", "Apple Inc.", {{"yahoo", "AAPL"}}),
         listing(AssetClass::stock, "GONE", "Gone Corp", {{"yahoo", "GONE"}})});
  const std::vector<AssetListing> now = {
      listing(AssetClass::stock, "AAPL", "Apple Inc.", {{"yahoo", "AAPL"}})};

  ListingsMissed missed = miss(now, {"yahoo"});
  EXPECT_EQ(missed.missed, 1u);
  EXPECT_EQ(missed.deactivated, 0u);
  EXPECT_TRUE(query("SELECT active FROM assets WHERE symbol = 'GONE'")[0][0].as<bool>());

  missed = miss(now, {"yahoo"});
  EXPECT_EQ(missed.missed, 1u);
  EXPECT_EQ(missed.deactivated, 1u);
  EXPECT_FALSE(query("SELECT active FROM assets WHERE symbol = 'GONE'")[0][0].as<bool>());
  EXPECT_TRUE(query("SELECT active FROM assets WHERE symbol = 'AAPL'")[0][0].as<bool>());
}

TEST_F(AssetRegistryTest, OnlyTheSourcesThatAnsweredCountMisses) {
  write({listing(AssetClass::crypto, "BTC", "Bitcoin", {{"coingecko", "bitcoin"}})});
  EXPECT_EQ(miss({}, {"binance", "yahoo"}).missed, 0u);
  EXPECT_EQ(miss({}, {"binance", "coingecko"}).missed, 1u);
  EXPECT_EQ(query("SELECT catalog_misses FROM assets")[0][0].as<int>(), 1);
}

}  // namespace
}  // namespace pricefeed::host
