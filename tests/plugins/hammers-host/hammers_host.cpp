// hammers_host: a thread-safe test plugin that uses the host from many threads inside one call, as
// sdk.h allows. Its fetch_history and fetch_quotes each start kThreads threads that, round after
// round, call http, log, set_error, set_retry_after, cache_put/cache_get, now_ms and is_cancelled,
// and hand records to the call's sink; they are joined before the call returns.
// tests/host/plugins/HostServicesThreadsTest.cpp loads it through the real loader and checks what
// arrived.
//
// Record n (n = thread * kRounds + round) is a bar at start + n days with close n, or a quote of
// "Q<n>" at price n; GET <base_url>/echo/<n> must answer "echo <n>"; the cache key "t<thread>-r<round>"
// must give back "v<n>". Anything else that comes back is counted, and the call then fails as
// PERMANENT naming the first of them, so the host test sees corruption the plugin saw.
//
// Written against sdk.h with the SDK's Host and sink helpers rather than PRICEFEED_PLUGIN: each
// thread needs a buffered sink of its own over the one C sink of the call, which pricefeed::Source
// does not hand out (a plugin built on it shares its one sink between threads behind a lock).
#include <pricefeed/sdk.hpp>

#include <atomic>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace {

constexpr int kThreads = 8;
constexpr int kRounds = 40;
constexpr std::int64_t kDay = 86400;

const pricefeed_host_api* g_host = nullptr;

struct Instance {
  std::string base_url;  // set by create, then only read: the instance is thread-safe
};

// What the threads of one call saw that they should not have.
class Problems {
 public:
  void add(const std::string& what) {
    std::lock_guard lock(mutex_);
    if (count_++ == 0) first_ = what;
  }
  // PRICEFEED_OK, or PERMANENT explained with the first problem.
  pricefeed_status verdict(pricefeed_call_host_owned* call) {
    std::lock_guard lock(mutex_);
    if (count_ == 0) return PRICEFEED_OK;
    const std::string message = std::to_string(count_) + " problems, the first: " + first_;
    g_host->set_error(call, pricefeed::detail::borrow(message));
    return PRICEFEED_PERMANENT;
  }

 private:
  std::mutex mutex_;
  int count_ = 0;
  std::string first_;
};

// One round of the services every call uses; the record of the round is the caller's.
void use_services(const Instance& self, pricefeed_call_host_owned* call, int thread, int round,
                  Problems& problems) {
  pricefeed::Host host(g_host, call);
  const int n = thread * kRounds + round;
  const std::string tag = std::to_string(n);

  pricefeed::HttpRequest get;
  get.url = self.base_url + "/echo/" + tag;
  const pricefeed::HttpResponse answer = host.http(get);
  if (answer.status != 200 || answer.body != "echo " + tag) {
    problems.add("GET /echo/" + tag + " answered " + std::to_string(answer.status) + " \"" + answer.body +
                 "\"");
  }

  host.log(pricefeed::LogLevel::info, "hammering", {{"thread", std::to_string(thread)}, {"round", tag}});
  const std::string error = "thread " + std::to_string(thread) + " round " + std::to_string(round);
  g_host->set_error(call, pricefeed::detail::borrow(error));
  g_host->set_retry_after(call, n);

  const std::string key = "t" + std::to_string(thread) + "-r" + std::to_string(round);
  host.cache_put(key, "v" + tag, std::chrono::hours(1));
  host.cache_put("shared", "v" + tag, std::chrono::hours(1));
  if (host.cache_get(key) != "v" + tag) problems.add("cache key " + key + " lost its value");
  const auto shared = host.cache_get("shared");
  if (!shared || shared->size() < 2 || (*shared)[0] != 'v') problems.add("cache key shared holds garbage");

  if (host.now_seconds() <= 0) problems.add("now_ms went back before 1970");
  if (host.cancelled()) problems.add("the call says it was cancelled");
}

// Runs `round` for every round of kThreads threads at once; an exception ends its thread's rounds
// and is counted.
void hammer(Problems& problems, const std::function<void(int thread, int round)>& round) {
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        for (int r = 0; r < kRounds; ++r)
          round(t, r);
      } catch (const std::exception& e) {
        problems.add("thread " + std::to_string(t) + " threw: " + e.what());
      }
    });
  }
  for (auto& thread : threads)
    thread.join();
}

pricefeed_status create(pricefeed_call_host_owned* call, pricefeed_str config_json,
                        pricefeed_instance_plugin_owned** instance) {
  try {
    auto config = pricefeed::Config::parse(pricefeed::detail::view(config_json));
    *instance =
        reinterpret_cast<pricefeed_instance_plugin_owned*>(new Instance{config.required_string("base_url")});
    return PRICEFEED_OK;
  } catch (const std::exception& e) {
    g_host->set_error(call, pricefeed::detail::borrow(e.what()));
    return PRICEFEED_INVALID_CONFIG;
  }
}

void destroy(pricefeed_instance_plugin_owned* instance) {
  delete reinterpret_cast<Instance*>(instance);
}

pricefeed_status fetch_history(pricefeed_instance_plugin_owned* instance, pricefeed_call_host_owned* call,
                               const pricefeed_history_request* request, const pricefeed_history_sink* sink) {
  const Instance& self = *reinterpret_cast<const Instance*>(instance);
  Problems problems;
  hammer(problems, [&](int thread, int round) {
    use_services(self, call, thread, round, problems);
    const int n = thread * kRounds + round;
    pricefeed::HistorySink out(sink);  // one per thread and round: every round's bar crosses at once
    pricefeed::Bar bar;
    bar.ts = request->start + n * kDay;
    bar.open = bar.high = bar.low = bar.close = bar.adj_close = n;
    bar.volume = n;
    out.push(bar);
    if (round % 8 == 0) {
      pricefeed::Action split;
      split.kind = pricefeed::Action::Kind::split;
      split.ts = bar.ts;
      split.numerator = n;
      split.denominator = 1;
      out.action(split);
      out.unavailable(bar.ts, bar.ts + 1, "round " + std::to_string(n));
    }
    out.flush();
  });
  return problems.verdict(call);
}

pricefeed_status fetch_quotes(pricefeed_instance_plugin_owned* instance, pricefeed_call_host_owned* call,
                              const pricefeed_quote_request* /*request*/, const pricefeed_quote_sink* sink) {
  const Instance& self = *reinterpret_cast<const Instance*>(instance);
  Problems problems;
  hammer(problems, [&](int thread, int round) {
    use_services(self, call, thread, round, problems);
    const int n = thread * kRounds + round;
    pricefeed::QuoteSink out(sink);
    pricefeed::Quote quote;
    quote.symbol = "Q" + std::to_string(n);
    quote.price = n;
    quote.currency = "USD";
    quote.ts = 1'700'000'000 + n;
    out.push(quote);
    out.flush();
  });
  return problems.verdict(call);
}

}  // namespace

extern "C" PRICEFEED_EXPORT uint32_t pricefeed_abi_version(void) {
  return PRICEFEED_ABI_VERSION;
}

extern "C" PRICEFEED_EXPORT pricefeed_status pricefeed_plugin_entry(const pricefeed_host_api* host,
                                                                    const pricefeed_source_descriptor** out) {
  static const pricefeed_source_descriptor descriptor = [] {
    pricefeed_source_descriptor d{};
    d.struct_size = sizeof d;
    d.name = "hammers_host";
    d.version = "1.0.0";
    d.description = "test plugin: every host service and sink from 8 threads inside one call";
    d.asset_classes = PRICEFEED_CLASS_STOCK;
    d.capabilities = PRICEFEED_CAP_HISTORY | PRICEFEED_CAP_QUOTES;
    d.resolutions = PRICEFEED_RES_1D;
    d.max_quote_batch = 1000;
    d.thread_safe = 1;
    d.create = &create;
    d.destroy = &destroy;
    d.fetch_history = &fetch_history;
    d.fetch_quotes = &fetch_quotes;
    return d;
  }();
  g_host = host;
  *out = &descriptor;
  return PRICEFEED_OK;
}
