// Every bundled source end to end: the real pricefeed binary with all five plugins, each pointed at
// the sandbox's version of its upstream, and a real PostgreSQL. One asset of each class is backfilled
// through its own plugin and must equal the sandbox's truth; a coin Binance does not list falls back
// to CoinGecko; history CoinGecko cannot serve becomes a gap, not a failure; seed-catalog fills
// assets from every catalog and changes nothing the second time.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <map>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "tests/e2e/EndToEndSupport.hpp"
#include "tests/host/cli/PricefeedBinary.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TemporaryDirectory.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::test {
namespace {

using ::testing::HasSubstr;

class SourcesEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string sandbox = sandbox_.base_url();
    config_ = dir_.write_file(
        "pricefeed.toml",
        database_and_plugins_toml(db_) + source_toml("yahoo", sandbox) + "symbol_directory_url = \"" +
            sandbox + "/dynamic/SymDir\"\n" + source_toml("binance", sandbox, 6000, 100) +
            source_toml("coingecko", sandbox + "/api/v3") + source_toml("forex", sandbox + "/v1") +
            source_toml("commodities", sandbox) + R"([routing]
stock = ["yahoo"]
bond = ["yahoo"]
crypto = ["binance", "coingecko"]
commodity = ["commodities", "yahoo"]
forex = ["forex", "yahoo"]
)");
  }

  CommandResult pricefeed(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", config_.string(), "--log-format", "text"});
    return run_pricefeed(args);
  }

  void backfill(const std::string& symbol, const std::string& asset_class, const std::string& from,
                const std::string& to) {
    auto r = pricefeed({"backfill", symbol, "--class", asset_class, "--from", from, "--to", to});
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }

  std::map<std::string, double> truth(const std::string& instrument, const std::string& from,
                                      const std::string& to) {
    return truth_closes(sandbox_, instrument, from, to);
  }

  // Stored daily closes of an asset and the sources that gave them.
  struct Stored {
    std::map<std::string, double> closes;
    std::set<std::string> sources;
  };
  Stored stored(const std::string& symbol, const std::string& asset_class) {
    Stored out;
    for (const auto& row :
         query("SELECT to_char((ts AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD'), close, p.source "
               "FROM asset_prices p JOIN assets a ON a.id = p.asset_id WHERE a.symbol = '" +
               symbol + "' AND a.asset_class = '" + asset_class + "' AND p.resolution = '1d'")) {
      out.closes[row[0].as<std::string>()] = row[1].as<double>();
      out.sources.insert(row[2].as<std::string>());
    }
    return out;
  }

  // Every stored close equals the truth on its date, and no more than `missing_allowed` of the
  // truth's dates are absent (forex: the ECB does not fix on TARGET holidays that Yahoo still has).
  void expect_matches_truth(const std::string& symbol, const std::string& asset_class,
                            const std::string& instrument, const std::string& from, const std::string& to,
                            const std::string& source, std::size_t missing_allowed = 0) {
    const Stored got = stored(symbol, asset_class);
    const auto expected = truth(instrument, from, to);
    ASSERT_FALSE(expected.empty()) << instrument;
    EXPECT_EQ(got.sources, std::set<std::string>{source}) << symbol;
    std::size_t matched = 0;
    for (const auto& [date, close] : got.closes) {
      const auto it = expected.find(date);
      ASSERT_NE(it, expected.end()) << symbol << " has a row on " << date << " that the truth has not";
      EXPECT_NEAR(close, it->second, std::abs(it->second) * 1e-6) << symbol << " on " << date;
      ++matched;
    }
    EXPECT_GE(matched + missing_allowed, expected.size()) << symbol;
  }

  pqxx::result query(const std::string& sql) { return test::query(db_, sql); }

  TestDatabase db_;
  sandbox::SandboxProcess sandbox_;
  TemporaryDirectory dir_;
  std::filesystem::path config_;
};

TEST_F(SourcesEndToEnd, OneAssetOfEachClassIsBackfilledThroughItsOwnPlugin) {
  const std::string from = iso_days_ago(75);
  const std::string to = iso_days_ago(5);
  backfill("AAPL", "stock", from, to);
  backfill("AGG", "bond", from, to);
  backfill("BTC", "crypto", from, to);
  backfill("EURUSD", "forex", from, to);
  backfill("GOLD", "commodity", from, to);
  auto worker = pricefeed({"worker", "--once"});
  ASSERT_EQ(worker.exit_code, 0) << worker.err;
  EXPECT_THAT(worker.out, HasSubstr("completed 5"));

  expect_matches_truth("AAPL", "stock", "AAPL", from, to, "yahoo");
  expect_matches_truth("AGG", "bond", "AGG", from, to, "yahoo");
  expect_matches_truth("BTC", "crypto", "BTC-USDT", from, to, "binance");
  expect_matches_truth("EURUSD", "forex", "EURUSD=X", from, to, "forex", 3);
  expect_matches_truth("GOLD", "commodity", "GC=F", from, to, "commodities");
  auto jobs = query("SELECT count(*) FILTER (WHERE status = 'completed'), count(*) FROM backfill_queue");
  EXPECT_EQ(jobs[0][0].as<int>(), 5);
  EXPECT_EQ(jobs[0][1].as<int>(), 5);
}

TEST_F(SourcesEndToEnd, ACoinBinanceDoesNotListIsServedByCoinGecko) {
  const std::string from = iso_days_ago(60);
  const std::string to = iso_days_ago(2);
  backfill("ALPH", "crypto", from, to);  // CoinUniverse: on_binance = false
  auto worker = pricefeed({"worker", "--once"});
  ASSERT_EQ(worker.exit_code, 0) << worker.err;
  EXPECT_THAT(worker.out, HasSubstr("completed 1"));
  auto job = query("SELECT status, source, exhausted_sources::text FROM backfill_queue");
  EXPECT_EQ(job[0][0].as<std::string>(), "completed");
  EXPECT_EQ(job[0][1].as<std::string>(), "coingecko");
  EXPECT_THAT(job[0][2].as<std::string>(), HasSubstr("binance"));
  expect_matches_truth("ALPH", "crypto", "ALPH-USD", from, to, "coingecko");
}

TEST_F(SourcesEndToEnd, HistoryCoinGeckoCannotServeBecomesAGapAndTheJobCompletes) {
  const std::string from = iso_days_ago(500);
  const std::string to = iso_days_ago(2);
  backfill("ALPH", "crypto", from, to);
  auto worker = pricefeed({"worker", "--once"});
  ASSERT_EQ(worker.exit_code, 0) << worker.err;
  EXPECT_THAT(worker.out, HasSubstr("completed 1"));
  auto gaps = query("SELECT start_date::text, reason FROM price_gaps");
  ASSERT_EQ(gaps.size(), 1u);
  EXPECT_EQ(gaps[0][0].as<std::string>(), from);
  EXPECT_THAT(gaps[0][1].as<std::string>(), HasSubstr("coingecko"));
  EXPECT_THAT(gaps[0][1].as<std::string>(), HasSubstr("365"));
  // What it could serve is stored: about the last year.
  EXPECT_GT(stored("ALPH", "crypto").closes.size(), 300u);
  // Not queued again: the job is done and no other job waits.
  EXPECT_EQ(query("SELECT count(*) FROM backfill_queue WHERE status <> 'completed'")[0][0].as<int>(), 0);
}

TEST_F(SourcesEndToEnd, SeedCatalogFillsAssetsFromEveryCatalogAndChangesNothingTheSecondTime) {
  auto first = pricefeed({"seed-catalog"});
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  for (const char* source : {"yahoo", "binance", "coingecko", "forex", "commodities"}) {
    EXPECT_THAT(first.out, HasSubstr(source)) << first.out;
  }
  auto by_class = query("SELECT asset_class, count(*) FROM assets GROUP BY asset_class");
  std::map<std::string, int> counts;
  for (const auto& row : by_class)
    counts[row[0].as<std::string>()] = row[1].as<int>();
  EXPECT_GE(counts["stock"], 8000);
  EXPECT_GE(counts["crypto"], 500);
  EXPECT_GE(counts["bond"], 10);
  EXPECT_GE(counts["commodity"], 10);
  EXPECT_GE(counts["forex"], 10);
  // A coin both crypto catalogs list carries both ids; Binance, first in the chain, names it.
  auto btc = query(
      "SELECT source_ids->>'binance', source_ids->>'coingecko' FROM assets "
      "WHERE asset_class = 'crypto' AND symbol = 'BTC'");
  ASSERT_EQ(btc.size(), 1u);
  EXPECT_EQ(btc[0][0].as<std::string>(), "BTCUSDT");
  EXPECT_EQ(btc[0][1].as<std::string>(), "bitcoin");
  auto gold = query("SELECT source_ids->>'commodities' FROM assets WHERE symbol = 'GOLD'");
  ASSERT_EQ(gold.size(), 1u);
  EXPECT_EQ(gold[0][0].as<std::string>(), "GC=F");

  auto before = query("SELECT count(*), max(xmin::text::bigint) FROM assets");
  auto second = pricefeed({"seed-catalog"});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_THAT(second.out, HasSubstr("assets: 0 new, 0 updated"));
  auto after = query("SELECT count(*), max(xmin::text::bigint) FROM assets");
  EXPECT_EQ(after[0][0].as<int>(), before[0][0].as<int>());
  EXPECT_EQ(after[0][1].as<std::string>(), before[0][1].as<std::string>());
}

TEST_F(SourcesEndToEnd, ACatalogSourceThatFailsIsReportedAndTheOthersAreWritten) {
  sandbox_.add_fault(R"({"route":"coingecko","kind":"503","count":100})");
  auto r = pricefeed({"seed-catalog"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_THAT(r.out, HasSubstr("coingecko"));
  EXPECT_THAT(r.out, HasSubstr("failed: "));
  EXPECT_GE(query("SELECT count(*) FROM assets WHERE asset_class = 'stock'")[0][0].as<int>(), 8000);
  EXPECT_EQ(query("SELECT count(*) FROM assets WHERE source_ids ? 'coingecko'")[0][0].as<int>(), 0);
}

}  // namespace
}  // namespace pricefeed::test
