// The route table of `pricefeed serve`: every route is there, and all but GET /health ask for the
// token. Answered with the database down (the pool's connector and the inbox's connection fail), so
// that what reached a handler shows as 503 or the validator's 400 rather than 401 or 404.

#include "host/http/ApiRoutes.hpp"

#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <string>

#include <boost/beast/http/field.hpp>

#include "host/db/Database.hpp"
#include "host/orchestrator/EventOrchestrator.hpp"
#include "host/ratelimit/SteadyClock.hpp"

namespace pricefeed::host {
namespace {

namespace http = boost::beast::http;

std::unique_ptr<pqxx::connection> no_database() {
  throw DatabaseConnectionError("test: no database");
}

class ApiRoutesTest : public ::testing::Test {
 protected:
  HttpServerResponse dispatch(http::verb method, std::string target, std::string authorization = {},
                              std::string body = {}) {
    HttpServerRequest request{method, target, 11};
    if (!authorization.empty()) request.set(http::field::authorization, authorization);
    request.body() = std::move(body);
    request.prepare_payload();
    return router_.dispatch(request);
  }

 private:
  ConnectionPool pool_{no_database, 1};
  BackfillQueue queue_{pool_};
  SourceRegistry registry_{{}, {}, {}};
  std::map<std::string, std::shared_ptr<SourceRateLimiter>> limiters_;
  SteadyClock clock_;
  SourceHealthReader sources_{registry_, limiters_, clock_, pool_};
  MetricsRegistry metrics_;
  EventOrchestrator orchestrator_{EventOrchestratorSettings{}};
  EventInbox inbox_{[](const ConnectionWork&) { throw DatabaseConnectionError("test: no database"); },
                    EventValidator{}, orchestrator_};
  Router router_ = [this] {
    Router router("secret");
    add_api_routes(router, {.health_pool = pool_,
                            .queue = queue_,
                            .sources = sources_,
                            .metrics = {&metrics_},
                            .inbox = inbox_});
    return router;
  }();
};

TEST_F(ApiRoutesTest, OnlyHealthIsOpen) {
  EXPECT_EQ(dispatch(http::verb::get, "/health").result(), http::status::service_unavailable);
  for (const char* path : {"/health/queue", "/health/sources", "/health/cluster", "/metrics"})
    EXPECT_EQ(dispatch(http::verb::get, path).result(), http::status::unauthorized) << path;
}

TEST_F(ApiRoutesTest, TheTokenOpensEveryOtherRoute) {
  EXPECT_EQ(dispatch(http::verb::get, "/health/queue", "Bearer secret").result(),
            http::status::service_unavailable);
  EXPECT_EQ(dispatch(http::verb::get, "/health/sources", "Bearer secret").result_int() / 100, 2u);
  EXPECT_EQ(dispatch(http::verb::get, "/health/cluster", "Bearer secret").result(),
            http::status::service_unavailable);
  EXPECT_EQ(dispatch(http::verb::get, "/metrics", "Bearer secret").result(), http::status::ok);
}

TEST_F(ApiRoutesTest, PostingAnEventNeedsTheTokenAndReachesTheValidator) {
  EXPECT_EQ(dispatch(http::verb::post, "/v1/events", {}, "{}").result(), http::status::unauthorized);
  EXPECT_EQ(dispatch(http::verb::post, "/v1/events", "Bearer wrong", "{}").result(),
            http::status::unauthorized);
  EXPECT_EQ(dispatch(http::verb::post, "/v1/events", "Bearer secret", "{}").result(),
            http::status::bad_request);
}

}  // namespace
}  // namespace pricefeed::host
