// ratelimit_bench: what acquiring a request's token costs, per request, with a rate so generous that
// nobody ever waits: the in-process RateLimiter (limit_scope = "host") against the shared bucket in
// PostgreSQL (limit_scope = "cluster"), with its leases (a round trip every few requests) and with
// lease size 1 (a round trip for every request). Issue 17: acquiring stays cheap.
//
//   ratelimit_bench [--requests N] [--rounds R] [--lease R]
#include <chrono>
#include <cstdio>
#include <exception>
#include <functional>
#include <string>
#include <vector>

#include "host/db/ConnectionPool.hpp"
#include "host/ratelimit/ClusterRateLimiter.hpp"
#include "host/ratelimit/RateLimiter.hpp"
#include "host/ratelimit/SharedRateLimitBucket.hpp"
#include "host/ratelimit/SteadyClock.hpp"
#include "tests/bench/BenchOptions.hpp"
#include "tests/support/TestDatabase.hpp"

namespace {

using pricefeed::host::ClusterRateLimiter;
using pricefeed::host::ClusterRateLimiterSettings;
using pricefeed::host::ConnectionPool;
using pricefeed::host::RateLimit;
using pricefeed::host::RateLimiter;
using pricefeed::host::SharedRateLimitBucket;
using pricefeed::host::SourceRateLimiter;
using pricefeed::host::SteadyClock;

// Never binding: a billion a minute, a million in the bucket.
constexpr RateLimit kGenerous{1e9, 1'000'000};

// Median nanoseconds per granted acquire over `rounds` rounds of `requests` each.
double ns_per_request(SourceRateLimiter& limiter, int requests, int rounds) {
  std::vector<double> per_round;
  for (int round = 0; round < rounds; ++round) {
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < requests; ++i) {
      if (!limiter.acquire(1).granted()) throw std::runtime_error("a generous limiter refused a request");
    }
    per_round.push_back(
        std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count() /
        requests);
  }
  return pricefeed::bench::median(per_round);
}

}  // namespace

int main(int argc, char** argv) try {
  int requests = 20000;
  int rounds = 3;
  int lease = static_cast<int>(ClusterRateLimiterSettings{}.lease_requests);
  pricefeed::bench::parse_positive_int_flags(
      argc, argv, {{"--requests", &requests}, {"--rounds", &rounds}, {"--lease", &lease}});

  pricefeed::test::TestDatabase database;
  SteadyClock clock;
  ConnectionPool pool(database.url(), 2);
  SharedRateLimitBucket bucket(pool);

  RateLimiter in_process(kGenerous, clock);
  ClusterRateLimiter leasing("leasing", kGenerous, bucket, clock,
                             ClusterRateLimiterSettings{.lease_requests = static_cast<std::uint32_t>(lease)});
  ClusterRateLimiter one_by_one("one_by_one", kGenerous, bucket, clock,
                                ClusterRateLimiterSettings{.lease_requests = 1});

  const double host_ns = ns_per_request(in_process, requests, rounds);
  const double leasing_ns = ns_per_request(leasing, requests, rounds);
  const double round_trip_ns = ns_per_request(one_by_one, requests, rounds);

  std::printf("ratelimit_bench: %d requests x %d rounds (median), one thread\n", requests, rounds);
  std::printf("  in-process (limit_scope = host)            %12.0f ns/request\n", host_ns);
  std::printf("  cluster, leases of %-2d requests             %12.0f ns/request  %8.1f x in-process\n", lease,
              leasing_ns, leasing_ns / host_ns);
  std::printf("  cluster, lease size 1 (round trip each)    %12.0f ns/request  %8.1f x in-process\n",
              round_trip_ns, round_trip_ns / host_ns);
  std::printf("  leases save %.0f%% of the round-trip cost\n", 100.0 * (1.0 - leasing_ns / round_trip_ns));
  return 0;
} catch (const std::exception& error) {
  std::fprintf(stderr, "ratelimit_bench: %s\n", error.what());
  return 1;
}
