// HttpServer and Router over a real socket on 127.0.0.1: routing, limits, keep-alive, graceful stop.

#include "host/http/HttpServer.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <sstream>
#include <thread>

#include <gmock/gmock.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>
#include <boost/beast/http/field.hpp>
#include <nlohmann/json.hpp>

#include "host/http/HealthRoute.hpp"
#include "host/http/HttpServerListenAddress.hpp"
#include "host/log/Log.hpp"
#include "tests/host/http/HttpServerTestClient.hpp"
#include "tests/host/http/HttpServerTestRoutes.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono_literals;
using testing::http_request;
using testing::HttpServerTestClient;
namespace http = boost::beast::http;

using testing::loopback;
using testing::router_with_test_routes;

nlohmann::json json_of(const testing::TestResponse& response) {
  return nlohmann::json::parse(response.body());
}

class HttpServerTest : public ::testing::Test {
 protected:
  HttpServer server{loopback(), router_with_test_routes()};
  void SetUp() override { server.start(); }
};

// What HttpServer::start() logs, for the warning about an open API beyond loopback.
std::string log_of_starting(const std::string& listen, const std::string& token) {
  std::ostringstream out;
  configure_logging(LogFormat::text, spdlog::level::info,
                    std::make_shared<spdlog::sinks::ostream_sink_mt>(out));
  {
    HttpServerSettings settings = loopback();
    settings.listen = listen;
    HttpServer server{settings, router_with_test_routes(token)};
    server.start();
  }
  spdlog::default_logger_raw()->flush();
  configure_logging(LogFormat::text);
  return out.str();
}

TEST(HttpServerListenWarning, AnApiBeyondLoopbackWithoutATokenIsWarnedAboutOnce) {
  const std::string log = log_of_starting("0.0.0.0:0", "");
  EXPECT_THAT(log, ::testing::HasSubstr("HTTP API listens beyond loopback without a token"));
  EXPECT_THAT(log, ::testing::HasSubstr("set [http].auth_token or listen on 127.0.0.1"));
  EXPECT_THAT(log, ::testing::HasSubstr("listen=0.0.0.0:0"));
  EXPECT_EQ(log.find("beyond loopback"), log.rfind("beyond loopback")) << log;
}

TEST(HttpServerListenWarning, LoopbackOrATokenIsNotWarnedAbout) {
  EXPECT_THAT(log_of_starting("127.0.0.1:0", ""), ::testing::Not(::testing::HasSubstr("beyond loopback")));
  EXPECT_THAT(log_of_starting("0.0.0.0:0", "s3cret-token"),
              ::testing::Not(::testing::HasSubstr("beyond loopback")));
}

TEST_F(HttpServerTest, HealthSaysOkWithVersionAndUptime) {
  const auto response = http_request(server.port(), http::verb::get, "/health");
  EXPECT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "application/json");
  const auto body = json_of(response);
  EXPECT_EQ(body["status"], "ok");
  EXPECT_EQ(body["version"], "9.8.7");
  EXPECT_GE(body["uptime_seconds"].get<int>(), 42);
}

TEST_F(HttpServerTest, DefaultHealthVersionIsTheProjectVersion) {
  EXPECT_FALSE(pricefeed_version().empty());
  EXPECT_NE(pricefeed_version().find('.'), std::string_view::npos);
}

TEST_F(HttpServerTest, QueryStringDoesNotChangeTheRoute) {
  EXPECT_EQ(http_request(server.port(), http::verb::get, "/health?probe=1").result(), http::status::ok);
}

TEST_F(HttpServerTest, UnknownPathIs404) {
  const auto response = http_request(server.port(), http::verb::get, "/nope");
  EXPECT_EQ(response.result(), http::status::not_found);
  EXPECT_EQ(json_of(response)["error"], "no route for GET /nope");
}

TEST_F(HttpServerTest, WrongMethodIs405WithAllow) {
  const auto response = http_request(server.port(), http::verb::delete_, "/health");
  EXPECT_EQ(response.result(), http::status::method_not_allowed);
  EXPECT_EQ(response[http::field::allow], "GET");
  EXPECT_EQ(json_of(response)["error"], "method DELETE is not allowed on /health (allowed: GET)");
}

TEST_F(HttpServerTest, HandlerThatThrowsIs500WithoutItsMessage) {
  const auto response = http_request(server.port(), http::verb::get, "/throws");
  EXPECT_EQ(response.result(), http::status::internal_server_error);
  EXPECT_EQ(json_of(response)["error"], "internal error; see the server's log");
}

TEST_F(HttpServerTest, BodyOverOneMebibyteIs413) {
  HttpServerTestClient client(server.port());
  const auto response = client.request(http::verb::post, "/echo", std::string(1024 * 1024 + 1, 'x'));
  EXPECT_EQ(response.result(), http::status::payload_too_large);
  EXPECT_EQ(json_of(response)["error"], "body: larger than the limit of 1048576 bytes");
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(HttpServerTest, BodyOfExactlyOneMebibyteIsAccepted) {
  const auto response = http_request(server.port(), http::verb::post, "/echo", std::string(1024 * 1024, 'x'));
  EXPECT_EQ(response.result(), http::status::ok);
}

TEST_F(HttpServerTest, ChunkedBodyPassingTheLimitIs413) {
  HttpServerTestClient client(server.port());
  std::string request = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  const std::string chunk(64 * 1024, 'x');
  for (int i = 0; i < 20; ++i)
    request += "10000\r\n" + chunk + "\r\n";
  request += "0\r\n\r\n";
  const auto response = client.send_raw(request);
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result(), http::status::payload_too_large);
}

TEST_F(HttpServerTest, OversizedBodyAnnouncedWithExpectContinueIsRefusedBeforeItIsSent) {
  HttpServerTestClient client(server.port());
  const auto response = client.send_raw(
      "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5000000\r\nExpect: 100-continue\r\n\r\n");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result(), http::status::payload_too_large);
}

TEST_F(HttpServerTest, ExpectContinueGetsContinueThenTheAnswer) {
  HttpServerTestClient client(server.port());
  const auto interim =
      client.send_raw("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
  ASSERT_TRUE(interim);
  EXPECT_EQ(interim->result(), http::status::continue_);
  const auto response = client.send_raw("hi");
  ASSERT_TRUE(response);
  EXPECT_EQ(json_of(*response)["echo"], "hi");
}

TEST_F(HttpServerTest, OversizedHeadersAre431) {
  HttpServerTestClient client(server.port());
  const auto response =
      client.send_raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result(), http::status::request_header_fields_too_large);
}

TEST_F(HttpServerTest, HeadersJustOverTheLimitAre431) {
  // 16,402 bytes of header, 16,380 of them fields: Beast holds the request line and the fields to the
  // 16 KiB limit separately and lets this through (http_request_fuzz found it); the server does not.
  HttpServerTestClient client(server.port());
  const auto response =
      client.send_raw("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(16360, 'a') + "\r\n\r\n");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result(), http::status::request_header_fields_too_large);
}

TEST_F(HttpServerTest, MalformedRequestIs400) {
  HttpServerTestClient client(server.port());
  const auto response = client.send_raw("GET /health HTTP/9\r\n\r\n");
  ASSERT_TRUE(response);
  EXPECT_EQ(response->result(), http::status::bad_request);
  EXPECT_TRUE(json_of(*response)["error"].get<std::string>().starts_with("request: not valid HTTP/1.1"));
}

TEST_F(HttpServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  HttpServerTestClient client(server.port());
  for (int i = 0; i < 3; ++i) {
    const auto response = client.request(http::verb::post, "/echo", "n" + std::to_string(i));
    EXPECT_EQ(response.result(), http::status::ok);
    EXPECT_TRUE(response.keep_alive());
    EXPECT_EQ(json_of(response)["echo"], "n" + std::to_string(i));
  }
}

TEST_F(HttpServerTest, ConnectionCloseIsHonoured) {
  HttpServerTestClient client(server.port());
  const auto response = client.send_raw("GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(response);
  EXPECT_FALSE(response->keep_alive());
  EXPECT_TRUE(client.closed_by_server());
}

TEST_F(HttpServerTest, SlowHandlerDoesNotHoldUpOtherConnections) {
  auto slow = std::async(std::launch::async,
                         [this] { return http_request(server.port(), http::verb::get, "/slow").result(); });
  std::this_thread::sleep_for(100ms);
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(http_request(server.port(), http::verb::get, "/health").result(), http::status::ok);
  EXPECT_LT(std::chrono::steady_clock::now() - started, 500ms);
  EXPECT_EQ(slow.get(), http::status::ok);
}

TEST_F(HttpServerTest, StopLetsARequestInProgressFinish) {
  auto slow = std::async(std::launch::async, [this] {
    HttpServerTestClient client(server.port());
    const auto response = client.request(http::verb::get, "/slow");
    return std::make_pair(response.result(), response.keep_alive());
  });
  std::this_thread::sleep_for(200ms);
  server.stop();
  const auto [status, keep_alive] = slow.get();
  EXPECT_EQ(status, http::status::ok);
  EXPECT_FALSE(keep_alive);  // the server says it is closing
}

TEST_F(HttpServerTest, StopClosesIdleKeepAliveConnectionsAtOnce) {
  HttpServerTestClient client(server.port());
  EXPECT_EQ(client.request(http::verb::get, "/health").result(), http::status::ok);
  const auto started = std::chrono::steady_clock::now();
  server.stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 2s);
  EXPECT_TRUE(client.closed_by_server(1s));
  EXPECT_THROW(HttpServerTestClient{server.port()}, boost::system::system_error);  // no longer accepting
}

TEST(HttpServerIdle, IdleKeepAliveConnectionIsClosedAfterTheTimeout) {
  HttpServerSettings settings = loopback();
  settings.idle_timeout = 300ms;
  HttpServer server(settings, router_with_test_routes());
  server.start();
  HttpServerTestClient client(server.port());
  EXPECT_EQ(client.request(http::verb::get, "/health").result(), http::status::ok);
  EXPECT_TRUE(client.closed_by_server(3s));
}

TEST(HttpServerToken, PostRoutesNeedTheBearerTokenWhenOneIsSet) {
  HttpServer server(loopback(), router_with_test_routes("s3cret-token"));
  server.start();
  const auto missing = http_request(server.port(), http::verb::post, "/echo", "x");
  EXPECT_EQ(missing.result(), http::status::unauthorized);
  EXPECT_EQ(missing[http::field::www_authenticate], "Bearer");
  EXPECT_TRUE(json_of(missing)["error"].get<std::string>().starts_with("authorization: "));
  EXPECT_EQ(http_request(server.port(), http::verb::post, "/echo", "x", "Bearer wrong").result(),
            http::status::unauthorized);
  EXPECT_EQ(http_request(server.port(), http::verb::post, "/echo", "x", "Bearer s3cret-tokenX").result(),
            http::status::unauthorized);
  EXPECT_EQ(http_request(server.port(), http::verb::post, "/echo", "x", "Basic s3cret-token").result(),
            http::status::unauthorized);
  EXPECT_EQ(http_request(server.port(), http::verb::post, "/echo", "x", "Bearer s3cret-token").result(),
            http::status::ok);
  EXPECT_EQ(http_request(server.port(), http::verb::post, "/echo", "x", "bearer s3cret-token").result(),
            http::status::ok);
  // GET /health stays open for probes.
  EXPECT_EQ(http_request(server.port(), http::verb::get, "/health").result(), http::status::ok);
}

TEST(HttpServerStart, RefusesAnAddressInUseNamingIt) {
  HttpServer first(loopback(), router_with_test_routes());
  first.start();
  HttpServerSettings same = loopback();
  same.listen = "127.0.0.1:" + std::to_string(first.port());
  HttpServer second(same, router_with_test_routes());
  try {
    second.start();
    FAIL() << "started twice on one port";
  } catch (const HttpServerError& error) {
    EXPECT_TRUE(std::string(error.what()).starts_with("cannot listen on " + same.listen + ": "))
        << error.what();
  }
}

TEST(HttpServerListenAddress, ParsesHostAndPort) {
  EXPECT_EQ(resolve_listen_address("127.0.0.1:8080"),
            boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), 8080));
  EXPECT_EQ(resolve_listen_address("[::1]:0"),
            boost::asio::ip::tcp::endpoint(boost::asio::ip::make_address("::1"), 0));
  EXPECT_EQ(resolve_listen_address("localhost:9000").port(), 9000);
}

TEST(HttpServerListenAddress, RefusesWhatIsNotHostColonPort) {
  EXPECT_THROW(resolve_listen_address("8080"), std::invalid_argument);
  EXPECT_THROW(resolve_listen_address(":8080"), std::invalid_argument);
  EXPECT_THROW(resolve_listen_address("127.0.0.1:70000"), std::invalid_argument);
  EXPECT_THROW(resolve_listen_address("127.0.0.1:http"), std::invalid_argument);
  try {
    resolve_listen_address("127.0.0.1:");
    FAIL();
  } catch (const std::invalid_argument& error) {
    EXPECT_EQ(std::string(error.what()),
              "http.listen \"127.0.0.1:\": the port must be a number from 0 to 65535");
  }
}

}  // namespace
}  // namespace pricefeed::host
