// The sandbox upstream: its state (clock, price model, symbols, faults, limits, counters), its route
// table, and the dispatch of one request. The network side is in Server.hpp.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tests/sandbox/FaultPlan.hpp"
#include "tests/sandbox/Instruments.hpp"
#include "tests/sandbox/PriceModel.hpp"
#include "tests/sandbox/RateLimiter.hpp"
#include "tests/sandbox/RequestCounters.hpp"
#include "tests/sandbox/RequestLog.hpp"
#include "tests/sandbox/Router.hpp"
#include "tests/sandbox/ScenarioPlan.hpp"
#include "tests/sandbox/SymbolDirectory.hpp"

namespace pricefeed::sandbox {

struct SandboxOptions {
  std::string listen = "127.0.0.1:0";  // host:port; port 0 picks a free one
  std::string port_file;               // written with the bound port once listening
  std::uint64_t seed = 0;
  int threads = 4;
  bool verbose = false;
  std::vector<std::string> rate_limits;         // "yahoo=33/min[,burst=B]"
  std::vector<std::string> faults;              // "yahoo.chart:429:3[:retry_after=2]"
  std::optional<std::chrono::sys_seconds> now;  // a frozen clock
  bool intraday_limits = true;                  // Yahoo's 7-day 1m window and 30/60/730-day horizons
  std::size_t binance_extra_pairs = 0;          // made-up USDT pairs Binance lists beyond the coins
  InstrumentConfig instruments;
};

// Parses the command line (argv[0] excluded). Throws std::invalid_argument with a message on bad input;
// `help` is set for --help.
SandboxOptions parse_command_line(const std::vector<std::string>& args, bool& help);
extern const char* const kUsage;

class BinanceStreamHub;

class Sandbox {
 public:
  enum class Delivery { normal, truncated, reset };
  struct Outcome {
    Response response;
    Delivery delivery = Delivery::normal;
    std::chrono::milliseconds delay{0};
    std::string route_id;  // "unmatched" when no route matched
    std::string fault;     // the fault applied, if any
  };

  explicit Sandbox(SandboxOptions options = {});
  ~Sandbox();
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  // Thread-safe. Fills request.now and request.params.
  Outcome handle(Request& request);

  std::chrono::sys_seconds now() const;
  void freeze_clock(std::optional<std::chrono::sys_seconds> now);

  const SandboxOptions& options() const { return options_; }
  const SymbolDirectory& directory() const { return *directory_; }
  const Instruments& instruments() const { return *instruments_; }
  const PriceModel& model() const { return model_; }
  FaultPlan& faults() { return faults_; }
  ScenarioPlan& scenarios() { return scenarios_; }
  const ScenarioPlan& scenarios() const { return scenarios_; }
  // A known symbol's instrument with the split scenarios of its symbol among its corporate actions.
  std::optional<Instrument> instrument(std::string_view symbol) const;
  RateLimiter& limiter() { return limiter_; }
  RequestCounters& counters() { return counters_; }
  // Every upstream request answered (control requests are not: they are the test's, not a client's).
  RequestLog& requests() { return requests_; }
  const Router& router() const { return router_; }
  // Binance's WebSocket stream (/stream): settings, counters, open connections.
  BinanceStreamHub& binance_stream() { return *binance_stream_; }
  // Clears counters (the stream's too), the request log, faults and data scenarios and refills the
  // rate-limit buckets (POST /__sandbox/reset).
  void reset();

 private:
  SandboxOptions options_;
  std::unique_ptr<SymbolDirectory> directory_;
  std::unique_ptr<Instruments> instruments_;
  PriceModel model_;
  FaultPlan faults_;
  ScenarioPlan scenarios_;
  RateLimiter limiter_;
  RequestCounters counters_;
  RequestLog requests_;
  Router router_;
  std::atomic<std::int64_t> frozen_now_;
  std::unique_ptr<BinanceStreamHub> binance_stream_;
};

// One registration function per upstream API (each in its own file). A new upstream adds one here and
// a call in Sandbox's constructor.
void add_control_routes(Sandbox& sandbox, Router& router);
void add_yahoo_routes(Sandbox& sandbox, Router& router);
void add_nasdaqtrader_routes(Sandbox& sandbox, Router& router);
void add_coingecko_routes(Sandbox& sandbox, Router& router);
void add_binance_routes(Sandbox& sandbox, Router& router);
void add_binance_stream_routes(Sandbox& sandbox, Router& router);
void add_frankfurter_routes(Sandbox& sandbox, Router& router);
void add_ecb_routes(Sandbox& sandbox, Router& router);

}  // namespace pricefeed::sandbox
