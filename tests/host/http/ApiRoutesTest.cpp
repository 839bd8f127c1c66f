// The route table of `pricefeed serve`: every route is there, and all but GET /health ask for the
// token (POST /v1/admin/reload too). Answered with the database down (the pool's connector and the inbox's
// connection fail), so that what reached a handler shows as 503 or the validator's 400 rather than 401 or
// 404.

#include "host/http/ApiRoutes.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include <boost/beast/http/field.hpp>

#include <nlohmann/json.hpp>

#include "host/config/ConfigError.hpp"
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
  SteadyClock clock_;
  SourceHealthReader sources_{registry_, clock_, pool_};
  MetricsRegistry metrics_;
  EventOrchestrator orchestrator_{EventOrchestratorSettings{}};
  EventInbox inbox_{[](const ConnectionWork&) { throw DatabaseConnectionError("test: no database"); },
                    EventValidator{}, orchestrator_};

 protected:
  // What the next reload reads: a configuration, or the error reading it gives.
  std::optional<ConfigError> config_error_;
  ConfigReloader reloader_{std::make_shared<const Config>(),
                           {.load_config =
                                [this] {
                                  if (config_error_) throw *config_error_;
                                  Config next;
                                  next.worker.batch_size = 3;
                                  return next;
                                },
                            .reload_sources = [](const Config&) { return SourceReload{}; },
                            .prepare_work = {}}};

 private:
  Router router_ = [this] {
    Router router("secret");
    add_api_routes(router, {.health_pool = pool_,
                            .queue = queue_,
                            .sources = sources_,
                            .metrics = {&metrics_},
                            .inbox = inbox_,
                            .reloader = &reloader_});
    return router;
  }();
};

TEST_F(ApiRoutesTest, OnlyHealthIsOpen) {
  EXPECT_EQ(dispatch(http::verb::get, "/health").result(), http::status::service_unavailable);
  for (const char* path : {"/health/queue", "/health/sources", "/health/cluster", "/metrics"})
    EXPECT_EQ(dispatch(http::verb::get, path).result(), http::status::unauthorized) << path;
  EXPECT_EQ(dispatch(http::verb::post, "/v1/admin/reload").result(), http::status::unauthorized);
  EXPECT_EQ(reloader_.count(), 0u) << "no reload without the token";
}

TEST_F(ApiRoutesTest, AReloadAnswersWithWhatItApplied) {
  const auto response = dispatch(http::verb::post, "/v1/admin/reload", "Bearer secret");
  ASSERT_EQ(response.result(), http::status::ok);
  const auto body = nlohmann::json::parse(response.body());
  EXPECT_EQ(body["outcome"], "applied");
  EXPECT_EQ(body["sections"], nlohmann::json::array({"worker"}));
  EXPECT_EQ(body["trigger"], "POST /v1/admin/reload");
  EXPECT_EQ(reloader_.running()->worker.batch_size, 3);
}

TEST_F(ApiRoutesTest, ABadConfigurationIsRefusedWith422AndItsLocation) {
  config_error_ = ConfigError("pricefeed.toml", 12, "worker.batch_size", "expected an integer");
  const auto response = dispatch(http::verb::post, "/v1/admin/reload", "Bearer secret");
  ASSERT_EQ(response.result(), http::status::unprocessable_entity);
  const auto body = nlohmann::json::parse(response.body());
  EXPECT_EQ(body["outcome"], "refused");
  EXPECT_EQ(body["errors"],
            nlohmann::json::array({"pricefeed.toml:12: worker.batch_size: expected an integer"}));
  EXPECT_EQ(reloader_.running()->worker.batch_size, Config{}.worker.batch_size) << "the running config stays";
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
