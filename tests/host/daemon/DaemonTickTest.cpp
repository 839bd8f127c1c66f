// DaemonTick with streams: the due assets live on a stream (StreamCoverage) are left to it and counted
// as streamed, the others quoted as always; once the stream is down, its assets are polled again. Real
// PostgreSQL, the real binance plugin, the sandbox as its upstream.
#include "host/daemon/DaemonTick.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <pqxx/pqxx>

#include "host/calendar/ExchangeCalendarsLoader.hpp"
#include "host/calendar/ExchangesFile.hpp"
#include "host/cli/SourceRuntime.hpp"
#include "host/config/ConfigLoader.hpp"
#include "host/stream/StreamCoverage.hpp"
#include "tests/e2e/EndToEndSupport.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono;
using ::testing::ElementsAre;

class DaemonTickTest : public ::testing::Test {
 protected:
  std::int64_t track(const std::string& symbol, const std::string& binance_symbol) {
    pqxx::work tx(*sql);
    const auto id = tx.exec_params1(
                          "INSERT INTO assets (symbol, asset_class, source_ids) VALUES ($1, 'crypto', "
                          "jsonb_build_object('binance', $2::text)) RETURNING id",
                          symbol, binance_symbol)[0]
                        .as<std::int64_t>();
    tx.exec_params("INSERT INTO tracked_assets (asset_id, tracking_users) VALUES ($1, 1)", id);
    tx.commit();
    return id;
  }

  std::vector<std::string> priced_symbols() {
    pqxx::work tx(*sql);
    std::vector<std::string> symbols;
    for (const auto& row : tx.exec("SELECT a.symbol FROM latest_prices p JOIN assets a ON a.id = p.asset_id "
                                   "ORDER BY a.symbol"))
      symbols.push_back(row[0].as<std::string>());
    return symbols;
  }

  DaemonTickReport tick_at(sys_seconds at) {
    return DaemonTick(loaded.config, sources.registry(), calendars, "daemon-tick-test", &streams)
        .run(*sql, at);
  }

  test::TestDatabase database;
  std::unique_ptr<pqxx::connection> sql = database.connect();
  sandbox::SandboxProcess sandbox;
  LoadedConfig loaded = load_config_text(test::database_and_plugins_toml(database) +
                                             "[daemon]\ntrading_hours_only = false\nexchanges_file = \"" +
                                             PRICEFEED_EXCHANGES_FILE + "\"\n" +
                                             test::source_toml("binance", sandbox.base_url()),
                                         "daemon_tick_test", "", Environment{});
  ExchangeCalendars calendars = load_exchange_calendars(locate_exchanges_file(loaded.config).path);
  SourceRuntime sources{loaded.config};
  StreamCoverage streams;
  const sys_seconds now = floor<seconds>(system_clock::now());
};

TEST_F(DaemonTickTest, AnAssetLiveOnAStreamIsLeftToItAndPolledAgainOnceItsStreamIsDown) {
  const std::int64_t btc = track("BTC", "BTCUSDT");
  track("ETH", "ETHUSDT");
  streams.mark_live("binance", {btc});

  const DaemonTickReport streamed = tick_at(now);
  EXPECT_EQ(streamed.due, 2u);
  EXPECT_EQ(streamed.streamed, 1u);
  EXPECT_EQ(streamed.written, 1u);
  EXPECT_EQ(streamed.by_source.at("binance").quoted, 1u);
  EXPECT_THAT(priced_symbols(), ElementsAre("ETH"));

  streams.mark_down("binance");
  const DaemonTickReport polled = tick_at(now + minutes{loaded.config.daemon.interval_minutes});
  EXPECT_EQ(polled.streamed, 0u);
  EXPECT_EQ(polled.written, 2u);
  EXPECT_THAT(priced_symbols(), ElementsAre("BTC", "ETH"));
}

}  // namespace
}  // namespace pricefeed::host
