// `pricefeed check-config` against a real `pricefeed serve`: it reads what runs from GET
// /health/sources and says, source by source, what a reload of a modified copy of serve's config would
// start, change, keep and stop, without writing to serve's database.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/e2e/ServeProcess.hpp"
#include "tests/host/cli/PricefeedBinary.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TemporaryDirectory.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::test {
namespace {

using ::testing::ContainsRegex;
using ::testing::EndsWith;
using ::testing::HasSubstr;
using ::testing::MatchesRegex;

const std::string kToken = "check-config-token";

// A [sources.NAME] table served by `plugin`, plus `extra` (whole lines).
std::string table(const std::string& name, const std::string& plugin, const std::string& base_url,
                  const std::string& extra = "") {
  return "[sources." + name + "]\nplugin = \"" + plugin + "\"\nbase_url = \"" + base_url + "\"\n" + extra;
}

// GET /health/sources with the token, once serve listens (up to 10 s while it starts).
nlohmann::json sources_health_once_listening(unsigned short port) {
  for (int i = 0;; ++i) {
    try {
      const auto r =
          sandbox::http_request(port, "GET", "/health/sources", "", {{"Authorization", "Bearer " + kToken}});
      if (r.status == 200) return nlohmann::json::parse(r.body);
    } catch (const std::exception&) {
      if (i == 100) throw;
    }
    if (i == 100) throw std::runtime_error("serve never answered /health/sources with 200");
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
}

// The rows check-config never adds to (it never registers a host, queues a job or migrates).
std::string database_rows(const TestDatabase& db) {
  const auto row = query(db,
                         "SELECT (SELECT count(*) FROM hosts)::text || ' hosts, ' || "
                         "(SELECT count(*) FROM backfill_queue)::text || ' jobs, ' || "
                         "(SELECT count(*) FROM schema_migrations)::text || ' migrations'");
  return row[0][0].as<std::string>();
}

class CheckConfigEndToEnd : public ::testing::Test {
 protected:
  // serve_with_yahoo_toml's [routing] completed (its default chains name sources not run here),
  // then `sources`.
  std::string serve_toml(const std::string& sources, const std::string& token = kToken) const {
    return serve_with_yahoo_toml(db_, port_, upstream_.base_url(), "auth_token = \"" + token + "\"\n") +
           "crypto = [\"coingecko\"]\ncommodity = []\nforex = []\nbond = []\n" + sources;
  }

  TestDatabase db_;
  sandbox::SandboxProcess upstream_;
  TemporaryDirectory dir_;
  const unsigned short port_ = free_port();
};

TEST_F(CheckConfigEndToEnd, SaysWhatAReloadOfAModifiedCopyWouldStartChangeKeepAndStop) {
  const std::string base = upstream_.base_url();
  const auto running = dir_.write_file(
      "running.toml", serve_toml(table("coingecko", "coingecko", base, "api_key = \"old-key-1\"\n") +
                                 table("dropme", "yahoo", base)));
  ServeProcess serve(running);
  const auto health = sources_health_once_listening(port_);
  const std::string rows_before = database_rows(db_);

  // What serve shows: each source's plugin file and a fingerprint under this process's salt.
  EXPECT_THAT(health["fingerprint_salt"].get<std::string>(), MatchesRegex("[0-9a-f]{32}"));
  ASSERT_EQ(health["sources"].size(), 3u) << health.dump();
  for (const auto& source : health["sources"]) {
    EXPECT_THAT(source["plugin_file"].get<std::string>(),
                EndsWith("/" + source["plugin"].get<std::string>() + ".so"));
    EXPECT_THAT(source["fingerprint"].get<std::string>(), MatchesRegex("[0-9a-f]{64}"));
  }

  // Its own config: every source kept.
  auto r = run_pricefeed({"--config", running.string(), "check-config"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("compared with the serve at 127.0.0.1:" + std::to_string(port_) + "\n"));
  EXPECT_THAT(r.out, ContainsRegex("\nyahoo +yahoo +yes +keep +ready\n"));
  EXPECT_THAT(r.out, ContainsRegex("\ncoingecko +coingecko +yes +keep +ready\n"));
  EXPECT_THAT(r.out, ContainsRegex("\ndropme +yahoo +yes +keep +ready\n"));

  // A copy with a new api_key, a new table and one removed.
  const auto modified = dir_.write_file(
      "modified.toml", serve_toml(table("coingecko", "coingecko", base, "api_key = \"new-key-2\"\n") +
                                  table("yahoo_b", "yahoo", base)));
  r = run_pricefeed({"--config", modified.string(), "check-config"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, ContainsRegex("\nyahoo +yahoo +yes +keep +ready\n"));
  EXPECT_THAT(r.out, ContainsRegex("\ncoingecko +coingecko +yes +change +ready\n"));
  EXPECT_THAT(r.out, ContainsRegex("\nyahoo_b +yahoo +yes +start +ready\n"));
  EXPECT_THAT(r.out, ContainsRegex("\ndropme +yahoo +- +stop +running\n"));
  EXPECT_THAT(r.out, EndsWith("\nconfiguration ok\n"));
  EXPECT_THAT(r.out + r.err, ::testing::Not(HasSubstr("new-key-2")));  // a secret is never printed
  r = run_pricefeed({"--config", modified.string(), "check-config", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  std::map<std::string, std::string> actions;
  const auto json = nlohmann::json::parse(r.out);
  for (const auto& source : json["sources"])
    actions[source["name"].get<std::string>()] = source["action"].get<std::string>();
  EXPECT_EQ(actions,
            (std::map<std::string, std::string>{
                {"yahoo", "keep"}, {"coingecko", "change"}, {"yahoo_b", "start"}, {"dropme", "stop"}}));

  // A token serve does not take is a problem: what runs cannot be known.
  const auto wrong_token =
      dir_.write_file("wrong-token.toml", serve_toml(table("coingecko", "coingecko", base), "not-the-token"));
  r = run_pricefeed({"--config", wrong_token.string(), "check-config"});
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_THAT(r.out, HasSubstr("answered 401: [http] auth_token is not the running serve's"));
  EXPECT_THAT(r.out, ContainsRegex("\nyahoo +yahoo +yes +unknown +ready\n"));
  EXPECT_THAT(r.out, EndsWith("\n1 problem\n"));

  EXPECT_EQ(database_rows(db_), rows_before);
  EXPECT_EQ(serve.stop(), 0);
}

}  // namespace
}  // namespace pricefeed::test
