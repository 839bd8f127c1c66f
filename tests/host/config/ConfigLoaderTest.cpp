#include "host/config/ConfigLoader.hpp"

#include <cstdlib>
#include <string>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/support/TemporaryDirectory.hpp"

namespace pricefeed::host {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

class ConfigLoaderTest : public ::testing::Test {
 protected:
  // Loads `toml` written to pricefeed.toml in the test's directory.
  LoadedConfig load(std::string_view toml, const Environment& environment = Environment()) {
    directory_.write_file("pricefeed.toml", toml);
    return load_config(file_, environment);
  }

  // The message of the ConfigError loading `toml` throws; fails the test if it loads.
  std::string error_of(std::string_view toml, const Environment& environment = Environment()) {
    try {
      load(toml, environment);
    } catch (const ConfigError& error) {
      return error.what();
    }
    ADD_FAILURE() << "expected a ConfigError for:\n" << toml;
    return {};
  }

  std::string where(int line) const { return file_.string() + ":" + std::to_string(line) + ": "; }

  pricefeed::test::TemporaryDirectory directory_;
  const std::filesystem::path file_ = directory_.path() / "pricefeed.toml";
};

TEST_F(ConfigLoaderTest, SyntaxErrorNamesFileAndLine) {
  std::string message = error_of("[worker]\nbatch_size = 10\nmax_attempts = = 5\n");
  EXPECT_THAT(message, HasSubstr(where(3)));
  EXPECT_THAT(message, HasSubstr("TOML syntax error"));
}

TEST_F(ConfigLoaderTest, WrongTypeNamesKeyAndLine) {
  EXPECT_EQ(error_of("[worker]\nmax_attempts = 5\nbatch_size = \"ten\"\n"),
            where(3) + "worker.batch_size: expected an integer, got string \"ten\"");
}

TEST_F(ConfigLoaderTest, FloatWhereIntegerExpectedIsAnError) {
  EXPECT_EQ(error_of("[daemon]\ninterval_minutes = 7.5\n"),
            where(2) + "daemon.interval_minutes: expected an integer, got floating-point number 7.5");
}

TEST_F(ConfigLoaderTest, ZeroOrNegativeCountsAreRejected) {
  EXPECT_EQ(error_of("[worker]\nbatch_size = 0\n"),
            where(2) + "worker.batch_size: must be at least 1, got 0");
  EXPECT_EQ(error_of("[database]\npool_size = -3\n"),
            where(2) + "database.pool_size: must be at least 1, got -3");
  EXPECT_THAT(error_of("[worker]\nlease_seconds = 99999999999\n"),
              HasSubstr("worker.lease_seconds: must be at most"));
}

TEST_F(ConfigLoaderTest, SectionOfTheWrongTypeIsAnError) {
  EXPECT_EQ(error_of("worker = 5\n"), where(1) + "worker: expected a table, got integer 5");
}

TEST_F(ConfigLoaderTest, UnknownKeyIsWarnedWithSuggestion) {
  auto loaded = load("[worker]\nbatch_size = 3\nbatch_sise = 20\n");
  ASSERT_EQ(loaded.warnings.size(), 1u);
  EXPECT_EQ(loaded.warnings[0].to_string(),
            where(3) + "worker.batch_sise: unknown key, ignored (did you mean \"batch_size\"?)");
  EXPECT_EQ(loaded.config.worker.batch_size, 3);
}

TEST_F(ConfigLoaderTest, UnknownSectionIsWarnedWithSuggestion) {
  auto loaded = load("[wroker]\nbatch_size = 3\n");
  ASSERT_EQ(loaded.warnings.size(), 1u);
  EXPECT_EQ(loaded.warnings[0].line, 1u);
  EXPECT_EQ(loaded.warnings[0].key, "wroker");
  EXPECT_THAT(loaded.warnings[0].message, HasSubstr("did you mean \"worker\"?"));
  EXPECT_EQ(loaded.config.worker.batch_size, 10);
}

TEST_F(ConfigLoaderTest, UnknownKeyFarFromAnyKnownKeyGetsNoSuggestion) {
  auto loaded = load("[http]\ncompletely_different = 1\n");
  ASSERT_EQ(loaded.warnings.size(), 1u);
  EXPECT_EQ(loaded.warnings[0].message, "unknown key, ignored");
}

TEST_F(ConfigLoaderTest, MissingFileIsAClearError) {
  auto missing = directory_.path() / "nowhere.toml";
  try {
    load_config(missing, Environment());
    FAIL() << "loaded a file that does not exist";
  } catch (const ConfigError& error) {
    EXPECT_THAT(error.what(),
                HasSubstr(missing.string() + ": cannot read the configuration file: No such file"));
  }
}

TEST_F(ConfigLoaderTest, MissingKeysKeepTheirDefaults) {
  auto loaded = load("");
  EXPECT_THAT(loaded.warnings, IsEmpty());
  const Config& config = loaded.config;
  EXPECT_EQ(config.database, DatabaseConfig{});
  EXPECT_EQ(config.plugins, PluginsConfig{});
  EXPECT_EQ(config.worker, WorkerConfig{});
  EXPECT_EQ(config.daemon, DaemonConfig{});
  EXPECT_EQ(config.http, HttpConfig{});
  EXPECT_EQ(config.portfolio, PortfolioConfig{});
  EXPECT_EQ(config.routing, RoutingConfig{});
  EXPECT_EQ(config.file, file_);
  EXPECT_EQ(config.directory, directory_.path());
}

TEST_F(ConfigLoaderTest, FileWithoutSourcesGetsTheBuiltInSources) {
  auto loaded = load("[database]\nurl = \"postgresql://db/prices\"\n");
  ASSERT_EQ(loaded.config.sources.size(), 5u);
  const SourceConfig* yahoo = loaded.config.find_source("yahoo");
  ASSERT_NE(yahoo, nullptr);
  EXPECT_EQ(yahoo->requests_per_minute, 33);
  EXPECT_EQ(yahoo->base_url, "https://query1.finance.yahoo.com");
}

TEST_F(ConfigLoaderTest, FileWithSourcesListsThemAll) {
  auto loaded = load("[sources.mine]\nbase_url = \"http://localhost:9000\"\n");
  ASSERT_EQ(loaded.config.sources.size(), 1u);
  EXPECT_EQ(loaded.config.find_source("yahoo"), nullptr);
}

TEST_F(ConfigLoaderTest, SourceDefaultsApplyToOmittedHostKeys) {
  auto loaded = load("[sources.sandbox]\nplugin = \"yahoo\"\n[sources.other]\n");
  const SourceConfig& sandbox = loaded.config.sources.at(0);
  EXPECT_EQ(sandbox.name, "sandbox");
  EXPECT_EQ(sandbox.plugin, "yahoo");
  EXPECT_EQ(sandbox.base_url, "");
  EXPECT_EQ(sandbox.requests_per_minute, 60);
  EXPECT_EQ(sandbox.burst, 5);
  EXPECT_EQ(loaded.config.sources.at(1).plugin, "other") << "plugin defaults to the table's name";
}

TEST_F(ConfigLoaderTest, SourcesShareTheirRateLimitAcrossTheClusterUnlessScopedToTheHost) {
  auto loaded =
      load("[sources.a]\n[sources.b]\nlimit_scope = \"host\"\n[sources.c]\nlimit_scope = \"cluster\"\n");
  EXPECT_EQ(loaded.config.find_source("a")->limit_scope, LimitScope::cluster);
  EXPECT_EQ(loaded.config.find_source("b")->limit_scope, LimitScope::host);
  EXPECT_EQ(loaded.config.find_source("c")->limit_scope, LimitScope::cluster);
  EXPECT_EQ(loaded.config.unconfigured_source("dropped_in").limit_scope, LimitScope::cluster);
}

TEST_F(ConfigLoaderTest, AnUnknownLimitScopeIsAnErrorNamingTheKeyAndTheChoices) {
  EXPECT_EQ(
      error_of("[sources.yahoo]\nlimit_scope = \"global\"\n"),
      where(2) + "sources.yahoo.limit_scope: unknown scope \"global\"; expected \"cluster\" or \"host\"");
  EXPECT_EQ(error_of("[sources.yahoo]\nlimit_scope = 1\n"),
            where(2) + "sources.yahoo.limit_scope: expected a string, got integer 1");
}

TEST_F(ConfigLoaderTest, SourceHostKeysMustHaveTheirTypes) {
  EXPECT_EQ(error_of("[sources.yahoo]\nrequests_per_minute = \"fast\"\n"),
            where(2) + "sources.yahoo.requests_per_minute: expected an integer, got string \"fast\"");
  EXPECT_EQ(error_of("[sources.yahoo]\nburst = 0\n"),
            where(2) + "sources.yahoo.burst: must be at least 1, got 0");
  EXPECT_EQ(
      error_of("[sources.yahoo]\nbase_url = \"ftp://example.com\"\n"),
      where(2) + "sources.yahoo.base_url: expected an http:// or https:// URL, got \"ftp://example.com\"");
  EXPECT_EQ(error_of("[sources.yahoo]\nplugin = 3\n"),
            where(2) + "sources.yahoo.plugin: expected a string, got integer 3");
}

TEST_F(ConfigLoaderTest, SourceMustBeATable) {
  EXPECT_EQ(error_of("[sources]\nyahoo = 5\n"),
            where(2) + "sources.yahoo: expected a table ([sources.yahoo]), got integer 5");
}

TEST_F(ConfigLoaderTest, PluginKeysInSourceTablesAreFreeAndHandedOverAsJson) {
  auto loaded = load(R"(
[sources.yahoo]
base_url = "https://query2.finance.yahoo.com"
user_agent = "pricefeed"
timeout_ms = 2500
ratio = 0.5
since = 2020-01-02
headers = { Accept = "application/json" }
symbols = ["AAPL", "MSFT"]
)");
  EXPECT_THAT(loaded.warnings, IsEmpty()) << "a plugin's own keys are not unknown keys";
  auto table = nlohmann::json::parse(loaded.config.sources.at(0).table_json);
  EXPECT_EQ(table, nlohmann::json::parse(R"({
    "base_url": "https://query2.finance.yahoo.com", "user_agent": "pricefeed", "timeout_ms": 2500,
    "ratio": 0.5, "since": "2020-01-02", "headers": {"Accept": "application/json"},
    "symbols": ["AAPL", "MSFT"]})"));
}

TEST_F(ConfigLoaderTest, VariablesExpandInsideSourceTables) {
  Environment environment({{"SANDBOX", "http://127.0.0.1:18080"}, {"TOKEN", "s3cret"}});
  auto loaded = load(R"(
[sources.yahoo]
base_url = "${SANDBOX}/yahoo"
auth = { header = "Bearer ${TOKEN}", list = ["${TOKEN}"] }
)",
                     environment);
  const SourceConfig& yahoo = loaded.config.sources.at(0);
  EXPECT_EQ(yahoo.base_url, "http://127.0.0.1:18080/yahoo");
  auto table = nlohmann::json::parse(yahoo.table_json);
  EXPECT_EQ(table["base_url"], "http://127.0.0.1:18080/yahoo");
  EXPECT_EQ(table["auth"]["header"], "Bearer s3cret");
  EXPECT_EQ(table["auth"]["list"][0], "s3cret");
}

TEST_F(ConfigLoaderTest, VariablesExpandInEveryString) {
  Environment environment({{"HOST", "db.internal"}, {"PLUGINS", "/opt/plugins"}, {"SOURCE", "mine"}});
  auto loaded = load(R"(
[database]
url = "postgresql://${HOST}/prices"
[plugins]
dirs = ["${PLUGINS}"]
[routing]
stock = ["${SOURCE}"]
)",
                     environment);
  EXPECT_EQ(loaded.config.database.url, "postgresql://db.internal/prices");
  EXPECT_THAT(loaded.config.plugins.dirs, ElementsAre("/opt/plugins"));
  EXPECT_THAT(loaded.config.routing.sources_for(AssetClass::stock), ElementsAre("mine"));
}

TEST_F(ConfigLoaderTest, UnsetVariableExpandsToEmptyWithoutWarning) {
  auto loaded = load("[sources.coingecko]\napi_key = \"${COINGECKO_API_KEY}\"\n");
  EXPECT_THAT(loaded.warnings, IsEmpty());
  EXPECT_EQ(nlohmann::json::parse(loaded.config.sources.at(0).table_json)["api_key"], "");
}

TEST_F(ConfigLoaderTest, EmptyRequiredValueNamesTheUnsetVariable) {
  EXPECT_EQ(error_of("[database]\nurl = \"${DATABSE_URL}\"\n"),
            where(2) + "database.url: must not be empty (${DATABSE_URL} is not set)");
}

TEST_F(ConfigLoaderTest, MalformedVariableReferenceIsAnError) {
  EXPECT_EQ(error_of("[http]\nauth_token = \"${TOKEN\"\n"),
            where(2) + "http.auth_token: \"${\" without a closing \"}\"");
  EXPECT_THAT(error_of("[sources.x]\nkey = \"${1BAD}\"\n"),
              HasSubstr(where(2) + "sources.x.key: \"${1BAD}\" is not"));
}

TEST_F(ConfigLoaderTest, SecretValuesAreNotQuotedInErrors) {
  std::string message = error_of("[http]\nauth_token = 123456789\n");
  EXPECT_EQ(message, where(2) + "http.auth_token: expected a string, got integer (value hidden)");
}

TEST_F(ConfigLoaderTest, DatabaseUrlEnvironmentOverrides) {
  Environment environment({{"DATABASE_URL", "postgresql://from-env/prices"}});
  auto loaded = load("[database]\nurl = \"postgresql://from-file/prices\"\n", environment);
  EXPECT_EQ(loaded.config.database.url, "postgresql://from-env/prices");
}

TEST_F(ConfigLoaderTest, SessionUrlIsTheUrlUnlessSetApart) {
  auto same = load("[database]\nurl = \"postgresql://bouncer:6432/prices\"\n");
  EXPECT_EQ(same.config.database.session_url, std::nullopt);
  EXPECT_EQ(same.config.database.session_connection_url(), "postgresql://bouncer:6432/prices");

  auto apart = load(
      "[database]\nurl = \"postgresql://bouncer:6432/prices\"\nsession_url = \"postgresql://db/prices\"\n");
  EXPECT_THAT(apart.warnings, IsEmpty());
  EXPECT_EQ(apart.config.database.url, "postgresql://bouncer:6432/prices");
  EXPECT_EQ(apart.config.database.session_connection_url(), "postgresql://db/prices");
}

TEST_F(ConfigLoaderTest, SessionUrlFollowsTheUrlsEnvironmentOverrideUnlessItHasItsOwn) {
  auto followed = load("[database]\nurl = \"postgresql://from-file/prices\"\n",
                       Environment({{"DATABASE_URL", "postgresql://from-env/prices"}}));
  EXPECT_EQ(followed.config.database.session_connection_url(), "postgresql://from-env/prices");

  auto own = load("[database]\nsession_url = \"postgresql://from-file/prices\"\n",
                  Environment({{"DATABASE_SESSION_URL", "postgresql://direct-from-env/prices"}}));
  EXPECT_EQ(own.config.database.session_connection_url(), "postgresql://direct-from-env/prices");
}

TEST_F(ConfigLoaderTest, EmptySessionUrlIsAnError) {
  EXPECT_EQ(error_of("[database]\nsession_url = \"\"\n"),
            where(2) + "database.session_url: must not be empty");
}

TEST_F(ConfigLoaderTest, SeedVariablesOverrideTheirKeys) {
  Environment environment({{"FETCH_INTERVAL_MINUTES", "3"},
                           {"TRADING_HOURS_ONLY", "no"},
                           {"BACKFILL_BATCH_SIZE", "50"},
                           {"MAX_BACKFILL_ATTEMPTS", " 9 "},
                           {"RETRY_EXPONENTIAL_BASE", "2"}});
  auto loaded = load("[worker]\nbatch_size = 10\n[daemon]\ntrading_hours_only = true\n", environment);
  EXPECT_EQ(loaded.config.daemon.interval_minutes, 3);
  EXPECT_FALSE(loaded.config.daemon.trading_hours_only);
  EXPECT_EQ(loaded.config.worker.batch_size, 50);
  EXPECT_EQ(loaded.config.worker.max_attempts, 9);
  EXPECT_EQ(loaded.config.worker.retry_base_minutes, 2);
}

TEST_F(ConfigLoaderTest, TradingHoursOnlyAcceptsTheUsualSpellings) {
  for (auto [text, expected] :
       {std::pair{"true", true}, {"1", true}, {"YES", true}, {"False", false}, {"0", false}}) {
    auto loaded = load("", Environment({{"TRADING_HOURS_ONLY", text}}));
    EXPECT_EQ(loaded.config.daemon.trading_hours_only, expected) << text;
  }
}

TEST_F(ConfigLoaderTest, MalformedOverrideNamesTheVariable) {
  EXPECT_EQ(error_of("", Environment({{"BACKFILL_BATCH_SIZE", "ten"}})),
            "environment variable BACKFILL_BATCH_SIZE (overrides worker.batch_size): expected a positive "
            "integer, got "
            "\"ten\"");
  EXPECT_EQ(error_of("", Environment({{"TRADING_HOURS_ONLY", "sometimes"}})),
            "environment variable TRADING_HOURS_ONLY (overrides daemon.trading_hours_only): expected "
            "true/false, 1/0 "
            "or yes/no, got \"sometimes\"");
  EXPECT_THAT(
      error_of("", Environment({{"FETCH_INTERVAL_MINUTES", "0"}})),
      HasSubstr("environment variable FETCH_INTERVAL_MINUTES (overrides daemon.interval_minutes): must be "
                "between 1 and"));
  EXPECT_THAT(error_of("", Environment({{"MAX_REQUESTS_PER_MINUTE", "-5"}})),
              HasSubstr("environment variable MAX_REQUESTS_PER_MINUTE"));
}

TEST_F(ConfigLoaderTest, EmptyOverrideVariableCountsAsUnset) {
  auto loaded = load("[database]\nurl = \"postgresql://from-file/prices\"\n",
                     Environment({{"DATABASE_URL", ""}, {"BACKFILL_BATCH_SIZE", ""}}));
  EXPECT_EQ(loaded.config.database.url, "postgresql://from-file/prices");
  EXPECT_EQ(loaded.config.worker.batch_size, 10);
}

TEST_F(ConfigLoaderTest, CoinGeckoApiKeyOverridesTheTableKey) {
  Environment environment({{"COINGECKO_API_KEY", "CG-demo"}});
  auto loaded = load("[sources.coingecko]\napi_key = \"written-in-file\"\n[sources.binance]\n", environment);
  EXPECT_EQ(nlohmann::json::parse(loaded.config.find_source("coingecko")->table_json)["api_key"], "CG-demo");
  EXPECT_FALSE(nlohmann::json::parse(loaded.config.find_source("binance")->table_json).contains("api_key"));
}

TEST_F(ConfigLoaderTest, CoinGeckoApiKeyReachesAnUnconfiguredCoinGecko) {
  auto loaded = load("[sources.binance]\n", Environment({{"COINGECKO_API_KEY", "CG-demo"}}));
  SourceConfig coingecko = loaded.config.unconfigured_source("coingecko");
  EXPECT_EQ(nlohmann::json::parse(coingecko.table_json), nlohmann::json({{"api_key", "CG-demo"}}));
  EXPECT_EQ(loaded.config.unconfigured_source("other").table_json, "{}");
}

TEST_F(ConfigLoaderTest, MaxRequestsPerMinuteAppliesToSourcesThatSetNone) {
  auto loaded = load("[sources.a]\n[sources.b]\nrequests_per_minute = 7\n",
                     Environment({{"MAX_REQUESTS_PER_MINUTE", "42"}}));
  EXPECT_EQ(loaded.config.find_source("a")->requests_per_minute, 42);
  EXPECT_EQ(loaded.config.find_source("b")->requests_per_minute, 7);
  EXPECT_EQ(loaded.config.unconfigured_source("dropped_in").requests_per_minute, 42);
  EXPECT_EQ(loaded.config.unconfigured_source("dropped_in").burst, 5);
}

TEST_F(ConfigLoaderTest, UnknownRoutingClassIsAnError) {
  EXPECT_EQ(error_of("[routing]\nstocks = [\"yahoo\"]\n"),
            where(2) +
                "routing.stocks: unknown asset class; expected one of stock, crypto, commodity, forex, bond "
                "(did you mean \"stock\"?)");
}

TEST_F(ConfigLoaderTest, RoutingKeepsDefaultsForClassesLeftOutAndEmptyMeansUnserved) {
  auto loaded = load("[routing]\ncrypto = [\"coingecko\"]\nbond = []\n");
  EXPECT_THAT(loaded.config.routing.sources_for(AssetClass::crypto), ElementsAre("coingecko"));
  EXPECT_THAT(loaded.config.routing.sources_for(AssetClass::bond), IsEmpty());
  EXPECT_THAT(loaded.config.routing.sources_for(AssetClass::forex), ElementsAre("forex", "yahoo"));
}

TEST_F(ConfigLoaderTest, RoutingToASourceWithoutTableIsAllowed) {
  auto loaded = load("[sources.yahoo]\n[routing]\nstock = [\"yahoo\", \"dropped_in\"]\n");
  EXPECT_THAT(loaded.config.routing.sources_for(AssetClass::stock), ElementsAre("yahoo", "dropped_in"));
  EXPECT_THAT(loaded.warnings, IsEmpty());
}

TEST_F(ConfigLoaderTest, RoutingToASourceWithoutTableWarnsWhenUnconfiguredPluginsAreDisabled) {
  auto loaded = load(
      "[plugins]\nenable_unconfigured = false\n[sources.yahoo]\n"
      "[routing]\nstock = [\"yahoo\", \"dropped_in\"]\nbond = [\"yahoo\"]\ncrypto = []\ncommodity = []\n"
      "forex = []\n");
  ASSERT_EQ(loaded.warnings.size(), 1u);
  EXPECT_EQ(loaded.warnings[0].to_string(),
            where(5) +
                "routing.stock: \"dropped_in\" has no [sources.dropped_in] table and "
                "plugins.enable_unconfigured is false, so it is skipped");
}

TEST_F(ConfigLoaderTest, RoutingRejectsDuplicatesAndNonStrings) {
  EXPECT_EQ(error_of("[routing]\nstock = [\"yahoo\", \"yahoo\"]\n"),
            where(2) + "routing.stock: \"yahoo\" is listed twice");
  EXPECT_EQ(error_of("[routing]\nstock = \"yahoo\"\n"),
            where(2) + "routing.stock: expected an array of strings, got string \"yahoo\"");
}

TEST_F(ConfigLoaderTest, RelativePluginDirsResolveAgainstTheConfigFile) {
  auto loaded = load("[plugins]\ndirs = [\"plugins.d\", \"../shared\", \"/abs/dir\"]\n");
  EXPECT_THAT(loaded.config.plugins.dirs,
              ElementsAre(directory_.path() / "plugins.d",
                          (directory_.path() / "../shared").lexically_normal(), "/abs/dir"));
}

TEST_F(ConfigLoaderTest, PluginDirectoryWatchingIsOffByDefaultAndSettlesForASecond) {
  const PluginsConfig plugins = load("").config.plugins;
  EXPECT_FALSE(plugins.watch);
  EXPECT_EQ(plugins.watch_settle_ms, 1000);
}

TEST_F(ConfigLoaderTest, PluginDirectoryWatchingIsReadWithItsSettleTime) {
  const PluginsConfig plugins = load("[plugins]\nwatch = true\nwatch_settle_ms = 250\n").config.plugins;
  EXPECT_TRUE(plugins.watch);
  EXPECT_EQ(plugins.watch_settle_ms, 250);
}

TEST_F(ConfigLoaderTest, ASettleTimeOutside50To60000MillisecondsIsRefused) {
  EXPECT_EQ(error_of("[plugins]\nwatch_settle_ms = 10\n"),
            where(2) + "plugins.watch_settle_ms: must be at least 50, got 10");
  EXPECT_EQ(error_of("[plugins]\nwatch_settle_ms = 60001\n"),
            where(2) + "plugins.watch_settle_ms: must be at most 60000, got 60001");
  EXPECT_EQ(error_of("[plugins]\nwatch = \"yes\"\n"),
            where(2) + "plugins.watch: expected a boolean (true or false), got string \"yes\"");
}

TEST_F(ConfigLoaderTest, TheExchangesFileResolvesAgainstTheConfigFile) {
  EXPECT_EQ(load("").config.exchanges_file_path(), directory_.path() / "exchanges.toml");
  EXPECT_EQ(load("[daemon]\nexchanges_file = \"cal/x.toml\"\n").config.exchanges_file_path(),
            directory_.path() / "cal" / "x.toml");
  EXPECT_EQ(load("[daemon]\nexchanges_file = \"/srv/x.toml\"\n").config.exchanges_file_path(), "/srv/x.toml");
  EXPECT_EQ(Config{}.exchanges_file_path(), "/etc/pricefeed/exchanges.toml");
  EXPECT_EQ(error_of("[daemon]\nexchanges_file = \"\"\n").rfind(where(2) + "daemon.exchanges_file: ", 0), 0u);
}

TEST_F(ConfigLoaderTest, InvalidResolutionIsRejected) {
  EXPECT_EQ(error_of("[worker]\nresolutions = [\"1d\", \"5m\"]\n"),
            where(2) + "worker.resolutions: unknown resolution \"5m\"; expected 1d, 1h or 1m");
  EXPECT_EQ(error_of("[worker]\nresolutions = []\n"),
            where(2) + "worker.resolutions: must name at least one resolution");
}

TEST_F(ConfigLoaderTest, EarliestHistoryIsADateAndDefaultsTo1970) {
  EXPECT_EQ(load("").config.worker.earliest_history, std::chrono::sys_days{});
  EXPECT_EQ(load("[worker]\nearliest_history = \"1990-01-02\"\n").config.worker.earliest_history,
            std::chrono::sys_days{std::chrono::year{1990} / 1 / 2});
  EXPECT_EQ(error_of("[worker]\nearliest_history = \"1990-02-30\"\n"),
            where(2) +
                "worker.earliest_history: \"1990-02-30\" is not a date; expected YYYY-MM-DD, such as "
                "\"1970-01-01\"");
  EXPECT_THAT(error_of("[worker]\nearliest_history = 1990\n"),
              HasSubstr(where(2) + "worker.earliest_history: "));
}

TEST_F(ConfigLoaderTest, ListenAddressMustBeHostAndPort) {
  EXPECT_EQ(load("[http]\nlisten = \"[::1]:0\"\n").config.http.listen, "[::1]:0");
  EXPECT_EQ(load("[http]\nlisten = \"0.0.0.0:80\"\n").config.http.listen, "0.0.0.0:80");
  for (const char* bad : {"8080", ":8080", "localhost:", "localhost:99999", "::1:8080", "host:http"}) {
    EXPECT_THAT(error_of(std::string("[http]\nlisten = \"") + bad + "\"\n"),
                HasSubstr(where(2) + "http.listen: expected HOST:PORT"))
        << bad;
  }
}

TEST_F(ConfigLoaderTest, HttpLimitsAreReadAndEachMustBeAtLeastOne) {
  const HttpConfig http = load(
                              "[http]\nmax_connections = 64\nmax_requests_per_connection = 100\n"
                              "header_timeout_seconds = 5\nrequest_timeout_seconds = 20\n"
                              "keep_alive_timeout_seconds = 15\n")
                              .config.http;
  EXPECT_EQ(http.max_connections, 64);
  EXPECT_EQ(http.max_requests_per_connection, 100);
  EXPECT_EQ(http.header_timeout_seconds, 5);
  EXPECT_EQ(http.request_timeout_seconds, 20);
  EXPECT_EQ(http.keep_alive_timeout_seconds, 15);
  for (const char* key : {"max_connections", "max_requests_per_connection", "header_timeout_seconds",
                          "request_timeout_seconds", "keep_alive_timeout_seconds"}) {
    EXPECT_THAT(error_of(std::string("[http]\n") + key + " = 0\n"),
                HasSubstr(where(2) + "http." + key + ": "))
        << key;
  }
}

TEST_F(ConfigLoaderTest, HeaderTimeoutMayNotExceedTheRequestTimeout) {
  EXPECT_EQ(error_of("[http]\nrequest_timeout_seconds = 5\nheader_timeout_seconds = 6\n"),
            where(3) +
                "http.header_timeout_seconds: header_timeout_seconds (6) must not exceed "
                "request_timeout_seconds (5)");
  EXPECT_THAT(
      error_of("[http]\nrequest_timeout_seconds = 5\n"),
      HasSubstr(where(2) + "http.request_timeout_seconds: header_timeout_seconds (10) must not exceed"));
}

TEST_F(ConfigLoaderTest, ClusterTimingIsReadWithDefaults) {
  EXPECT_EQ(load("").config.cluster, (ClusterConfig{.dead_after_seconds = 60, .heartbeat_seconds = 10}));
  EXPECT_EQ(load("[cluster]\ndead_after_seconds = 30\nheartbeat_seconds = 5\n").config.cluster,
            (ClusterConfig{.dead_after_seconds = 30, .heartbeat_seconds = 5}));
  EXPECT_THAT(error_of("[cluster]\nheartbeat_seconds = 0\n"),
              HasSubstr(where(2) + "cluster.heartbeat_seconds: "));
}

TEST_F(ConfigLoaderTest, TheHeartbeatMustComeMoreOftenThanAHostIsDeclaredDead) {
  EXPECT_EQ(
      error_of("[cluster]\ndead_after_seconds = 30\nheartbeat_seconds = 30\n"),
      where(3) +
          "cluster.heartbeat_seconds: heartbeat_seconds (30) must be less than dead_after_seconds (30), "
          "or every host would look dead between two heartbeats");
  EXPECT_THAT(error_of("[cluster]\ndead_after_seconds = 8\n"),
              HasSubstr(where(2) + "cluster.dead_after_seconds: heartbeat_seconds (10) must be less than"));
}

TEST_F(ConfigLoaderTest, BaseCurrencyIsUppercasedAndValidated) {
  EXPECT_EQ(load("[portfolio]\nbase_currency = \"eur\"\n").config.portfolio.base_currency, "EUR");
  EXPECT_THAT(error_of("[portfolio]\nbase_currency = \"EURO\"\n"),
              HasSubstr(where(2) + "portfolio.base_currency: expected a three-letter ISO 4217"));
}

TEST_F(ConfigLoaderTest, SourceNameMustBeUsableEverywhere) {
  EXPECT_THAT(error_of("[sources.\"my source\"]\n"),
              HasSubstr(where(1) + "sources.my source: a source name is"));
}

TEST_F(ConfigLoaderTest, DefaultConfigNeedsNoFile) {
  auto loaded = default_config(Environment({{"DATABASE_URL", "postgresql://env/db"}}));
  EXPECT_THAT(loaded.warnings, IsEmpty());
  EXPECT_TRUE(loaded.config.file.empty());
  EXPECT_EQ(loaded.config.database.url, "postgresql://env/db");
  EXPECT_EQ(loaded.config.sources.size(), 5u);
  EXPECT_EQ(loaded.config.find_source("binance")->requests_per_minute, 6000);
  EXPECT_EQ(loaded.config.find_source("forex")->requests_per_minute, 60);
}

std::filesystem::path shipped_config() {
  const char* source_dir = std::getenv("PRICEFEED_SOURCE_DIR");  // set by the test harness (CTest)
  if (source_dir == nullptr) return {};
  return std::filesystem::path(source_dir) / "config" / "pricefeed.toml";
}

TEST(ShippedConfigTest, ShippedConfigLoadsWithoutWarnings) {
  auto file = shipped_config();
  if (file.empty()) GTEST_SKIP() << "PRICEFEED_SOURCE_DIR is not set; run through ctest";
  auto loaded = load_config(file, Environment());
  std::string warnings;
  for (const auto& warning : loaded.warnings)
    warnings += warning.to_string() + "\n";
  EXPECT_THAT(loaded.warnings, IsEmpty()) << warnings;
  EXPECT_EQ(loaded.config.sources.size(), 5u);
}

TEST(ShippedConfigTest, ShippedConfigMatchesTheBuiltInDefaults) {
  auto file = shipped_config();
  if (file.empty()) GTEST_SKIP() << "PRICEFEED_SOURCE_DIR is not set; run through ctest";
  Environment environment({{"COINGECKO_API_KEY", "CG-demo"}});
  auto shipped = load_config(file, environment).config;
  auto built_in = default_config(environment).config;
  EXPECT_TRUE(shipped.same_settings_as(built_in));
  // The sections default-constructed in Config.hpp are the same defaults again.
  EXPECT_EQ(shipped.worker, WorkerConfig{});
  EXPECT_EQ(shipped.events, EventsConfig{});
  EXPECT_EQ(shipped.routing, RoutingConfig{});
  EXPECT_EQ(shipped.database, DatabaseConfig{});
  EXPECT_EQ(shipped.plugins, PluginsConfig{});
  EXPECT_EQ(shipped.daemon, DaemonConfig{});
  EXPECT_EQ(shipped.http, HttpConfig{});
  EXPECT_EQ(shipped.portfolio, PortfolioConfig{});
}

TEST_F(ConfigLoaderTest, RetentionKeepsCompletedJobs30DaysAndEvents90ByDefault) {
  const Config config = load("").config;
  EXPECT_EQ(config.worker.retain_completed_days, 30);
  EXPECT_EQ(config.events.retain_days, 90);
}

TEST_F(ConfigLoaderTest, RetentionOfZeroDaysKeepsForeverAndNegativeIsRefused) {
  const Config config = load("[worker]\nretain_completed_days = 0\n[events]\nretain_days = 0\n").config;
  EXPECT_EQ(config.worker.retain_completed_days, 0);
  EXPECT_EQ(config.events.retain_days, 0);
  EXPECT_EQ(error_of("[events]\nretain_days = -1\n"),
            where(2) + "events.retain_days: must be at least 0, got -1");
  EXPECT_EQ(error_of("[worker]\nbatch_size = 2\nretain_completed_days = \"long\"\n"),
            where(3) + "worker.retain_completed_days: expected an integer, got string \"long\"");
}

TEST_F(ConfigLoaderTest, TimeoutsDoubleUpTo120SecondsUnlessTheFirstIsLonger) {
  const Config config = load(
                            "[sources.a]\n[sources.b]\ntimeout_seconds = 300\n[sources.c]\n"
                            "timeout_seconds = 5\ntimeout_max_seconds = 40\n")
                            .config;
  EXPECT_EQ(config.find_source("a")->timeout_seconds, 30);
  EXPECT_EQ(config.find_source("a")->timeout_max_seconds, 120);
  EXPECT_EQ(config.find_source("b")->timeout_max_seconds, 300) << "a longer first timeout is not capped";
  EXPECT_EQ(config.find_source("c")->timeout_max_seconds, 40);
}

TEST_F(ConfigLoaderTest, ATimeoutCapBelowTheFirstTimeoutIsRefused) {
  EXPECT_EQ(error_of("[sources.yahoo]\ntimeout_seconds = 60\ntimeout_max_seconds = 30\n"),
            where(3) + "sources.yahoo.timeout_max_seconds: must be at least timeout_seconds (60), got 30");
  EXPECT_EQ(error_of("[sources.yahoo]\ntimeout_max_seconds = 0\n"),
            where(2) + "sources.yahoo.timeout_max_seconds: must be at least 1, got 0");
}

}  // namespace
}  // namespace pricefeed::host
