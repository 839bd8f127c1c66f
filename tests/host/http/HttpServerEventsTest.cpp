// POST /v1/events end to end over a real socket, with the real inbox and orchestrator on a real
// PostgreSQL: 202, 200 duplicate, 409 conflict, 202 held, 400 naming the field, 401, 415, 503 with the
// database down.

#include <gtest/gtest.h>

#include <boost/beast/http/field.hpp>
#include <nlohmann/json.hpp>

#include "host/http/EventsRoute.hpp"
#include "host/http/HealthRoute.hpp"
#include "host/http/HttpServer.hpp"
#include "host/inbox/EventInbox.hpp"
#include "host/orchestrator/EventOrchestrator.hpp"
#include "tests/host/events/support/StoredEvents.hpp"
#include "tests/host/http/HttpServerTestClient.hpp"
#include "tests/support/TestDatabase.hpp"

namespace pricefeed::host {
namespace {

using testing::HttpServerTestClient;
namespace http = boost::beast::http;
using test::buy_event;
using test::query_value;
using test::sell_event;

HttpServerSettings loopback() {
  HttpServerSettings settings;
  settings.listen = "127.0.0.1:0";
  return settings;
}

// The API as `pricefeed serve` assembles it, on the database at `url`.
class EventsApi {
 public:
  explicit EventsApi(const std::string& url, std::string token = {})
      : inbox_(connection_per_call(url), EventValidator(test::test_today), orchestrator_),
        server_(loopback(), make_router(std::move(token))) {
    server_.start();
  }
  std::uint16_t port() const { return server_.port(); }

 private:
  Router make_router(std::string token) {
    Router router(std::move(token));
    add_health_route(router);
    add_events_route(router, inbox_);
    return router;
  }

  EventOrchestrator orchestrator_{EventOrchestratorSettings{}, test::test_today};
  EventInbox inbox_;
  HttpServer server_;
};

nlohmann::json json_of(const testing::TestResponse& response) {
  return nlohmann::json::parse(response.body());
}

class HttpServerEventsTest : public ::testing::Test {
 protected:
  test::TestDatabase db;
  std::unique_ptr<pqxx::connection> connection = db.connect();
};

TEST_F(HttpServerEventsTest, ValidEventIs202AndStoredAndHandled) {
  EventsApi api(db.url());
  HttpServerTestClient client(api.port());
  const auto response = client.post_event(buy_event("t-1", "u-1", "AAPL", "2026-01-15", "2.50").dump());
  EXPECT_EQ(response.result(), http::status::accepted);
  EXPECT_EQ(json_of(response), (nlohmann::json{{"event_id", "t-1"}, {"status", "accepted"}}));
  EXPECT_EQ(query_value(*connection, "SELECT (processed_at IS NOT NULL)::text FROM transaction_events"),
            "true");
  EXPECT_EQ(query_value(*connection, "SELECT quantity FROM asset_holders"), "2.50");
  EXPECT_EQ(query_value(*connection, "SELECT count(*) FROM backfill_queue"), "1");
}

TEST_F(HttpServerEventsTest, ReplayIs200Duplicate) {
  EventsApi api(db.url());
  HttpServerTestClient client(api.port());
  EXPECT_EQ(client.post_event(buy_event("t-1").dump()).result(), http::status::accepted);
  const auto replay = client.post_event(buy_event("t-1").dump());
  EXPECT_EQ(replay.result(), http::status::ok);
  EXPECT_EQ(json_of(replay), (nlohmann::json{{"event_id", "t-1"}, {"status", "duplicate"}}));
  EXPECT_EQ(query_value(*connection, "SELECT quantity FROM asset_holders"), "10");
}

TEST_F(HttpServerEventsTest, ReusedEventIdWithAnotherBodyIs409NamingTheFieldsAndStoresNothing) {
  EventsApi api(db.url());
  HttpServerTestClient client(api.port());
  EXPECT_EQ(client.post_event(buy_event("d1", "u-1", "AAPL", "2026-01-15", "1").dump()).result(),
            http::status::accepted);
  const auto reused = client.post_event(buy_event("d1", "u-1", "AAPL", "2026-01-15", "99").dump());
  EXPECT_EQ(reused.result(), http::status::conflict);
  EXPECT_EQ(
      json_of(reused),
      (nlohmann::json{{"error",
                       "event_id d1 was stored before with a different quantity; this event was not stored "
                       "(a new trade needs a new event_id)"},
                      {"event_id", "d1"},
                      {"fields", {"quantity"}}}));
  EXPECT_EQ(query_value(*connection, "SELECT quantity FROM asset_holders"), "1");
  EXPECT_EQ(query_value(*connection, "SELECT payload->>'quantity' FROM transaction_events"), "1");
}

TEST_F(HttpServerEventsTest, SellBeforeItsBuyIs202HeldWithTheReason) {
  EventsApi api(db.url());
  HttpServerTestClient client(api.port());
  const auto sell = client.post_event(sell_event("s-1", "u-1", "AAPL", "2026-01-16", "2").dump());
  EXPECT_EQ(sell.result(), http::status::accepted);
  EXPECT_EQ(json_of(sell),
            (nlohmann::json{{"event_id", "s-1"},
                            {"status", "held"},
                            {"reason",
                             "quantity: selling 2 but user u-1 holds no stock AAPL; the sell is "
                             "held and applied once a buy makes it up"}}));
  EXPECT_EQ(client.post_event(buy_event("b-1", "u-1", "AAPL", "2026-01-15", "3").dump()).result(),
            http::status::accepted);
  EXPECT_EQ(query_value(*connection, "SELECT quantity FROM asset_holders"), "1");
}

TEST_F(HttpServerEventsTest, BadEventIs400NamingTheFieldAndIsNotStored) {
  EventsApi api(db.url());
  HttpServerTestClient client(api.port());
  nlohmann::json event = buy_event("t-1");
  event["date"] = "2026-13-01";
  const auto response = client.post_event(event.dump());
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_EQ(json_of(response),
            (nlohmann::json{{"error", "date: 2026-13-01 is not a real date"}, {"field", "date"}}));

  event = buy_event("t-2");
  event["symbol"] = "../etc";
  EXPECT_EQ(json_of(client.post_event(event.dump()))["field"], "symbol");
  EXPECT_EQ(query_value(*connection, "SELECT count(*) FROM transaction_events"), "0");
}

TEST_F(HttpServerEventsTest, NonJsonBodyIs400) {
  EventsApi api(db.url());
  const auto response = HttpServerTestClient(api.port()).post_event("event_id=t-1&type=buy");
  EXPECT_EQ(response.result(), http::status::bad_request);
  EXPECT_EQ(json_of(response)["field"], "body");
  EXPECT_TRUE(json_of(response)["error"].get<std::string>().starts_with("body: not valid JSON: "));
}

TEST_F(HttpServerEventsTest, NonJsonContentTypeIs415) {
  EventsApi api(db.url());
  const auto response =
      HttpServerTestClient(api.port())
          .request(http::verb::post, "/v1/events", buy_event("t-1").dump(), {}, "text/plain");
  EXPECT_EQ(response.result(), http::status::unsupported_media_type);
  EXPECT_EQ(json_of(response)["error"], "Content-Type: text/plain is not application/json");
  EXPECT_EQ(HttpServerTestClient(api.port())
                .request(http::verb::post, "/v1/events", buy_event("t-2").dump(), {},
                         "application/json; charset=utf-8")
                .result(),
            http::status::accepted);
}

TEST_F(HttpServerEventsTest, BodyOverOneMebibyteIs413) {
  EventsApi api(db.url());
  nlohmann::json event = buy_event("t-1");
  event["note"] = std::string(1024 * 1024, 'x');
  const auto response = HttpServerTestClient(api.port()).post_event(event.dump());
  EXPECT_EQ(response.result(), http::status::payload_too_large);
  EXPECT_EQ(query_value(*connection, "SELECT count(*) FROM transaction_events"), "0");
}

TEST_F(HttpServerEventsTest, WithATokenSetEventsNeedIt) {
  EventsApi api(db.url(), "t0ken");
  HttpServerTestClient client(api.port());
  const auto refused = client.post_event(buy_event("t-1").dump());
  EXPECT_EQ(refused.result(), http::status::unauthorized);
  EXPECT_EQ(client.post_event(buy_event("t-1").dump(), "Bearer nope").result(), http::status::unauthorized);
  EXPECT_EQ(query_value(*connection, "SELECT count(*) FROM transaction_events"), "0");
  EXPECT_EQ(client.post_event(buy_event("t-1").dump(), "Bearer t0ken").result(), http::status::accepted);
}

TEST_F(HttpServerEventsTest, WrongMethodOnEventsIs405) {
  EventsApi api(db.url());
  const auto response = HttpServerTestClient(api.port()).request(http::verb::get, "/v1/events");
  EXPECT_EQ(response.result(), http::status::method_not_allowed);
  EXPECT_EQ(response[http::field::allow], "POST");
}

TEST(HttpServerEventsWithoutDatabase, DatabaseDownIs503AndTheEventIsNotAcknowledged) {
  // Nothing listens on port 1: every connection is refused, as with PostgreSQL stopped.
  EventsApi api("postgresql://postgres@127.0.0.1:1/pricefeed?connect_timeout=2");
  HttpServerTestClient client(api.port());
  const auto response = client.post_event(buy_event("t-1").dump());
  EXPECT_EQ(response.result(), http::status::service_unavailable);
  EXPECT_EQ(response[http::field::retry_after], "5");
  EXPECT_EQ(json_of(response)["error"], "database unavailable: the event was not stored; retry later");
  // Validation still answers without the database, and health still says the process is alive.
  EXPECT_EQ(client.post_event("{}").result(), http::status::bad_request);
  EXPECT_EQ(client.request(http::verb::get, "/health").result(), http::status::ok);
}

TEST(HttpServerEventsWithoutDatabase, DatabaseStoppedMidwayIs503ThenAcceptedWhenBack) {
  // A database that exists, then disappears: the same server answers 503 while it is gone.
  auto db = std::make_unique<test::TestDatabase>();
  EventsApi api(db->url());
  HttpServerTestClient client(api.port());
  EXPECT_EQ(client.post_event(buy_event("t-1").dump()).result(), http::status::accepted);
  db.reset();  // dropped: connections to it now fail
  EXPECT_EQ(client.post_event(buy_event("t-2").dump()).result(), http::status::service_unavailable);
}

}  // namespace
}  // namespace pricefeed::host
