// Cluster mode proven with real processes (issue 17, docs/cluster.md "Proof"): three `pricefeed serve`
// hosts on one database, one Yahoo source limited to 60 requests a minute, and the sandbox's request
// log as the witness of what the three did together. Each host's Yahoo source sends its own
// User-Agent, so the log tells the hosts apart. One behaviour per test:
//
//   ClusterEndToEnd.
//     AllBuysCompleteAndEachHistoryIsFetchedOnce          40 buys over the three APIs, one fetch each
//     NoMinuteOfUpstreamRequestsExceedsTheLimitPlusBurst  the shared budget under a minute of load
//     A429ToOneHostSilencesAllHostsForItsRetryAfter       the shared cooldown
//     ADaemonTickOnEveryHostQuotesEachDueAssetOnce        three `daemon --once` at one moment
//   ClusterHostKilledMidJob.                              SIGKILL of the host holding a job
//     AJobOfAKilledHostIsFinishedByAnotherWithinTwoLeases
//     AKilledHostIsShownDead                              by `pricefeed hosts --json`
//
// The hosts' own daemons never tick during a test (a week's interval), so every request in the log
// comes from the jobs or daemon runs a test starts.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "tests/e2e/EndToEndSupport.hpp"
#include "tests/e2e/ServeProcess.hpp"
#include "tests/host/cli/PricefeedBinary.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/TemporaryDirectory.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::test {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using nlohmann::json;

constexpr int kHosts = 3;
// The one source's budget, shared by the three hosts (limit_scope = "cluster", the default).
constexpr int kRequestsPerMinute = 60;
constexpr int kBurst = 3;
// Host i's Yahoo source sends "pricefeed-cluster-e2e/host-i": the log's way of telling hosts apart
// (source ports change with every new upstream connection).
constexpr const char* kUserAgentPrefix = "pricefeed-cluster-e2e/host-";
// A week: the hosts' own daemons do not tick while a test runs.
constexpr int kIdleDaemonMinutes = 7 * 24 * 60;
// Tuesday 2026-11-24 15:00 UTC: New York is open (10:00), so held stocks are due for a quote.
constexpr const char* kMarketsOpen = "2026-11-24T15:00:00Z";

// How each host is configured; the defaults are those of a cluster left alone.
struct HostSettings {
  int lease_seconds = 300;
  int daemon_interval_minutes = kIdleDaemonMinutes;
  // [cluster]; 0: the defaults (dead after 60 s, a heartbeat every 10 s).
  int dead_after_seconds = 0;
  int heartbeat_seconds = 0;
};

// One request a host's Yahoo source sent, as the sandbox logged it.
struct UpstreamRequest {
  std::int64_t received_ms = 0;  // the sandbox's wall clock
  int host = -1;                 // 0 .. kHosts-1
  std::string route;
  std::vector<std::string> symbols;
  unsigned status = 0;
};

// The most requests that fall in one window [from, from + width), and the first such window.
struct BusiestWindow {
  std::size_t requests = 0;
  std::int64_t from_ms = 0;
};

// `requests` oldest first. The busiest window can always be taken to start at a request.
BusiestWindow busiest_window(const std::vector<UpstreamRequest>& requests, std::chrono::milliseconds width) {
  BusiestWindow busiest;
  std::size_t end = 0;
  for (std::size_t start = 0; start < requests.size(); ++start) {
    const std::int64_t until = requests[start].received_ms + width.count();
    while (end < requests.size() && requests[end].received_ms < until)
      ++end;
    if (end - start > busiest.requests) busiest = {end - start, requests[start].received_ms};
  }
  return busiest;
}

std::string describe(const UpstreamRequest& r, std::int64_t origin_ms) {
  std::string symbols;
  for (const auto& s : r.symbols)
    symbols += (symbols.empty() ? "" : ",") + s;
  return "  +" + std::to_string(r.received_ms - origin_ms) + " ms host-" + std::to_string(r.host) + " " +
         r.route + " " + symbols + " -> " + std::to_string(r.status) + "\n";
}

// "SYMBOL: n" for each of `symbols` counted other than once; empty when each was counted once.
std::string not_exactly_once(const std::vector<std::string>& symbols,
                             const std::map<std::string, int>& counts) {
  std::string out;
  for (const auto& s : symbols) {
    const auto it = counts.find(s);
    const int n = it == counts.end() ? 0 : it->second;
    if (n != 1) out += (out.empty() ? "" : ", ") + s + ": " + std::to_string(n);
  }
  return out;
}

class ClusterEndToEnd : public ::testing::Test {
 protected:
  // The hosts are killed, not stopped: a host stops only once each job's request waiting for the
  // shared budget has been let through (up to a minute), and the tests leave work queued on purpose.
  void TearDown() override {
    for (int i = 0; i < kHosts; ++i) {
      if (!hosts_[i]) continue;
      hosts_[i]->kill_hard();
      if (HasFailure()) std::cerr << "--- host-" << i << " log (tail) ---\n" << hosts_[i]->log_tail(12);
    }
  }

  void start_sandbox(std::vector<std::string> args = {}) {
    sandbox_ = std::make_unique<sandbox::SandboxProcess>(std::move(args));
  }

  std::string host_toml(int host, const HostSettings& settings) {
    std::string cluster;
    if (settings.dead_after_seconds > 0) {
      cluster = "[cluster]\ndead_after_seconds = " + std::to_string(settings.dead_after_seconds) +
                "\nheartbeat_seconds = " + std::to_string(settings.heartbeat_seconds) + "\n";
    }
    return database_and_plugins_toml(db_) + "[http]\nlisten = \"127.0.0.1:" + std::to_string(ports_[host]) +
           "\"\n[worker]\nlookback_days = 30\nlease_seconds = " + std::to_string(settings.lease_seconds) +
           "\n[daemon]\ninterval_minutes = " + std::to_string(settings.daemon_interval_minutes) +
           "\nexchanges_file = \"" + PRICEFEED_EXCHANGES_FILE + "\"\n" + cluster +
           source_toml("yahoo", sandbox_->base_url(), kRequestsPerMinute, kBurst) + "user_agent = \"" +
           kUserAgentPrefix + std::to_string(host) + "\"\n[routing]\nstock = [\"yahoo\"]\n";
  }

  void write_configs(const HostSettings& settings = {}) {
    for (int i = 0; i < kHosts; ++i) {
      ports_[i] = free_port();
      configs_[i] = dir_.write_file("host-" + std::to_string(i) + ".toml", host_toml(i, settings));
    }
  }

  // Three `serve` processes, each answering on its own port once this returns.
  void start_hosts(const HostSettings& settings = {}) {
    write_configs(settings);
    for (int i = 0; i < kHosts; ++i)
      hosts_[i] =
          std::make_unique<ServeProcess>(configs_[i], dir_.path() / ("host-" + std::to_string(i) + ".log"));
    for (int i = 0; i < kHosts; ++i)
      wait_until_listening(*hosts_[i], ports_[i]);
  }

  // One buy per symbol, posted to the hosts' APIs in turn. Throws when one is not accepted.
  void buy(const std::vector<std::string>& symbols) {
    for (std::size_t i = 0; i < symbols.size(); ++i) {
      const auto answer =
          sandbox::http_request(ports_[i % kHosts], "POST", "/v1/events", buy_event(symbols[i]),
                                {{"Content-Type", "application/json"}});
      if (answer.status != 202)
        throw std::runtime_error("the buy of " + symbols[i] + " was refused: " + answer.body);
    }
  }

  // Every request the hosts' Yahoo source sent so far, oldest first (the log's order).
  std::vector<UpstreamRequest> upstream_requests() const {
    const json log = json::parse(sandbox_->requests());
    EXPECT_EQ(log.at("dropped").get<std::uint64_t>(), 0u) << "the sandbox's request log overflowed";
    std::vector<UpstreamRequest> requests;
    for (const json& entry : log.at("requests")) {
      const std::string agent = entry.at("user_agent").get<std::string>();
      if (!agent.starts_with(kUserAgentPrefix)) continue;
      requests.push_back({entry.at("received_ms").get<std::int64_t>(),
                          std::stoi(agent.substr(std::string(kUserAgentPrefix).size())),
                          entry.at("route").get<std::string>(),
                          entry.at("symbols").get<std::vector<std::string>>(),
                          entry.at("status").get<unsigned>()});
    }
    return requests;
  }

  std::int64_t scalar(const std::string& sql) const { return query(db_, sql)[0][0].as<std::int64_t>(); }

  // `pricefeed hosts --json` through host `host`'s config: the hosts table as the cluster sees it,
  // [{"id":"<hostname>:<pid>","pid":...,"state":"alive"|"dead"|"stopped",...}].
  json hosts_listing(int host) const {
    const auto r =
        run_pricefeed({"--config", configs_[host].string(), "--log-format", "text", "hosts", "--json"});
    if (r.exit_code != 0) throw std::runtime_error("pricefeed hosts --json failed: " + r.err + r.out);
    return json::parse(r.out).at("hosts");
  }

  TestDatabase db_;
  std::unique_ptr<sandbox::SandboxProcess> sandbox_;
  TemporaryDirectory dir_;
  std::array<unsigned short, kHosts> ports_{};
  std::array<std::filesystem::path, kHosts> configs_;
  std::array<std::unique_ptr<ServeProcess>, kHosts> hosts_;
};

// 40 buys of different stocks, spread over the three APIs: every job completes, and each asset's
// history is asked of Yahoo exactly once. A year (here 30 days) of daily bars is one chart request
// (YahooRangePlan: daily ranges are never split), so a second chart request for a symbol is a job run
// twice or a request sent again.
TEST_F(ClusterEndToEnd, AllBuysCompleteAndEachHistoryIsFetchedOnce) {
  start_sandbox();
  start_hosts();
  const auto symbols = stock_symbols(40);
  buy(symbols);
  const bool settled = wait_for(
      [&] {
        return scalar("SELECT count(*) FROM backfill_queue WHERE status IN ('completed', 'failed')") ==
               static_cast<std::int64_t>(symbols.size());
      },
      120s, 500ms);
  EXPECT_TRUE(settled) << "jobs by status: "
                       << query(db_,
                                "SELECT string_agg(status || ' ' || n, ', ') FROM (SELECT status, count(*) "
                                "AS n FROM backfill_queue GROUP BY status) s")[0][0]
                              .c_str();
  EXPECT_EQ(scalar("SELECT count(*) FROM backfill_queue WHERE status = 'completed'"),
            static_cast<std::int64_t>(symbols.size()));
  EXPECT_EQ(scalar("SELECT count(DISTINCT asset_id) FROM asset_prices"),
            static_cast<std::int64_t>(symbols.size()));

  std::map<std::string, int> chart_requests;
  std::set<int> hosts_asking;
  for (const auto& r : upstream_requests()) {
    if (r.route != "yahoo.chart") continue;
    hosts_asking.insert(r.host);
    for (const auto& s : r.symbols)
      ++chart_requests[s];
  }
  EXPECT_EQ(not_exactly_once(symbols, chart_requests), "")
      << "histories not asked for exactly once (symbol: chart requests)";
  EXPECT_EQ(chart_requests.size(), symbols.size());
  // All three took part: this is a cluster's result, not one host's.
  EXPECT_EQ(hosts_asking.size(), static_cast<std::size_t>(kHosts));
}

// More work than the budget allows (100 histories at 60 a minute), watched for a little over a
// minute (or until all is done): no 60-second window of what the three hosts sent holds more than 60 + burst
// requests. Three per-host limiters would send about three times that.
TEST_F(ClusterEndToEnd, NoMinuteOfUpstreamRequestsExceedsTheLimitPlusBurst) {
  start_sandbox();
  start_hosts();
  buy(stock_symbols(100));
  ASSERT_TRUE(wait_for([&] { return !upstream_requests().empty(); }, 20s)) << "no host asked Yahoo anything";
  const std::int64_t first_ms = upstream_requests().front().received_ms;
  // 65 s of load: every window of 60 s that starts in the first 5 s lies wholly inside it.
  wait_for([&] { return scalar("SELECT count(*) FROM backfill_queue WHERE status <> 'completed'") == 0; },
           std::chrono::milliseconds(first_ms + 65'000 -
                                     std::chrono::duration_cast<std::chrono::milliseconds>(
                                         std::chrono::system_clock::now().time_since_epoch())
                                         .count()),
           1s);

  const auto requests = upstream_requests();
  const BusiestWindow busiest = busiest_window(requests, 60s);
  std::map<int, int> by_host;
  for (const auto& r : requests)
    if (r.received_ms >= busiest.from_ms && r.received_ms < busiest.from_ms + 60'000) ++by_host[r.host];
  std::string split;
  for (const auto& [host, n] : by_host)
    split += " host-" + std::to_string(host) + ": " + std::to_string(n);
  RecordProperty("busiest_minute_requests", static_cast<int>(busiest.requests));
  RecordProperty("requests_seen", static_cast<int>(requests.size()));
  EXPECT_LE(busiest.requests, static_cast<std::size_t>(kRequestsPerMinute + kBurst))
      << "the busiest minute starts " << busiest.from_ms - first_ms << " ms into the run;" << split;
  // The load must have pressed on the limit, or the bound above proves nothing.
  EXPECT_GE(busiest.requests, static_cast<std::size_t>(kRequestsPerMinute * 8 / 10))
      << "the hosts sent too little to test the limit;" << split;
}

// While the three hosts work through 60 histories (more than they can fetch before the test ends),
// the sandbox answers one request, whichever host's comes first, with 429 and Retry-After 12. From
// then on no host asks Yahoo anything for those 12 s, less the slack below, and afterwards the work
// resumes.
TEST_F(ClusterEndToEnd, A429ToOneHostSilencesAllHostsForItsRetryAfter) {
  constexpr std::int64_t kRetryAfterMs = 12'000;
  // The host that got the 429 writes the cooldown at once; the others see it when their limiter next
  // reads the shared state, at least every ~1 s, and a request already past the limiter may still
  // arrive: 2 s after the 429 every host must be silent.
  constexpr std::int64_t kSeenWithinMs = 2'000;
  // Retry-After is whole seconds from the answer, and the clocks are read in ms: 0.5 s before the end
  // a host may already ask again.
  constexpr std::int64_t kEndSlackMs = 500;

  start_sandbox();
  start_hosts();
  buy(stock_symbols(60));
  // Every host is busy before the 429, so that each one's silence means something.
  ASSERT_TRUE(wait_for(
      [&] {
        std::set<int> asking;
        for (const auto& r : upstream_requests())
          asking.insert(r.host);
        return asking.size() == static_cast<std::size_t>(kHosts);
      },
      30s))
      << "not every host asked Yahoo before the 429";
  sandbox_->add_fault(R"({"route":"yahoo","kind":"429","retry_after":"12","count":1})");
  std::optional<UpstreamRequest> refused;
  ASSERT_TRUE(wait_for(
      [&] {
        for (const auto& r : upstream_requests())
          if (r.status == 429) refused = r;
        return refused.has_value();
      },
      15s))
      << "no request was answered 429";
  const std::int64_t t0 = refused->received_ms;
  std::this_thread::sleep_until(Clock::now() + std::chrono::milliseconds(kRetryAfterMs + 8'000));

  const auto requests = upstream_requests();
  std::string during;
  bool resumed = false;
  for (const auto& r : requests) {
    if (r.received_ms > t0 + kSeenWithinMs && r.received_ms < t0 + kRetryAfterMs - kEndSlackMs)
      during += describe(r, t0);
    if (r.received_ms >= t0 + kRetryAfterMs - kEndSlackMs && r.status == 200) resumed = true;
  }
  EXPECT_TRUE(during.empty()) << "requests sent during host-" << refused->host
                              << "'s Retry-After (ms after its 429):\n"
                              << during;
  EXPECT_TRUE(resumed) << "no request answered 200 in the 8 s after the Retry-After";
}

// Twenty held stocks due at an open market, and `pricefeed daemon --once --at T` started on each
// host's config at the same moment: each stock is quoted once by the three together. The daemon
// batches symbols into one quote request, so symbols are counted across quote requests.
TEST_F(ClusterEndToEnd, ADaemonTickOnEveryHostQuotesEachDueAssetOnce) {
  start_sandbox({"--now", kMarketsOpen});
  HostSettings settings;
  settings.daemon_interval_minutes = 15;
  write_configs(settings);
  const auto symbols = stock_symbols(20);
  for (const auto& s : symbols)
    hold_asset(db_, "u-1", s, "stock", "NMS", "10", "1000", "USD");

  std::vector<std::future<CommandResult>> ticks;
  for (int i = 0; i < kHosts; ++i) {
    ticks.push_back(std::async(std::launch::async, [this, i] {
      return run_pricefeed({"--config", configs_[i].string(), "--log-format", "text", "daemon", "--once",
                            "--at", kMarketsOpen});
    }));
  }
  for (int i = 0; i < kHosts; ++i) {
    const CommandResult r = ticks[i].get();
    EXPECT_EQ(r.exit_code, 0) << "host-" << i << ":\n" << r.out << r.err;
  }

  std::map<std::string, int> quoted;
  for (const auto& r : upstream_requests()) {
    if (r.route != "yahoo.quote" || r.status != 200) continue;
    for (const auto& s : r.symbols)
      ++quoted[s];
  }
  EXPECT_EQ(not_exactly_once(symbols, quoted), "") << "symbols not quoted exactly once (symbol: times)";
  EXPECT_EQ(scalar("SELECT count(*) FROM latest_prices"), static_cast<std::int64_t>(symbols.size()));
}

// The host a test killed: its index, its id ("<hostname>:<pid>") and when it was killed.
struct KilledHost {
  int index = -1;
  std::string id;
  Clock::time_point at;
};

// What the SIGKILL tests share: a 10 s lease, a host dead after 5 s of silence, and one job whose
// first chart request the sandbox holds for a minute, so that it is surely in progress when the host
// holding it (backfill_queue.locked_by) is killed.
class ClusterHostKilledMidJob : public ClusterEndToEnd {
 protected:
  static constexpr int kLeaseSeconds = 10;
  static constexpr int kDeadAfterSeconds = 5;

  KilledHost kill_the_host_holding_a_job() {
    start_sandbox();
    sandbox_->add_fault(R"({"route":"yahoo.chart","kind":"slow","delay_ms":60000,"count":1})");
    HostSettings settings;
    settings.lease_seconds = kLeaseSeconds;
    settings.dead_after_seconds = kDeadAfterSeconds;
    settings.heartbeat_seconds = 1;
    start_hosts(settings);
    buy({"CXAA"});
    std::string holder;
    const bool held = wait_for(
        [&] {
          const auto requests = upstream_requests();
          const bool asked = std::any_of(requests.begin(), requests.end(),
                                         [](const UpstreamRequest& r) { return r.route == "yahoo.chart"; });
          const auto job = query(db_, "SELECT locked_by FROM backfill_queue WHERE status = 'in_progress'");
          if (!asked || job.empty() || job[0][0].is_null()) return false;
          holder = job[0][0].as<std::string>();
          return true;
        },
        20s);
    if (!held) throw std::runtime_error("no host took the job and asked for its history");
    const pid_t pid = std::stoi(holder.substr(holder.rfind(':') + 1));
    for (int i = 0; i < kHosts; ++i) {
      if (hosts_[i]->pid() != pid) continue;
      hosts_[i]->kill_hard();
      return {i, holder, Clock::now()};
    }
    throw std::runtime_error("the job's holder " + holder + " is none of the three hosts");
  }
};

// The job of a host killed mid-fetch is finished by another host within two lease periods of the kill.
TEST_F(ClusterHostKilledMidJob, AJobOfAKilledHostIsFinishedByAnotherWithinTwoLeases) {
  const KilledHost killed = kill_the_host_holding_a_job();
  const bool finished =
      wait_for([&] { return scalar("SELECT count(*) FROM backfill_queue WHERE status = 'completed'") == 1; },
               std::chrono::seconds(2 * kLeaseSeconds));
  EXPECT_TRUE(finished)
      << "the job was not completed within " << 2 * kLeaseSeconds << " s of the kill, "
      << std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - killed.at).count() << " ms";
  // The killed host's request is in the log too (as answered 200: the sandbox logs what it will
  // answer when the request arrives), but that answer never reached anyone.
  std::map<int, int> chart_requests;
  for (const auto& r : upstream_requests())
    if (r.route == "yahoo.chart") ++chart_requests[r.host];
  EXPECT_EQ(chart_requests[killed.index], 1);
  EXPECT_EQ(chart_requests.size(), 2u) << "one other host, and only one, fetched the history";
  for (const auto& [host, n] : chart_requests)
    EXPECT_EQ(n, 1) << "host-" << host << " asked for the history " << n << " times";
  EXPECT_GT(scalar("SELECT count(*) FROM asset_prices"), 15);
}

// `pricefeed hosts --json` shows the killed host dead once [cluster] dead_after_seconds have passed,
// and the two others alive.
TEST_F(ClusterHostKilledMidJob, AKilledHostIsShownDead) {
  const KilledHost killed = kill_the_host_holding_a_job();
  const int survivor = (killed.index + 1) % kHosts;
  const auto state = [](const json& entry) { return entry.at("state").get<std::string>(); };
  json listing;
  const auto killed_entry = [&]() -> std::optional<json> {
    for (const json& entry : listing)
      if (entry.at("id").get<std::string>() == killed.id) return entry;
    return std::nullopt;
  };
  const bool shown_dead = wait_for(
      [&] {
        listing = hosts_listing(survivor);
        const auto entry = killed_entry();
        return entry && state(*entry) == "dead";
      },
      std::chrono::seconds(kDeadAfterSeconds + 10), 500ms);
  EXPECT_TRUE(shown_dead) << killed.id << " not shown dead:\n" << listing.dump(2);
  for (int i = 0; i < kHosts; ++i) {
    if (i == killed.index) continue;
    const auto entry = std::find_if(listing.begin(), listing.end(), [&](const json& e) {
      return e.at("pid").get<pid_t>() == hosts_[i]->pid();
    });
    ASSERT_NE(entry, listing.end()) << "host-" << i << " is not listed:\n" << listing.dump(2);
    EXPECT_EQ(state(*entry), "alive") << "host-" << i << ":\n" << entry->dump(2);
  }
}

}  // namespace
}  // namespace pricefeed::test
