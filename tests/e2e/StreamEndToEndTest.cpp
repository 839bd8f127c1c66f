// Live streams end to end (docs/daemon.md "Streams"): the real `pricefeed serve` with [stream] on, the
// real Binance plugin, the sandbox's Binance WebSocket in the real combined-stream format, a real
// PostgreSQL. The sandbox's control API injects the faults (a dropped connection, a stall, a malformed
// frame, Binance's serverShutdown notice) and counts what the host did on the wire; the database shows
// what reached latest_prices.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "tests/e2e/EndToEndSupport.hpp"
#include "tests/e2e/ServeProcess.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TemporaryDirectory.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::test {
namespace {

using json = nlohmann::json;
using namespace std::chrono_literals;

constexpr const char* kToken = "stream-e2e-token";

class StreamEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    // Five frames a second per symbol, well above the host's 200 ms throttle.
    sandbox_.post("/__sandbox/binance/stream", R"({"frames_per_second": 5})");
    // Every write of latest_prices, with the time it reached the table, for the throttle's count.
    auto c = db_.connect();
    pqxx::work tx(*c);
    tx.exec(
        "CREATE TABLE stream_writes (asset_id bigint, written_at timestamptz DEFAULT clock_timestamp()); "
        "CREATE FUNCTION note_stream_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "INSERT INTO stream_writes (asset_id) VALUES (NEW.asset_id); RETURN NEW; END $$; "
        "CREATE TRIGGER note_stream_write AFTER INSERT OR UPDATE ON latest_prices FOR EACH ROW "
        "EXECUTE FUNCTION note_stream_write()");
    tx.commit();
  }

  void start_serve() {
    const std::string url = sandbox_.base_url();
    const std::string text =
        database_and_plugins_toml(db_) + "[http]\nlisten = \"127.0.0.1:" + std::to_string(port_) +
        "\"\nauth_token = \"" + kToken + "\"\n[daemon]\nexchanges_file = \"" + PRICEFEED_EXCHANGES_FILE +
        "\"\n[stream]\nenabled = true\nmin_interval_ms = 200\nrefresh_seconds = 1\nstall_timeout_ms = "
        "2000\n" +
        source_toml("binance", url) + "stream_url = \"ws://127.0.0.1:" + std::to_string(sandbox_.port()) +
        "\"\n[routing]\ncrypto = [\"binance\"]\n";
    serve_ =
        std::make_unique<ServeProcess>(dir_.write_file("pricefeed.toml", text), dir_.path() / "serve.log");
    wait_until_listening(*serve_, port_);
  }

  // /health/sources' "stream" of binance (null before the first refresh).
  json binance_stream() {
    const auto answer = sandbox::http_request(port_, "GET", "/health/sources", "",
                                              {{"Authorization", std::string("Bearer ") + kToken}});
    if (answer.status != 200) {
      throw std::runtime_error("GET /health/sources: " + std::to_string(answer.status) + " " + answer.body);
    }
    // Parsed into a variable: a range-for over a member of a temporary would read freed memory.
    const json body = json::parse(answer.body);
    for (const auto& source : body.at("sources")) {
      if (source.at("name").get<std::string>() == "binance")
        return source.contains("stream") ? source.at("stream") : json();
    }
    return json();
  }

  json sandbox_stream() { return json::parse(sandbox_.get("/__sandbox/binance/stream").body); }
  std::int64_t accepted() {
    return sandbox_stream().at("counters").at("connections_accepted").get<std::int64_t>();
  }

  void fault(const std::string& body) {
    const auto answer = sandbox_.post("/__sandbox/binance/stream/faults", body);
    ASSERT_EQ(answer.status, 201u) << answer.body;
  }

  // The number of latest_prices writes of `asset` so far.
  std::int64_t writes_of(std::int64_t asset) {
    return query(db_, "SELECT count(*) FROM stream_writes WHERE asset_id = " + std::to_string(asset))[0][0]
        .as<std::int64_t>();
  }

  // Waits until `asset` has a streamed price written after `after` writes; false after `limit`.
  bool priced_again(std::int64_t asset, std::int64_t after, std::chrono::milliseconds limit = 10s) {
    return wait_for([&] { return writes_of(asset) > after; }, limit, 50ms);
  }

  void wait_connected() {
    ASSERT_TRUE(wait_for(
        [&] {
          const json stream = binance_stream();
          return stream.is_object() && stream.at("connected").get<bool>();
        },
        15s, 100ms))
        << serve_->log_tail(30);
  }

  TestDatabase db_;
  sandbox::SandboxProcess sandbox_;
  TemporaryDirectory dir_;
  const unsigned short port_ = free_port();
  std::unique_ptr<ServeProcess> serve_;
};

TEST_F(StreamEndToEnd, StreamedPricesReachLatestPricesAndTodaysBarNoMoreOftenThanTheThrottle) {
  const auto btc = hold_asset(db_, "u-1", "BTC", "crypto", "", "0.5", "20000", "USD");
  start_serve();
  wait_connected();
  ASSERT_TRUE(priced_again(btc, 0)) << serve_->log_tail(30);

  const auto source = query(
      db_, "SELECT source, price > 0, currency FROM latest_prices WHERE asset_id = " + std::to_string(btc));
  EXPECT_EQ(source[0][0].as<std::string>(), "binance");
  EXPECT_TRUE(source[0][1].as<bool>());
  EXPECT_EQ(source[0][2].as<std::string>(), "USDT");
  // The daily bar of today (UTC, crypto) folded from the streamed prices.
  EXPECT_EQ(query(db_, "SELECT count(*) FROM asset_prices WHERE asset_id = " + std::to_string(btc) +
                           " AND resolution = '1d' AND ts = date_trunc('day', now() AT TIME ZONE 'UTC') AT "
                           "TIME ZONE 'UTC'")[0][0]
                .as<int>(),
            1);

  // Over three seconds the sandbox sends 15 frames for BTC; the throttle (200 ms) lets at most one
  // write through per interval: 15 intervals, plus one for the window's edges.
  const auto before = writes_of(btc);
  std::this_thread::sleep_for(3s);
  const auto written = writes_of(btc) - before;
  EXPECT_GE(written, 5) << "a streamed price reaches the table within about one interval";
  EXPECT_LE(written, 16);

  const json stream = binance_stream();
  EXPECT_EQ(stream.at("subscriptions"), 1);
  EXPECT_GT(stream.at("messages").get<int>(), 10);
  EXPECT_TRUE(stream.at("last_message_age_seconds").is_number());
  EXPECT_LT(stream.at("last_message_age_seconds").get<double>(), 2.0);
}

TEST_F(StreamEndToEnd, ANewHoldingIsSubscribedOnTheOpenConnectionAndADroppedOneUnsubscribed) {
  hold_asset(db_, "u-1", "BTC", "crypto", "", "0.5", "20000", "USD");
  start_serve();
  wait_connected();
  const auto eth = hold_asset(db_, "u-2", "ETH", "crypto", "", "2", "4000", "USD");
  ASSERT_TRUE(priced_again(eth, 0)) << serve_->log_tail(30);
  EXPECT_EQ(accepted(), 1) << "the change went out on the open connection, not a new one";
  EXPECT_EQ(binance_stream().at("subscriptions"), 2);

  {
    auto c = db_.connect();
    pqxx::work tx(*c);
    tx.exec_params("UPDATE tracked_assets SET tracking_users = 0 WHERE asset_id = $1", eth);
    tx.commit();
  }
  ASSERT_TRUE(wait_for([&] { return binance_stream().at("subscriptions") == 1; }, 10s, 100ms));
  const json connections = sandbox_stream().at("connections");
  ASSERT_EQ(connections.size(), 1u);
  EXPECT_EQ(accepted(), 1);
}

TEST_F(StreamEndToEnd, AMalformedFrameIsCountedAndTheConnectionKept) {
  const auto btc = hold_asset(db_, "u-1", "BTC", "crypto", "", "0.5", "20000", "USD");
  start_serve();
  wait_connected();
  fault(R"({"kind": "malformed"})");
  ASSERT_TRUE(wait_for([&] { return binance_stream().at("dropped_frames").get<int>() >= 1; }, 10s, 100ms));
  const auto written = writes_of(btc);
  EXPECT_TRUE(priced_again(btc, written));
  EXPECT_EQ(accepted(), 1);
  EXPECT_EQ(binance_stream().at("reconnects"), 0);
}

TEST_F(StreamEndToEnd, ADroppedConnectionIsOpenedAgainAndPricesResume) {
  const auto btc = hold_asset(db_, "u-1", "BTC", "crypto", "", "0.5", "20000", "USD");
  start_serve();
  wait_connected();
  fault(R"({"kind": "drop"})");
  ASSERT_TRUE(wait_for([&] { return accepted() >= 2; }, 15s, 100ms)) << serve_->log_tail(30);
  wait_connected();
  EXPECT_TRUE(priced_again(btc, writes_of(btc)));
  EXPECT_GE(binance_stream().at("reconnects").get<int>(), 1);
}

TEST_F(StreamEndToEnd, AStalledConnectionIsGivenUpAfterTheStallTimeoutNotWhenTheStallEnds) {
  const auto btc = hold_asset(db_, "u-1", "BTC", "crypto", "", "0.5", "20000", "USD");
  start_serve();
  wait_connected();
  // The stall would last 60 s; the host's stall timeout is 2 s, and its backoff starts at 1 s.
  fault(R"({"kind": "stall", "seconds": 60})");
  const auto started = std::chrono::steady_clock::now();
  ASSERT_TRUE(wait_for([&] { return accepted() >= 2; }, 20s, 100ms)) << serve_->log_tail(30);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 15s);
  EXPECT_TRUE(priced_again(btc, writes_of(btc)));
}

TEST_F(StreamEndToEnd, BinancesServerShutdownNoticeIsAnsweredWithANewConnectionAtOnce) {
  const auto btc = hold_asset(db_, "u-1", "BTC", "crypto", "", "0.5", "20000", "USD");
  start_serve();
  wait_connected();
  // The notice, then the server's close 30 s later: the host moves before that.
  fault(R"({"kind": "shutdown", "close_after_ms": 30000})");
  const auto started = std::chrono::steady_clock::now();
  ASSERT_TRUE(wait_for([&] { return accepted() >= 2; }, 10s, 50ms)) << serve_->log_tail(30);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 5s);
  EXPECT_TRUE(priced_again(btc, writes_of(btc)));
  // The old connection is closed by the host, well before the server's own close at 30 s.
  EXPECT_TRUE(
      wait_for([&] { return sandbox_stream().at("counters").at("connections_open") == 1; }, 15s, 100ms));
}

}  // namespace
}  // namespace pricefeed::test
