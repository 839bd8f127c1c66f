// Anomalies and divergences end to end: the real pricefeed binary with the real yahoo, binance and
// coingecko plugins against the sandbox's data scenarios, and a real PostgreSQL. A market spike is
// recorded after the backfill and confirmed by the second source; a spike only the first source
// shows is recorded as a disagreement; the divergence check finds a source 5% off and not one 1% off;
// `pricefeed quality` shows all of it.
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

class AnomalyEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string sandbox = sandbox_.base_url();
    config_ =
        dir_.write_file("pricefeed.toml", database_and_plugins_toml(db_) + source_toml("yahoo", sandbox) +
                                              source_toml("binance", sandbox, 6000, 100) +
                                              source_toml("coingecko", sandbox + "/api/v3") + R"([routing]
stock = ["yahoo"]
crypto = ["binance", "coingecko"]
[quality]
gap_sweep = false
[daemon]
exchanges_file = ")" + std::string(PRICEFEED_EXCHANGES_FILE) +
                                              "\"\n");
  }

  CommandResult pricefeed(std::vector<std::string> args) {
    args.insert(args.begin(), {"--config", config_.string(), "--log-format", "text"});
    return run_pricefeed(args);
  }

  void backfill_and_work(const std::string& symbol, const std::string& asset_class, const std::string& from,
                         const std::string& to) {
    auto r = pricefeed({"backfill", symbol, "--class", asset_class, "--from", from, "--to", to});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto worker = pricefeed({"worker", "--once"});
    ASSERT_EQ(worker.exit_code, 0) << worker.err;
  }

  void scenario(const std::string& json) {
    auto r = sandbox_.post("/__sandbox/scenarios", json);
    ASSERT_EQ(r.status, 201u) << r.body;
  }

  pqxx::result anomalies(const std::string& symbol) {
    return query(
        db_,
        "SELECT to_char(n.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD'), n.previous_close, n.close, n.status, "
        "n.verdict, n.checked_source, n.checked_close, n.source FROM price_anomalies n "
        "JOIN assets a ON a.id = n.asset_id WHERE a.symbol = '" +
            symbol + "' ORDER BY n.ts");
  }

  int stored_rows(const std::string& symbol) {
    return query(db_,
                 "SELECT count(*) FROM asset_prices p JOIN assets a ON a.id = p.asset_id WHERE a.symbol = '" +
                     symbol + "'")[0][0]
        .as<int>();
  }

  // A date of the truth's range that is neither its first nor its last (a trading day for stocks).
  static std::string middle_date(const std::map<std::string, double>& truth) {
    auto it = truth.begin();
    std::advance(it, static_cast<std::ptrdiff_t>(truth.size() / 2));
    return it->first;
  }

  TestDatabase db_;
  sandbox::SandboxProcess sandbox_;
  TemporaryDirectory dir_;
  std::filesystem::path config_;
};

TEST_F(AnomalyEndToEnd, AMarketSpikeIsRecordedWithItsRowsWhichStayAndTheSecondSourceConfirmsIt) {
  const std::string from = iso_days_ago(40), to = iso_days_ago(5);
  const auto plain = truth_closes(sandbox_, "BTC-USDT", from, to);
  const std::string day = middle_date(plain);
  scenario(R"({"kind":"spike","symbol":"BTC","date":")" + day + R"(","factor":1.8})");
  const auto truth = truth_closes(sandbox_, "BTC-USDT", from, to);
  backfill_and_work("BTC", "crypto", from, to);

  const auto rows = anomalies("BTC");
  ASSERT_EQ(rows.size(), 1u) << "+80% on the day; the return, -44%, is within 50%";
  EXPECT_EQ(rows[0][0].as<std::string>(), day);
  const auto previous = std::prev(truth.find(day));
  EXPECT_NEAR(rows[0][1].as<double>(), previous->second, previous->second * 1e-6);
  EXPECT_NEAR(rows[0][2].as<double>(), truth.at(day), truth.at(day) * 1e-6);
  EXPECT_EQ(rows[0][3].as<std::string>(), "confirmed");
  EXPECT_EQ(rows[0][4].as<std::string>(), "agrees");
  EXPECT_EQ(rows[0][5].as<std::string>(), "coingecko");
  EXPECT_EQ(rows[0][7].as<std::string>(), "binance");
  EXPECT_EQ(stored_rows("BTC"), static_cast<int>(truth.size())) << "the spiked row stays stored";
}

TEST_F(AnomalyEndToEnd, AStockSpikeWithoutASecondSourceStaysOpen) {
  const std::string from = iso_days_ago(40), to = iso_days_ago(5);
  const std::string day = middle_date(truth_closes(sandbox_, "AAPL", from, to));
  scenario(R"({"kind":"spike","symbol":"AAPL","date":")" + day + R"(","factor":1.8})");
  backfill_and_work("AAPL", "stock", from, to);
  const auto rows = anomalies("AAPL");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].as<std::string>(), day);
  EXPECT_EQ(rows[0][3].as<std::string>(), "open");
  EXPECT_EQ(rows[0][4].as<std::string>(), "unavailable");
}

TEST_F(AnomalyEndToEnd, ASpikeOnlyTheFirstSourceShowsIsFlaggedAsADisagreement) {
  const std::string from = iso_days_ago(40), to = iso_days_ago(5);
  const auto truth = truth_closes(sandbox_, "BTC-USDT", from, to);
  const std::string day = middle_date(truth);
  scenario(R"({"kind":"disagree","route":"binance","symbol":"BTC","from":")" + day + R"(","to":")" + day +
           R"(","factor":1.8})");
  backfill_and_work("BTC", "crypto", from, to);

  const auto rows = anomalies("BTC");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0][0].as<std::string>(), day);
  EXPECT_NEAR(rows[0][2].as<double>(), truth.at(day) * 1.8, truth.at(day) * 0.001)
      << "binance's value is stored";
  EXPECT_EQ(rows[0][3].as<std::string>(), "open");
  EXPECT_EQ(rows[0][4].as<std::string>(), "disagrees");
  EXPECT_EQ(rows[0][5].as<std::string>(), "coingecko");
  EXPECT_NEAR(rows[0][6].as<double>(), truth.at(day), truth.at(day) * 0.001) << "coingecko's close";

  auto listed = pricefeed({"quality", "--asset", "btc"});
  ASSERT_EQ(listed.exit_code, 0) << listed.err;
  EXPECT_THAT(listed.out, HasSubstr("Open anomalies (1)"));
  EXPECT_THAT(listed.out, HasSubstr("disagrees (coingecko)"));
  auto none = pricefeed({"quality", "--asset", "ETH", "--json"});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(nlohmann::json::parse(none.out)["anomalies"].size(), 0u);
}

TEST_F(AnomalyEndToEnd, TheDivergenceCheckFindsASourceFivePercentOffAndNotOneOnePercentOff) {
  const std::string five_off = iso_days_ago(2), one_off = iso_days_ago(3);
  scenario(R"({"kind":"disagree","route":"binance","symbol":"BTC","from":")" + five_off + R"(","to":")" +
           five_off + R"(","factor":1.05})");
  scenario(R"({"kind":"disagree","route":"binance","symbol":"BTC","from":")" + one_off + R"(","to":")" +
           one_off + R"(","factor":1.01})");
  backfill_and_work("BTC", "crypto", iso_days_ago(10), iso_days_ago(1));
  {  // the asset exists now; track it as a holder would
    auto connection = db_.connect();
    pqxx::work tx(*connection);
    tx.exec(
        "INSERT INTO tracked_assets (asset_id, tracking_users) SELECT id, 1 FROM assets WHERE symbol = 'BTC' "
        "ON CONFLICT (asset_id) DO UPDATE SET tracking_users = 1");
    tx.commit();
  }

  auto checked = pricefeed({"quality", "--check", "--json"});
  ASSERT_EQ(checked.exit_code, 0) << checked.err;
  EXPECT_THAT(checked.err, HasSubstr("1 divergences recorded"));
  const auto found = nlohmann::json::parse(checked.out)["divergences"];
  ASSERT_EQ(found.size(), 1u) << found.dump();
  EXPECT_EQ(found[0]["date"], five_off);
  EXPECT_EQ(found[0]["source_a"], "binance");
  EXPECT_EQ(found[0]["source_b"], "coingecko");
  EXPECT_NEAR(found[0]["diff_pct"].get<double>(), 100.0 * (1 / 1.05 - 1), 0.05);

  auto again = pricefeed({"quality", "--check"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.out, HasSubstr("0 divergences recorded"));
  EXPECT_THAT(again.out, HasSubstr("Open divergences (1)"));
}

}  // namespace
}  // namespace pricefeed::test
