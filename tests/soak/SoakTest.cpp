// The soak test (docs/soak.md): hundreds of assets of every class bought through `pricefeed serve`,
// served by the sandbox while it injects 429s, 5xx, answers slower than the source's timeout,
// resets, truncated and malformed bodies at random; in every wave of events PostgreSQL is restarted
// and the host is killed with SIGKILL in the middle of its jobs. At the end every job is completed
// or failed with a reason, every stored daily row equals the sandbox's truth, no trading day of an
// asset is stored twice, and the run prints its figures ("soak: ..." lines).
//
// It restarts PostgreSQL, so it runs its own private cluster (tests/support/postgres.sh in a
// directory of its own), never the shared test server the other tests use in parallel.
//
// Time warp: a job that failed transiently waits for its backoff, retry_base_minutes * 2^(attempts-1)
// minutes, and retry_base_minutes is an integer >= 1. Instead of waiting minutes, the test moves the
// retry_after of waiting jobs to now (as BackfillEndToEndTest's let_backoff_pass does); what is
// tested is that every job ends and what it stores, not the length of the backoff. Rate-limited jobs
// wait for the sandbox's Retry-After (1 s) and are only warped when a wait is longer than 5 s.
//
// Sizes come from the environment; the defaults are the CI run (about 15 s on two cores):
//   PRICEFEED_SOAK_ASSETS             assets bought (default 300)
//   PRICEFEED_SOAK_HISTORY_DAYS       [worker] lookback_days: each job's range (default 60)
//   PRICEFEED_SOAK_WAVES              waves of events, each with a PostgreSQL restart and a SIGKILL
//                                     (default 3)
//   PRICEFEED_SOAK_FAULT_PROBABILITY  chance that an upstream request is faulted (default 0.15)
//   PRICEFEED_SOAK_SEED               sandbox prices, fault draws, asset choice (default 1)
//   PRICEFEED_SOAK_TIMEOUT_SECONDS    limit for every job to end (default 600, within ctest's 900)
#include <signal.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "tests/e2e/EndToEndSupport.hpp"
#include "tests/e2e/ServeProcess.hpp"
#include "tests/sandbox/SandboxProcess.hpp"
#include "tests/support/CommandResult.hpp"
#include "tests/support/TemporaryDirectory.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::test {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

// ---------------------------------------------------------------------------------------------
// Sizes

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

long long integer_from_environment(const char* name, long long fallback, long long minimum) {
  const std::string text = environment(name);
  if (text.empty()) return fallback;
  std::size_t used = 0;
  long long value = 0;
  try {
    value = std::stoll(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || value < minimum)
    throw std::invalid_argument(std::string(name) + ": expected an integer >= " + std::to_string(minimum) +
                                ", got \"" + text + "\"");
  return value;
}

double probability_from_environment(const char* name, double fallback) {
  const std::string text = environment(name);
  if (text.empty()) return fallback;
  std::size_t used = 0;
  double value = 0;
  try {
    value = std::stod(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || !(value > 0.0 && value <= 1.0))
    throw std::invalid_argument(std::string(name) + ": expected a probability in (0, 1], got \"" + text +
                                "\"");
  return value;
}

struct SoakSettings {
  int assets = 300;
  int history_days = 60;
  int waves = 3;
  double fault_probability = 0.15;
  std::uint64_t seed = 1;
  std::chrono::seconds timeout{600};

  static SoakSettings from_environment() {
    SoakSettings s;
    s.assets = static_cast<int>(integer_from_environment("PRICEFEED_SOAK_ASSETS", s.assets, 10));
    s.history_days =
        static_cast<int>(integer_from_environment("PRICEFEED_SOAK_HISTORY_DAYS", s.history_days, 5));
    s.waves = static_cast<int>(integer_from_environment("PRICEFEED_SOAK_WAVES", s.waves, 1));
    s.fault_probability =
        probability_from_environment("PRICEFEED_SOAK_FAULT_PROBABILITY", s.fault_probability);
    s.seed = static_cast<std::uint64_t>(integer_from_environment("PRICEFEED_SOAK_SEED", 1, 0));
    s.timeout = std::chrono::seconds(integer_from_environment("PRICEFEED_SOAK_TIMEOUT_SECONDS", 600, 10));
    return s;
  }
};

// ---------------------------------------------------------------------------------------------
// A PostgreSQL cluster of the soak's own, which it may restart

class PrivatePostgres {
 public:
  PrivatePostgres() : dir_(directory_of(::getpid())) {
    remove_leftovers();
    run("start");
    std::ifstream url_file(dir_ + "/url");
    std::getline(url_file, url_);
    if (url_.empty()) throw std::runtime_error("postgres.sh start wrote no URL to " + dir_ + "/url");
  }
  ~PrivatePostgres() {
    try {
      run("stop");
    } catch (const std::exception& e) {
      std::cerr << "soak: " << e.what() << "\n";
    }
  }
  PrivatePostgres(const PrivatePostgres&) = delete;
  PrivatePostgres& operator=(const PrivatePostgres&) = delete;

  const std::string& url() const { return url_; }
  // A fast shutdown (every connection is cut, open transactions roll back) and a start on the same
  // port and data directory.
  void restart() { run("restart"); }

 private:
  static std::string directory_of(pid_t pid) { return "/tmp/pricefeed-soak-postgres-" + std::to_string(pid); }

  void run(const std::string& action) const { run(action, dir_); }
  static void run(const std::string& action, const std::string& dir) {
    const CommandResult r = run_command({"/bin/bash", PRICEFEED_POSTGRES_SCRIPT, action, dir});
    if (r.exit_code != 0)
      throw std::runtime_error("postgres.sh " + action + " " + dir + " failed: " + r.out + r.err);
  }

  // A soak killed from outside (CTest's timeout, ^C) leaves its cluster running: stop the clusters
  // whose test process is gone.
  static void remove_leftovers() {
    const std::string prefix = "pricefeed-soak-postgres-";
    std::error_code ignored;
    for (const auto& entry : std::filesystem::directory_iterator("/tmp", ignored)) {
      const std::string name = entry.path().filename().string();
      if (name.rfind(prefix, 0) != 0) continue;
      const std::string digits = name.substr(prefix.size());
      if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) continue;
      const auto pid = static_cast<pid_t>(std::stol(digits));
      if (::kill(pid, 0) == 0 || errno != ESRCH) continue;  // still running (or not ours to ask)
      try {
        run("stop", entry.path().string());
      } catch (const std::exception& e) {
        std::cerr << "soak: " << e.what() << "\n";
      }
    }
  }

  std::string dir_;
  std::string url_;
};

// ---------------------------------------------------------------------------------------------
// The assets: every class, symbols the sandbox knows

struct SoakAsset {
  std::string symbol;       // as the event names it
  std::string asset_class;  // stock, crypto, forex, commodity, bond
};

// The ECB's currencies against the euro: the forex source's pairs whose truth is a Yahoo instrument
// of the sandbox (EURUSD=X). ISK is left out: the ECB stopped fixing it in 2008.
const std::vector<std::string> kEuroQuotes = {
    "AUD", "BGN", "BRL", "CAD", "CHF", "CNY", "CZK", "DKK", "GBP", "HKD", "HUF", "IDR", "ILS", "INR", "JPY",
    "KRW", "MXN", "MYR", "NOK", "NZD", "PHP", "PLN", "RON", "SEK", "SGD", "THB", "TRY", "USD", "ZAR"};
// The commodities plugin's default names and their Yahoo futures (docs/sources/commodities.md).
const std::map<std::string, std::string> kCommodityTickers = {
    {"GOLD", "GC=F"},        {"SILVER", "SI=F"},      {"COPPER", "HG=F"},    {"PLATINUM", "PL=F"},
    {"PALLADIUM", "PA=F"},   {"OIL_WTI", "CL=F"},     {"OIL_BRENT", "BZ=F"}, {"NATURAL_GAS", "NG=F"},
    {"HEATING_OIL", "HO=F"}, {"GASOLINE", "RB=F"},    {"CORN", "ZC=F"},      {"WHEAT", "ZW=F"},
    {"SOYBEANS", "ZS=F"},    {"COFFEE", "KC=F"},      {"SUGAR", "SB=F"},     {"COCOA", "CC=F"},
    {"COTTON", "CT=F"},      {"LIVE_CATTLE", "LE=F"}, {"LEAN_HOGS", "HE=F"}, {"OATS", "ZO=F"}};
// Bond funds and treasury yields, as Yahoo quotes them.
const std::vector<std::string> kBonds = {"AGG", "BND",  "TLT", "IEF",  "SHY",  "LQD",  "HYG", "TIP",
                                         "MUB", "BNDX", "EMB", "VCIT", "VCSH", "GOVT", "JNK"};
// The coins of the sandbox's CoinUniverse: the real leaders (USDT, the quote asset, left out) and the
// made-up SDC<n> up to 600, every fifth of which only CoinGecko lists (so Binance's not_found falls
// back to CoinGecko).
std::vector<std::string> coin_symbols() {
  std::vector<std::string> coins = {
      "BTC",  "ETH",  "XRP",  "BNB",  "SOL", "USDC", "DOGE",   "ADA",  "TRX",  "LINK", "AVAX", "XLM", "SUI",
      "HBAR", "BCH",  "LTC",  "SHIB", "DOT", "TON",  "UNI",    "XMR",  "PEPE", "AAVE", "NEAR", "ICP", "ETC",
      "APT",  "ATOM", "FIL",  "ALGO", "ARB", "VET",  "RENDER", "OP",   "INJ",  "GRT",  "MKR",  "KAS", "THETA",
      "FTM",  "SAND", "MANA", "XTZ",  "EOS", "FLOW", "AXS",    "EGLD", "IOTA", "ALPH"};
  for (int n = 51; n <= 600; ++n)
    coins.push_back("SDC" + std::to_string(n));
  return coins;
}

// Common stocks of the sandbox's Nasdaq directory (its nasdaqlisted.txt, read before any fault).
std::vector<std::string> listed_stocks(const sandbox::SandboxProcess& upstream) {
  const auto answer = upstream.get("/dynamic/SymDir/nasdaqlisted.txt");
  if (answer.status != 200) throw std::runtime_error("nasdaqlisted.txt: " + std::to_string(answer.status));
  std::vector<std::string> symbols;
  std::istringstream lines(answer.body);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> fields;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, '|');)
      fields.push_back(cell);
    // Symbol|Security Name|Market Category|Test Issue|Financial Status|Round Lot Size|ETF|NextShares
    if (fields.size() < 7 || fields[3] != "N" || fields[4] != "N" || fields[6] != "N") continue;
    const std::string& s = fields[0];
    if (s.empty() || s.size() > 5 ||
        !std::all_of(s.begin(), s.end(), [](char c) { return c >= 'A' && c <= 'Z'; }))
      continue;
    symbols.push_back(s);
  }
  return symbols;
}

// `count` assets: forex, commodities and bonds up to their lists, a quarter crypto, the rest stocks,
// shuffled by the seed so that the classes interleave in the event stream.
std::vector<SoakAsset> choose_assets(const sandbox::SandboxProcess& upstream, int count, std::uint64_t seed) {
  std::mt19937_64 random(seed);
  auto take = [&](std::vector<std::string> pool, std::size_t n, const std::string& asset_class,
                  std::vector<SoakAsset>& out) {
    std::shuffle(pool.begin(), pool.end(), random);
    for (std::size_t i = 0; i < n && i < pool.size(); ++i)
      out.push_back({pool[i], asset_class});
  };
  const auto n = static_cast<std::size_t>(count);
  std::vector<SoakAsset> assets;
  std::vector<std::string> forex;
  for (const auto& quote : kEuroQuotes)
    forex.push_back("EUR" + quote);
  std::vector<std::string> commodities;
  for (const auto& [name, ticker] : kCommodityTickers)
    commodities.push_back(name);
  take(forex, n / 12, "forex", assets);
  take(commodities, n / 15, "commodity", assets);
  take(kBonds, n / 15, "bond", assets);
  take(coin_symbols(), n / 4, "crypto", assets);
  take(listed_stocks(upstream), n - assets.size(), "stock", assets);
  if (assets.size() != n)
    throw std::runtime_error("the sandbox knows too few symbols for " + std::to_string(n));
  std::shuffle(assets.begin(), assets.end(), random);
  return assets;
}

// The sandbox instrument whose truth a row of `asset` served by `source` must equal.
std::string truth_instrument(const SoakAsset& asset, const std::string& source) {
  if (asset.asset_class == "crypto") return asset.symbol + (source == "binance" ? "-USDT" : "-USD");
  if (asset.asset_class == "forex") return asset.symbol + "=X";
  if (asset.asset_class == "commodity") return kCommodityTickers.at(asset.symbol);
  return asset.symbol;
}

// Sources whose daily bars carry the upstream's own open, high and low (the forex source's bar is one
// fixing; CoinGecko's are built from a price series).
bool serves_ohlc(const std::string& source) {
  return source == "yahoo" || source == "commodities" || source == "binance";
}

// ---------------------------------------------------------------------------------------------
// Reading a database that may be restarting

// Runs `sql` on a fresh connection, retrying for up to a minute while PostgreSQL is away.
pqxx::result query_when_up(const TestDatabase& db, const std::string& sql) {
  for (int attempt = 0;; ++attempt) {
    try {
      auto connection = db.connect();
      pqxx::work tx(*connection);
      pqxx::result rows = tx.exec(sql);
      tx.commit();
      return rows;
    } catch (const pqxx::broken_connection&) {
      if (attempt >= 120) throw;
    } catch (const pqxx::sql_error& e) {
      // Class 57 (operator intervention: admin_shutdown, cannot_connect_now) and 08 (connection
      // exception): the server is restarting. Anything else is the test's own mistake.
      const std::string state = e.sqlstate();
      if (attempt >= 120 || (state.rfind("57", 0) != 0 && state.rfind("08", 0) != 0)) throw;
    }
    std::this_thread::sleep_for(500ms);
  }
}

long long scalar(const TestDatabase& db, const std::string& sql) {
  const pqxx::result rows = query_when_up(db, sql);
  return rows.empty() || rows[0][0].is_null() ? 0 : rows[0][0].as<long long>();
}

// ---------------------------------------------------------------------------------------------
// The test

class Soak : public ::testing::Test {
 protected:
  void SetUp() override {
    // TestDatabase creates its database on the server this names: the soak's own cluster.
    ::setenv("PRICEFEED_TEST_POSTGRES_URL", postgres_.url().c_str(), 1);
    db_ = std::make_unique<TestDatabase>();
  }

  std::filesystem::path write_config(const std::string& sandbox_url) {
    // A hundred-year daemon interval: ticks fall on the interval's boundaries counted from 1970, so
    // the next one is in 2070 and no tick (nor a periodic task, which runs before ticks) happens
    // during the soak, even across midnight UTC; every price row is a backfill's. Several job
    // threads (pool_size - 1), a short lease so that the jobs of the killed host are taken again
    // within seconds, and enough attempts that random faults rarely exhaust a job (those that do
    // must fail with a reason).
    return dir_.write_file(
        "pricefeed.toml",
        database_and_plugins_toml(*db_, "pool_size = 6\n") +
            "[http]\nlisten = \"127.0.0.1:" + std::to_string(port_) +
            "\"\n[worker]\nlookback_days = " + std::to_string(settings_.history_days) +
            "\nmax_attempts = 10\nretry_base_minutes = 1\nlease_seconds = 5\nbatch_size = 10\n"
            "[daemon]\ninterval_minutes = 52560000\nexchanges_file = \"" +
            std::string(PRICEFEED_EXCHANGES_FILE) + "\"\n" + source_toml("yahoo", sandbox_url) +
            "timeout_seconds = 2\nsymbol_directory_url = \"" + sandbox_url + "/dynamic/SymDir\"\n" +
            source_toml("binance", sandbox_url, 6000, 100) + "timeout_seconds = 2\n" +
            source_toml("coingecko", sandbox_url + "/api/v3") + "timeout_seconds = 2\n" +
            source_toml("forex", sandbox_url + "/v1") + "timeout_seconds = 2\n" +
            source_toml("commodities", sandbox_url) + "timeout_seconds = 2\n");  // the default [routing]
  }

  // Random weather on every upstream route: each request is faulted with the settings' probability,
  // split evenly over the kinds (a fault a request escapes passes it to the next one).
  void add_random_faults(const sandbox::SandboxProcess& upstream) {
    const std::vector<std::string> kinds = {R"("kind":"429","retry_after":"1")",
                                            R"("kind":"500")",
                                            R"("kind":"503")",
                                            R"("kind":"slow","delay_ms":3000)",  // > timeout_seconds 2
                                            R"("kind":"reset")",
                                            R"("kind":"truncated")",
                                            R"("kind":"malformed")"};
    // The k-th of n faults fires with p / (1 - (k-1) p/n) so that each kind takes p/n of all requests.
    const double share = settings_.fault_probability / static_cast<double>(kinds.size());
    for (std::size_t k = 0; k < kinds.size(); ++k) {
      const double p = std::min(1.0, share / (1.0 - static_cast<double>(k) * share));
      upstream.add_fault(R"({"route":"*","count":-1,"probability":)" + nlohmann::json(p).dump() + "," +
                         kinds[k] + "}");
    }
  }

  // Posts one event until it is acknowledged: 202 (stored) or 200 (a replay of one stored before
  // the answer was lost). 503 (database away) and a refused connection (host restarting) are retried.
  void post_until_acknowledged(const std::string& event) {
    for (int attempt = 0;; ++attempt) {
      std::optional<sandbox::HttpResult> answer;
      try {
        answer =
            sandbox::http_request(port_, "POST", "/v1/events", event, {{"Content-Type", "application/json"}});
      } catch (const std::exception&) {  // not listening (yet, or any more)
      }
      if (answer && (answer->status == 202u || answer->status == 200u)) return;
      if (answer && answer->status != 503u)
        throw std::runtime_error("event refused with " + std::to_string(answer->status) + ": " +
                                 answer->body);
      ++event_retries_;
      if (attempt > 600) throw std::runtime_error("event never acknowledged in a minute: " + event);
      std::this_thread::sleep_for(100ms);
    }
  }

  std::string buy_event(const std::string& id, const std::string& user, const SoakAsset& asset,
                        const std::string& date) {
    return R"({"event_id":")" + id + R"(","user_id":")" + user + R"(","type":"buy","symbol":")" +
           asset.symbol + R"(","asset_class":")" + asset.asset_class + R"(","date":")" + date +
           R"(","quantity":"1","price":"1","currency":"USD"})";
  }

  // Moves the retry_after of waiting jobs to now (the time warp of the header comment).
  void warp_time() {
    warped_ += scalar(*db_,
                      "WITH warped AS (UPDATE backfill_queue SET retry_after = now() WHERE "
                      "(status = 'pending' AND retry_after > now()) OR "
                      "(status = 'rate_limited' AND retry_after > now() + interval '5 seconds') RETURNING 1) "
                      "SELECT count(*) FROM warped");
  }

  struct Progress {
    long long open = 0, closed = 0, in_progress = 0, unprocessed_events = 0;
  };
  Progress progress() {
    const pqxx::result r =
        query_when_up(*db_,
                      "SELECT (SELECT count(*) FROM backfill_queue WHERE status IN "
                      "('pending','in_progress','rate_limited')),"
                      " (SELECT count(*) FROM backfill_queue WHERE status IN ('completed','failed')),"
                      " (SELECT count(*) FROM backfill_queue WHERE status = 'in_progress'),"
                      " (SELECT count(*) FROM transaction_events WHERE processed_at IS NULL)");
    return {r[0][0].as<long long>(), r[0][1].as<long long>(), r[0][2].as<long long>(),
            r[0][3].as<long long>()};
  }

  // Warps and polls until `done` holds; false when the soak's time limit passes first or serve has
  // exited by itself (a crash, or a refusal to start: open_work_report says which).
  bool run_until(const std::function<bool(const Progress&)>& done) {
    while (SteadyClock::now() < deadline_) {
      if (host_ != nullptr && !host_->running()) return false;
      warp_time();
      if (done(progress())) return true;
      std::this_thread::sleep_for(500ms);
    }
    return false;
  }

  std::string open_work_report() {
    std::ostringstream out;
    if (host_ != nullptr && !host_->running())
      out << "serve exited by itself; its log ends:\n" << host_->log_tail(30) << "\n";
    const Progress p = progress();
    out << p.open << " jobs still open, " << p.unprocessed_events
        << " events unprocessed; first open jobs:\n";
    for (const auto& row : query_when_up(
             *db_,
             "SELECT q.id, a.asset_class || ' ' || a.symbol, q.status, q.attempts, "
             "coalesce(q.retry_after::text, '-'),"
             " coalesce(q.locked_until::text, '-'), coalesce(q.error_message, '') FROM backfill_queue q "
             "JOIN assets a ON a.id = q.asset_id WHERE q.status IN ('pending','in_progress','rate_limited') "
             "ORDER BY q.id LIMIT 20")) {
      out << "  job " << row[0].as<std::string>() << " " << row[1].as<std::string>() << ": "
          << row[2].as<std::string>() << ", attempts " << row[3].as<std::string>() << ", retry_after "
          << row[4].as<std::string>() << ", locked_until " << row[5].as<std::string>() << ", "
          << row[6].as<std::string>() << "\n";
    }
    return out.str();
  }

  const SoakSettings settings_ = SoakSettings::from_environment();
  PrivatePostgres postgres_;
  std::unique_ptr<TestDatabase> db_;
  TemporaryDirectory dir_;
  const unsigned short port_ = free_port();
  SteadyClock::time_point deadline_;
  ServeProcess* host_ = nullptr;  // the serve of the test body, watched while waiting
  long long event_retries_ = 0;
  long long warped_ = 0;
};

TEST_F(Soak, EveryJobEndsAndEveryRowEqualsTheTruthUnderFaultsRestartsAndKills) {
  const auto started = SteadyClock::now();
  deadline_ = started + settings_.timeout;

  // The sandbox's clock stands still at midnight UTC of today: a bar still forming (crypto's and
  // forex's of today) is the same whenever it is asked for, so the truth read at the end is what was
  // served during the run. The host's own clock is the real one.
  const auto midnight = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::string sandbox_today = iso_days_ago(0);
  sandbox::SandboxProcess upstream(std::vector<std::string>{
      "--seed", std::to_string(settings_.seed), "--threads", "8", "--now",
      std::to_string(std::chrono::sys_seconds(midnight).time_since_epoch().count())});
  const std::vector<SoakAsset> assets = choose_assets(upstream, settings_.assets, settings_.seed);
  std::map<std::string, int> by_class;
  for (const auto& a : assets)
    ++by_class[a.asset_class];
  add_random_faults(upstream);

  // Its log goes to a file: hundreds of jobs' warnings would drown the test's output.
  ServeProcess host(write_config(upstream.base_url()), dir_.path() / "serve.log");
  host_ = &host;
  int postgres_restarts = 0;
  int host_kills = 0;
  long long in_progress_at_kills = 0;

  // One buy per asset on a date up to a week back (ranges differ); every tenth asset a second
  // buyer with an earlier date, whose event queues the missing earlier range as a second job.
  std::vector<std::string> events;
  for (std::size_t i = 0; i < assets.size(); ++i) {
    events.push_back(buy_event("soak-" + std::to_string(i), "user-" + std::to_string(i % 41), assets[i],
                               iso_days_ago(static_cast<int>(i % 7))));
  }
  for (std::size_t i = 0; i < assets.size(); i += 10) {
    events.push_back(buy_event("soak-" + std::to_string(i) + "-early", "user-early-" + std::to_string(i),
                               assets[i], iso_days_ago(7 + settings_.history_days / 2)));
  }
  // In waves: each wave's events are posted while PostgreSQL restarts; once half of the jobs queued
  // so far have ended, the host dies without warning (SIGKILL) and a new one starts.
  for (int wave = 0; wave < settings_.waves; ++wave) {
    const std::size_t begin = events.size() * wave / settings_.waves;
    const std::size_t end = events.size() * (wave + 1) / settings_.waves;
    std::string restart_error;
    std::jthread restarter([&] {
      std::this_thread::sleep_for(200ms);
      try {
        postgres_.restart();
      } catch (const std::exception& e) {
        restart_error = e.what();
      }
    });
    for (std::size_t i = begin; i < end; ++i)
      post_until_acknowledged(events[i]);
    restarter.join();
    ASSERT_EQ(restart_error, "");
    ++postgres_restarts;

    // Killed while it holds jobs, unless every job has ended already.
    long long in_progress = 0;  // as last seen, a moment before the kill
    ASSERT_TRUE(run_until([&in_progress](const Progress& p) {
      in_progress = p.in_progress;
      return p.open == 0 || (p.closed >= p.open && p.in_progress > 0);
    })) << open_work_report();
    host.kill_hard();
    ++host_kills;
    in_progress_at_kills += in_progress;
    std::cout << "soak: wave " << wave + 1 << "/" << settings_.waves << ": " << end - begin
              << " events acknowledged while PostgreSQL restarted; serve killed with SIGKILL with "
              << in_progress << " jobs in progress" << std::endl;
    host.start();
  }
  // Once more under the last host, while its jobs run.
  postgres_.restart();
  ++postgres_restarts;

  const bool all_ended =
      run_until([](const Progress& p) { return p.open == 0 && p.unprocessed_events == 0; });
  const auto wall = std::chrono::duration_cast<std::chrono::seconds>(SteadyClock::now() - started);
  ASSERT_TRUE(all_ended) << "after " << wall.count() << " s: " << open_work_report() << "serve's log ends:\n"
                         << host.log_tail(60);
  host_ = nullptr;
  EXPECT_TRUE(host.running()) << host.log_tail(60);
  // The config is what the test means: no key of it was ignored.
  EXPECT_EQ(host.log_tail(1000000).find("unknown key"), std::string::npos) << host.log_tail(60);
  EXPECT_EQ(host.stop(), 0) << host.log_tail(60);

  // Every event handled without a refusal, and every asset has its jobs.
  EXPECT_EQ(scalar(*db_, "SELECT count(*) FROM transaction_events"), static_cast<long long>(events.size()));
  for (const auto& row :
       query_when_up(*db_, "SELECT event_id, error FROM transaction_events WHERE error IS NOT NULL"))
    ADD_FAILURE() << "event " << row[0].as<std::string>() << " refused: " << row[1].as<std::string>();
  EXPECT_EQ(scalar(*db_,
                   "SELECT count(*) FROM tracked_assets t WHERE NOT EXISTS "
                   "(SELECT 1 FROM backfill_queue q WHERE q.asset_id = t.asset_id)"),
            0);
  EXPECT_EQ(scalar(*db_, "SELECT count(DISTINCT asset_id) FROM backfill_queue"),
            static_cast<long long>(assets.size()));

  // Every job completed, or failed with its reason.
  std::map<std::string, long long> jobs_by_status;
  std::map<std::string, long long> failure_reasons;
  for (const auto& row : query_when_up(*db_,
                                       "SELECT q.id, a.symbol, q.status, coalesce(q.error_message, '') "
                                       "FROM backfill_queue q JOIN assets a ON a.id = q.asset_id")) {
    const std::string status = row[2].as<std::string>();
    const std::string reason = row[3].as<std::string>();
    ++jobs_by_status[status];
    EXPECT_TRUE(status == "completed" || status == "failed")
        << "job " << row[0].as<std::string>() << " of " << row[1].as<std::string>() << " is " << status;
    if (status == "failed") {
      EXPECT_FALSE(reason.empty()) << "job " << row[0].as<std::string>() << " of " << row[1].as<std::string>()
                                   << " failed without a reason";
      ++failure_reasons[reason.substr(0, 110)];
    }
  }

  // No trading day of an asset stored twice (two timestamps on one day would be two bars of it).
  for (const auto& row :
       query_when_up(*db_,
                     "SELECT a.symbol, p.resolution, (p.ts AT TIME ZONE 'UTC')::date::text, count(*) FROM "
                     "asset_prices p "
                     "JOIN assets a ON a.id = p.asset_id GROUP BY 1, 2, 3 HAVING count(*) > 1 LIMIT 20")) {
    ADD_FAILURE() << row[0].as<std::string>() << " " << row[1].as<std::string>() << " on "
                  << row[2].as<std::string>() << " is stored " << row[3].as<std::string>() << " times";
  }

  // Every stored daily row equals the sandbox's truth for its source; and a job that completed through
  // a source serving whole bars left no trading day of its range out.
  std::map<std::string, SoakAsset> asset_of;
  for (const auto& a : assets)
    asset_of[a.asset_class + " " + a.symbol] = a;
  struct StoredRow {
    std::string day, source;
    double open = 0, high = 0, low = 0, close = 0;
  };
  std::map<std::string, std::vector<StoredRow>> stored;  // by "class symbol"
  for (const auto& row : query_when_up(
           *db_,
           "SELECT a.asset_class || ' ' || a.symbol, to_char((p.ts AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD'), "
           "p.source, coalesce(p.open, 'NaN'), coalesce(p.high, 'NaN'), coalesce(p.low, 'NaN'), p.close "
           "FROM asset_prices p JOIN assets a ON a.id = p.asset_id WHERE p.resolution = '1d'")) {
    stored[row[0].as<std::string>()].push_back({row[1].as<std::string>(), row[2].as<std::string>(),
                                                row[3].as<double>(), row[4].as<double>(), row[5].as<double>(),
                                                row[6].as<double>()});
  }
  struct JobRange {
    std::string from, to, source, status;
  };
  std::map<std::string, std::vector<JobRange>> jobs_of;
  for (const auto& row :
       query_when_up(*db_,
                     "SELECT a.asset_class || ' ' || a.symbol, q.start_date::text, "
                     "q.end_date::text, coalesce(q.source, ''), q.status FROM backfill_queue q "
                     "JOIN assets a ON a.id = q.asset_id")) {
    jobs_of[row[0].as<std::string>()].push_back({row[1].as<std::string>(), row[2].as<std::string>(),
                                                 row[3].as<std::string>(), row[4].as<std::string>()});
  }

  long long rows_checked = 0, rows_wrong = 0, days_missing = 0;
  std::map<std::string, long long> rows_by_source;
  std::map<std::string, std::map<std::string, nlohmann::json>> truth_cache;  // instrument -> day -> bar
  auto truth_of = [&](const std::string& instrument, const std::string& from,
                      const std::string& to) -> const std::map<std::string, nlohmann::json>& {
    auto& bars = truth_cache[instrument + " " + from + " " + to];
    if (bars.empty()) {
      const auto answer = upstream.get("/__sandbox/truth/" + instrument + "?from=" + from + "&to=" + to);
      if (answer.status != 200) throw std::runtime_error("truth of " + instrument + ": " + answer.body);
      const auto parsed = nlohmann::json::parse(answer.body);
      for (const auto& bar : parsed.at("bars"))
        if (!bar.at("served_as_null").get<bool>()) bars[bar.at("date").get<std::string>()] = bar;
    }
    return bars;
  };
  auto near = [](double got, double want) { return std::abs(got - want) <= std::abs(want) * 1e-6 + 1e-9; };
  for (const auto& [key, jobs] : jobs_of) {
    const SoakAsset& asset = asset_of.at(key);
    std::string from = jobs.front().from, to = jobs.front().to;
    for (const auto& j : jobs) {
      from = std::min(from, j.from);
      to = std::max(to, j.to);
    }
    std::set<std::string> days_stored;
    for (const StoredRow& row : stored[key]) {
      ++rows_checked;
      ++rows_by_source[row.source];
      days_stored.insert(row.day);
      const std::string instrument = truth_instrument(asset, row.source);
      const auto& truth = truth_of(instrument, from, to);
      const auto it = truth.find(row.day);
      if (it == truth.end()) {
        if (++rows_wrong <= 30)
          ADD_FAILURE() << key << " has a " << row.source << " row on " << row.day << " that the truth of "
                        << instrument << " has not";
        continue;
      }
      const auto& bar = it->second;
      bool equal = near(row.close, bar.at("close").get<double>());
      if (serves_ohlc(row.source)) {
        equal = equal && near(row.open, bar.at("open").get<double>()) &&
                near(row.high, bar.at("high").get<double>()) && near(row.low, bar.at("low").get<double>());
      }
      if (!equal && ++rows_wrong <= 30) {
        ADD_FAILURE() << key << " on " << row.day << " from " << row.source << ": stored O/H/L/C " << row.open
                      << "/" << row.high << "/" << row.low << "/" << row.close << ", truth of " << instrument
                      << " " << bar.dump();
      }
    }
    for (const auto& j : jobs) {
      if (j.status != "completed" || !serves_ohlc(j.source)) continue;
      for (const auto& [day, bar] : truth_of(truth_instrument(asset, j.source), j.from, j.to)) {
        // The bar still forming at the sandbox's clock is not history yet: the sources drop it
        // (docs/sources/binance.md, "The still-open kline is dropped").
        if (days_stored.contains(day) || day >= sandbox_today) continue;
        if (++days_missing <= 30)
          ADD_FAILURE() << key << ": its job [" << j.from << ", " << j.to << "] completed by " << j.source
                        << " but " << day << " is not stored";
      }
    }
  }
  EXPECT_EQ(rows_wrong, 0);
  EXPECT_EQ(days_missing, 0);
  EXPECT_GT(rows_checked, static_cast<long long>(assets.size()) * settings_.history_days / 2);

  // The figures.
  long long faults_injected = 0;
  std::map<std::string, long long> faults_by_kind;
  const auto faults = nlohmann::json::parse(upstream.get("/__sandbox/faults").body);
  for (const auto& f : faults.at("faults")) {
    faults_injected += f.at("applied").get<long long>();
    faults_by_kind[f.at("kind").get<std::string>()] += f.at("applied").get<long long>();
  }
  EXPECT_GT(faults_injected, 0) << "the sandbox's random faults never fired";
  const auto stats = nlohmann::json::parse(upstream.stats());
  long long upstream_requests = 0;  // the APIs' routes, not the control API's
  for (const auto& [route, counts] : stats.at("routes").items())
    if (!route.starts_with("sandbox.")) upstream_requests += counts.at("requests").get<long long>();
  const long long retries = scalar(*db_, "SELECT coalesce(sum(attempts), 0) FROM backfill_queue");
  const long long jobs_retried = scalar(*db_, "SELECT count(*) FROM backfill_queue WHERE attempts > 0");
  const long long most_attempts = scalar(*db_, "SELECT coalesce(max(attempts), 0) FROM backfill_queue");
  const auto total_wall = std::chrono::duration_cast<std::chrono::seconds>(SteadyClock::now() - started);

  std::ostringstream figures;
  figures << "soak: seed " << settings_.seed << ", fault probability " << settings_.fault_probability
          << ", history " << settings_.history_days << " days\n";
  figures << "soak: assets " << assets.size() << " (";
  for (const auto& [c, n] : by_class)
    figures << c << " " << n << (c == by_class.rbegin()->first ? "" : ", ");
  figures << "), events " << events.size() << " (" << event_retries_ << " posts retried)\n";
  figures << "soak: jobs " << jobs_by_status["completed"] + jobs_by_status["failed"] << ": completed "
          << jobs_by_status["completed"] << ", failed " << jobs_by_status["failed"] << "\n";
  for (const auto& [reason, n] : failure_reasons)
    figures << "soak:   failed " << n << "x: " << reason << "\n";
  figures << "soak: upstream requests " << upstream_requests << ", faults injected " << faults_injected
          << " (";
  for (const auto& [kind, n] : faults_by_kind)
    figures << kind << " " << n << (kind == faults_by_kind.rbegin()->first ? "" : ", ");
  figures << ")\n";
  figures << "soak: retries (sum of attempts) " << retries << " in " << jobs_retried << " jobs (at most "
          << most_attempts << " for one), backoffs time-warped " << warped_ << "\n";
  figures << "soak: rows checked " << rows_checked << " (";
  for (const auto& [source, n] : rows_by_source)
    figures << source << " " << n << (source == rows_by_source.rbegin()->first ? "" : ", ");
  figures << "), wrong " << rows_wrong << ", days missing " << days_missing << "\n";
  figures << "soak: PostgreSQL restarts " << postgres_restarts << ", SIGKILLs " << host_kills << " ("
          << in_progress_at_kills << " jobs in progress when killed, all told)\n";
  figures << "soak: wall time " << total_wall.count() << " s (all jobs ended after " << wall.count()
          << " s)\n";
  std::cout << figures.str() << std::flush;
  // CTest hides a passing test's output; packaging/test.sh shows this file after the run, so the
  // figures are in every CI log (the working directory is the build's tests/soak).
  std::ofstream("soak-figures.txt") << figures.str();
}

}  // namespace
}  // namespace pricefeed::test
