#include "tests/sandbox/Sandbox.hpp"

#include "tests/sandbox/BinanceStreamHub.hpp"

#include <limits>
#include <sstream>
#include <stdexcept>

namespace pricefeed::sandbox {

namespace {
constexpr std::int64_t kRealClock = std::numeric_limits<std::int64_t>::min();

// The API key a request carries, for the request log: a test that rotates a key checks which one
// reached the upstream. CoinGecko's two headers are the only ones a bundled plugin sends.
std::string api_key_of(const Request& request) {
  for (const char* name : {"x-cg-pro-api-key", "x-cg-demo-api-key"})
    if (auto key = request.header(name)) return *key;
  return "";
}

}  // namespace

const char* const kUsage = R"(pricefeed-sandbox: a local stand-in for the upstream price APIs

Usage: pricefeed-sandbox [options]
  --listen HOST:PORT        address to listen on (default 127.0.0.1:0, port 0 = a free port)
  --port-file PATH          write the bound port to PATH once listening
  --seed N                  seed of the price model (default 0)
  --threads N               server threads (default 4)
  --rate-limit ROUTE=N/UNIT[,burst=B]
                            token bucket per route family or route id, 429 + Retry-After beyond it;
                            UNIT is s, min or h (repeatable), e.g. yahoo=33/min
  --fault ROUTE:KIND[:COUNT][:symbol=S][:delay_ms=D][:probability=P][:seed=N][:retry_after=R]
                            a fault from the start (repeatable), e.g. yahoo.chart:503:2; with
                            probability=P each matching request fails with chance P (seeded by
                            seed=N, else --seed), e.g. '*:500:-1:probability=0.05'
                            kinds: 401 418 429 500 503 slow malformed truncated reset unknown_symbol
  --now TIME                freeze the clock (epoch seconds, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ)
  --delisted SYMBOL         one more symbol Yahoo answers 404 for (repeatable)
  --quirky SYMBOL[:N]       serve about one bar in N (default 40) of SYMBOL as nulls (repeatable)
  --no-intraday-limits      serve any intraday range (Yahoo limits 1m to 7 days within the last 30)
  --binance-extra-pairs N   N more made-up USDT pairs Binance lists (SDX1USDT...), for benchmarks
  --verbose                 one line per request on stderr
  --help                    this text
)";

SandboxOptions parse_command_line(const std::vector<std::string>& args, bool& help) {
  SandboxOptions o;
  help = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&]() -> std::string {
      if (auto eq = a.find('='); a.starts_with("--") && eq != std::string::npos) return a.substr(eq + 1);
      if (i + 1 >= args.size()) throw std::invalid_argument(a + " needs a value");
      return args[++i];
    };
    std::string flag = a.substr(0, a.find('='));
    if (flag == "--help" || flag == "-h") {
      help = true;
    } else if (flag == "--listen") {
      o.listen = value();
    } else if (flag == "--port-file") {
      o.port_file = value();
    } else if (flag == "--seed") {
      o.seed = std::stoull(value());
    } else if (flag == "--threads") {
      o.threads = std::stoi(value());
      if (o.threads < 1 || o.threads > 64) throw std::invalid_argument("--threads must be 1..64");
    } else if (flag == "--rate-limit") {
      o.rate_limits.push_back(value());
      RateLimiter::from_spec(o.rate_limits.back());  // validate now
    } else if (flag == "--fault") {
      o.faults.push_back(value());
      FaultPlan::from_spec(o.faults.back());
    } else if (flag == "--now") {
      o.now = parse_instant(value());
      if (!o.now)
        throw std::invalid_argument("--now expects epoch seconds, YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ");
    } else if (flag == "--delisted") {
      o.instruments.delisted.insert(to_upper(value()));
    } else if (flag == "--quirky") {
      std::string v = value();
      int n = 40;
      if (auto colon = v.find(':'); colon != std::string::npos) {
        n = std::stoi(v.substr(colon + 1));
        v.resize(colon);
      }
      if (n < 1) throw std::invalid_argument("--quirky N must be >= 1");
      o.instruments.quirky[to_upper(v)] = n;
    } else if (flag == "--no-intraday-limits") {
      o.intraday_limits = false;
    } else if (flag == "--binance-extra-pairs") {
      const long long n = std::stoll(value());
      if (n < 0 || n > 100'000) throw std::invalid_argument("--binance-extra-pairs must be 0..100000");
      o.binance_extra_pairs = static_cast<std::size_t>(n);
    } else if (flag == "--verbose" || flag == "-v") {
      o.verbose = true;
    } else {
      throw std::invalid_argument("unknown option " + a);
    }
  }
  return o;
}

Sandbox::Sandbox(SandboxOptions options)
    : options_(std::move(options)),
      directory_(std::make_unique<SymbolDirectory>()),
      instruments_(std::make_unique<Instruments>(options_.instruments, directory_.get())),
      model_(options_.seed),
      faults_(options_.seed),
      frozen_now_(options_.now ? options_.now->time_since_epoch().count() : kRealClock),
      binance_stream_(std::make_unique<BinanceStreamHub>(*this)) {
  for (const auto& spec : options_.rate_limits) {
    auto [key, limit] = RateLimiter::from_spec(spec);
    limiter_.set(key, limit);
  }
  for (const auto& spec : options_.faults)
    faults_.add(FaultPlan::from_spec(spec));
  add_control_routes(*this, router_);
  add_yahoo_routes(*this, router_);
  add_nasdaqtrader_routes(*this, router_);
  add_coingecko_routes(*this, router_);
  add_binance_routes(*this, router_);
  add_binance_stream_routes(*this, router_);
  add_frankfurter_routes(*this, router_);
  add_ecb_routes(*this, router_);
}

Sandbox::~Sandbox() = default;

std::chrono::sys_seconds Sandbox::now() const {
  std::int64_t frozen = frozen_now_.load();
  if (frozen != kRealClock) return std::chrono::sys_seconds{std::chrono::seconds{frozen}};
  return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
}

void Sandbox::freeze_clock(std::optional<std::chrono::sys_seconds> now) {
  frozen_now_ = now ? now->time_since_epoch().count() : kRealClock;
}

std::optional<Instrument> Sandbox::instrument(std::string_view symbol) const {
  auto in = instruments_->find(symbol);
  if (!in) return std::nullopt;
  return scenarios_.with_splits(std::move(*in));
}

void Sandbox::reset() {
  counters_.clear();
  requests_.clear();
  faults_.clear();
  scenarios_.clear();
  limiter_.refill_all();
  binance_stream_->reset_counters();
}

Sandbox::Outcome Sandbox::handle(Request& request) {
  Outcome out;
  const auto received = std::chrono::system_clock::now();
  request.now = now();
  const Route* route = router_.match(request);
  out.route_id = route ? route->id : "unmatched";
  counters_.request(out.route_id);
  // `status` 0: the connection is reset without an answer.
  auto record = [&](unsigned status) {
    if (route && route->control) return;
    requests_.record(
        {.received_ms =
             std::chrono::duration_cast<std::chrono::milliseconds>(received.time_since_epoch()).count(),
         .route = out.route_id,
         .family = route ? route->family : "",
         .method = std::string(boost::beast::http::to_string(request.method)),
         .target = request.target,
         .symbols = route ? request_symbols(*route, request) : std::vector<std::string>{},
         .status = status,
         .fault = out.fault,
         .peer = request.peer,
         .user_agent = request.header("User-Agent").value_or(""),
         .api_key = api_key_of(request)});
  };
  auto finish = [&](Response r) {
    counters_.answer(out.route_id, r.status);
    record(r.status);
    out.response = std::move(r);
    return out;
  };
  auto run = [&]() -> Response {
    try {
      return route->handler(request);
    } catch (const std::exception& e) {
      return Response::text(500, std::string("sandbox handler failed: ") + e.what());
    }
  };
  if (!route) return finish(Response::text(404, "Not Found"));
  if (route->control) return finish(run());

  if (auto retry = limiter_.acquire(route->id, route->family, 1.0, std::chrono::steady_clock::now())) {
    counters_.rate_limited(route->id);
    Response r = error_response(route, 429, request);
    r.headers.emplace_back("Retry-After", std::to_string(*retry));
    return finish(std::move(r));
  }

  auto fault = faults_.take(route->id, route->family, request_symbols(*route, request));
  if (!fault) return finish(run());

  out.fault = FaultPlan::name(fault->kind);
  counters_.fault(route->id, out.fault);
  auto with_retry_after = [&](Response r) {
    if (fault->retry_after) {
      std::string v = *fault->retry_after;
      if (v.starts_with("date+")) v = http_date(request.now + std::chrono::seconds{std::stoll(v.substr(5))});
      r.headers.emplace_back("Retry-After", v);
    }
    return r;
  };
  switch (fault->kind) {
    case FaultKind::http401:
      return finish(error_response(route, 401, request));
    case FaultKind::http418:
      return finish(with_retry_after(error_response(route, 418, request)));
    case FaultKind::http429:
      return finish(with_retry_after(error_response(route, 429, request)));
    case FaultKind::http500:
      return finish(error_response(route, 500, request));
    case FaultKind::http503:
      return finish(with_retry_after(error_response(route, 503, request)));
    case FaultKind::unknown_symbol:
      return finish(error_response(route, 404, request));
    case FaultKind::slow:
      out.delay = std::chrono::milliseconds{fault->delay_ms};
      return finish(run());
    case FaultKind::malformed: {
      Response normal = run();
      if (route->malformed) return finish(route->malformed(normal, request));
      normal.status = 200;
      normal.body.resize(normal.body.size() / 2);
      if (normal.body.empty()) normal.body = "{";
      return finish(std::move(normal));
    }
    case FaultKind::truncated:
      out.delivery = Delivery::truncated;
      return finish(run());
    case FaultKind::reset:
      out.delivery = Delivery::reset;
      record(0);
      return out;
  }
  return finish(run());
}

}  // namespace pricefeed::sandbox
