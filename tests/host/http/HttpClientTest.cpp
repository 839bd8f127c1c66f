// HttpClient against a real server on 127.0.0.1 speaking plain HTTP.

#include "host/http/HttpClient.hpp"

#include <gtest/gtest.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>
#include <string>
#include <vector>

#include "host/http/RedirectPolicy.hpp"
#include "tests/host/http/support/Compression.hpp"
#include "tests/host/http/support/HttpClientCalls.hpp"
#include "tests/host/http/support/TestHttpServer.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono_literals;
using testing::CompressionFormat;
using testing::ReceivedRequest;
using testing::TestHttpServer;
using testing::TestReply;
using Action = TestReply::Action;

using testing::error_from;
using testing::get;
using testing::kTestTimeout;

// A port on which nothing listens: bound, then released.
std::uint16_t unused_port() {
  boost::asio::io_context io;
  boost::asio::ip::tcp::acceptor acceptor(io, {boost::asio::ip::make_address("127.0.0.1"), 0});
  return acceptor.local_endpoint().port();
}

TEST(HttpClient, SendsHostAcceptEncodingAndTheDefaultUserAgent) {
  TestHttpServer server([](const ReceivedRequest&) { return TestReply::text("ok"); });
  HttpClient client;

  const HttpResponse response = client.send(get(server.url("/v1/thing?symbol=AAPL")));

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "ok");
  EXPECT_EQ(response.header("content-type"), "text/plain");
  ASSERT_EQ(server.requests().size(), 1u);
  const ReceivedRequest request = server.requests().front();
  EXPECT_EQ(request.method, "GET");
  EXPECT_EQ(request.target, "/v1/thing?symbol=AAPL");
  EXPECT_EQ(request.header("Host"), "127.0.0.1:" + std::to_string(server.port()));
  EXPECT_EQ(request.header("Accept-Encoding"), "gzip, deflate");
  EXPECT_EQ(request.header("User-Agent"), std::string(kDefaultUserAgent));
}

TEST(HttpClient, CallerMayOverrideTheUserAgentButNotTheFraming) {
  TestHttpServer server([](const ReceivedRequest&) { return TestReply::text("ok"); });
  HttpClient client;
  HttpRequest request = get(server.url("/"));
  request.headers = {{"user-agent", "Mozilla/5.0"}, {"Accept-Encoding", "br"}, {"Content-Length", "99"}};

  client.send(request);

  const ReceivedRequest received = server.requests().front();
  EXPECT_EQ(received.header("User-Agent"), "Mozilla/5.0");
  EXPECT_EQ(received.header("Accept-Encoding"), "gzip, deflate");
  EXPECT_EQ(received.header("Content-Length"), std::nullopt);
}

TEST(HttpClient, SendsMethodHeadersAndBody) {
  TestHttpServer server(
      [](const ReceivedRequest& request) { return TestReply::text("got " + request.body, 201); });
  HttpClient client;
  HttpRequest request = get(server.url("/events"));
  request.method = "POST";
  request.headers = {{"Content-Type", "application/json"}, {"X-Trace", "1"}};
  request.body = R"({"a":1})";

  const HttpResponse response = client.send(request);

  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.body, R"(got {"a":1})");
  const ReceivedRequest received = server.requests().front();
  EXPECT_EQ(received.method, "POST");
  EXPECT_EQ(received.header("Content-Type"), "application/json");
  EXPECT_EQ(received.header("X-Trace"), "1");
  EXPECT_EQ(received.header("Content-Length"), "7");
}

TEST(HttpClient, AnyStatusIsAResponseNotAnError) {
  TestHttpServer server([](const ReceivedRequest& request) {
    TestReply reply = TestReply::text("nope", request.target == "/missing" ? 404 : 429);
    reply.headers.emplace_back("Retry-After", "30");
    return reply;
  });
  HttpClient client;

  EXPECT_EQ(client.send(get(server.url("/missing"))).status, 404);
  const HttpResponse limited = client.send(get(server.url("/limited")));
  EXPECT_EQ(limited.status, 429);
  EXPECT_EQ(limited.header("Retry-After"), "30");
}

TEST(HttpClient, ReusesPooledConnectionForSameHost) {
  TestHttpServer server([](const ReceivedRequest&) { return TestReply::text("ok"); });
  HttpClient client;

  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(client.send(get(server.url("/n/" + std::to_string(i)))).body, "ok");

  EXPECT_EQ(server.accepted_connections(), 1u);
  EXPECT_EQ(client.idle_connection_count(), 1u);
}

TEST(HttpClient, ConnectionsAreNotSharedAcrossOrigins) {
  TestHttpServer first([](const ReceivedRequest&) { return TestReply::text("first"); });
  TestHttpServer second([](const ReceivedRequest&) { return TestReply::text("second"); });
  HttpClient client;

  EXPECT_EQ(client.send(get(first.url("/"))).body, "first");
  EXPECT_EQ(client.send(get(second.url("/"))).body, "second");
  EXPECT_EQ(client.send(get(first.url("/"))).body, "first");

  EXPECT_EQ(first.accepted_connections(), 1u);
  EXPECT_EQ(second.accepted_connections(), 1u);
  EXPECT_EQ(client.idle_connection_count(), 2u);
}

TEST(HttpClient, ConnectionCloseAnswerIsNotPooled) {
  TestHttpServer server([](const ReceivedRequest&) {
    TestReply reply = TestReply::text("bye");
    reply.action = Action::respond_then_close;
    return reply;
  });
  HttpClient client;

  EXPECT_EQ(client.send(get(server.url("/"))).body, "bye");
  EXPECT_EQ(client.idle_connection_count(), 0u);
  EXPECT_EQ(client.send(get(server.url("/"))).body, "bye");
  EXPECT_EQ(server.accepted_connections(), 2u);
}

TEST(HttpClient, ReplacesAPooledConnectionTheServerClosedWhileIdle) {
  // Keep-alive promised, connection closed anyway: what a server's idle timeout looks like.
  TestHttpServer server([](const ReceivedRequest&) {
    TestReply reply = TestReply::text("ok");
    reply.action = Action::close_silently;
    return reply;
  });
  HttpClient client;

  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(client.send(get(server.url("/"))).body, "ok") << "request " << i;
  EXPECT_EQ(server.accepted_connections(), 3u);
  EXPECT_EQ(server.requests().size(), 3u);
}

// A server that closes every kept-alive connection when its second request arrives: the pooled
// connection looks fine until it is used, then fails before any response.
TestReply answer_only_first_request_per_connection(const ReceivedRequest& request) {
  if (request.request_on_connection > 1) return TestReply::with(Action::close_unanswered);
  return TestReply::text("answered on connection " + std::to_string(request.connection));
}

TEST(HttpClient, RetriesAnIdempotentRequestOnceWhenAPooledConnectionDies) {
  TestHttpServer server(answer_only_first_request_per_connection);
  HttpClient client;

  EXPECT_EQ(client.send(get(server.url("/"))).body, "answered on connection 1");
  EXPECT_EQ(client.send(get(server.url("/"))).body, "answered on connection 2");

  EXPECT_EQ(server.requests().size(), 3u);
  EXPECT_EQ(server.accepted_connections(), 2u);
}

TEST(HttpClient, DoesNotRepeatAPostThatAPooledConnectionMayHaveDelivered) {
  TestHttpServer server(answer_only_first_request_per_connection);
  HttpClient client;
  HttpRequest post = get(server.url("/orders"));
  post.method = "POST";
  post.body = "once";

  EXPECT_EQ(client.send(post).body, "answered on connection 1");
  const HttpError error = error_from([&] { client.send(post); });

  EXPECT_EQ(error.kind(), HttpErrorKind::reset);
  EXPECT_EQ(server.requests().size(), 2u);
  EXPECT_EQ(server.accepted_connections(), 1u);
}

TEST(HttpClient, RetriesAtMostOnce) {
  // Only the very first request is answered: the pooled attempt and its one retry are dropped.
  TestHttpServer server([](const ReceivedRequest& request) {
    if (request.connection == 1 && request.request_on_connection == 1) return TestReply::text("first");
    return TestReply::with(Action::close_unanswered);
  });
  HttpClient client;

  EXPECT_EQ(client.send(get(server.url("/"))).body, "first");
  EXPECT_EQ(error_from([&] { client.send(get(server.url("/"))); }).kind(), HttpErrorKind::reset);
  EXPECT_EQ(server.requests().size(), 3u);  // the first, the pooled attempt, one retry
}

TEST(HttpClient, IdlePoolKeepsAtMostTheConfiguredConnectionsPerOrigin) {
  // The handler holds every request until three are in flight, so three connections are open at
  // once and all come back to the pool together.
  std::mutex mutex;
  std::condition_variable all_arrived;
  int arrived = 0;
  TestHttpServer server([&](const ReceivedRequest&) {
    std::unique_lock lock(mutex);
    ++arrived;
    all_arrived.notify_all();
    all_arrived.wait_for(lock, kTestTimeout, [&] { return arrived >= 3; });
    return TestReply::text("ok");
  });
  HttpClientOptions options;
  options.max_idle_connections_per_origin = 2;
  HttpClient client(options);

  std::vector<std::future<HttpResponse>> calls;
  for (int i = 0; i < 3; ++i) {
    calls.push_back(std::async(std::launch::async, [&] { return client.send(get(server.url("/"))); }));
  }
  for (auto& call : calls)
    EXPECT_EQ(call.get().body, "ok");

  EXPECT_EQ(server.accepted_connections(), 3u);
  EXPECT_EQ(client.idle_connection_count(), 2u);
}

TEST(HttpClient, ReadTimeoutFiresOnSlowServer) {
  TestHttpServer server([](const ReceivedRequest&) { return TestReply::with(Action::never_respond); });
  HttpClient client;
  HttpRequest request = get(server.url("/slow"));
  request.timeout = 200ms;

  const HttpError error = error_from([&] { client.send(request); });

  EXPECT_EQ(error.kind(), HttpErrorKind::timeout);
  EXPECT_NE(error.problem().find("no complete response within"), std::string::npos) << error.what();
  EXPECT_EQ(client.idle_connection_count(), 0u);
}

TEST(HttpClient, ConnectionRefusedIsAConnectError) {
  HttpClient client;
  const std::uint16_t port = unused_port();

  const HttpError error =
      error_from([&] { client.send(get("http://127.0.0.1:" + std::to_string(port) + "/")); });

  EXPECT_EQ(error.kind(), HttpErrorKind::connect);
  EXPECT_NE(error.problem().find("127.0.0.1:" + std::to_string(port)), std::string::npos) << error.what();
}

TEST(HttpClient, ErrorsNameTheUrlWithSecretsRedacted) {
  HttpClient client;
  const std::string url =
      "http://127.0.0.1:" + std::to_string(unused_port()) + "/q?symbol=AAPL&api_key=s3cr3t";

  const HttpError error = error_from([&] { client.send(get(url)); });

  const std::string message = error.what();
  EXPECT_EQ(message.find("s3cr3t"), std::string::npos) << message;
  EXPECT_NE(message.find("symbol=AAPL&api_key=REDACTED"), std::string::npos) << message;
  EXPECT_NE(message.find("GET "), std::string::npos) << message;
  EXPECT_NE(message.find("(connect)"), std::string::npos) << message;
}

TEST(HttpClient, DecodesGzipBody) {
  const std::string json = R"({"prices":[[1700000000000,37000.5]]})";
  TestHttpServer server([&](const ReceivedRequest&) {
    TestReply reply = TestReply::text(testing::compress(json, CompressionFormat::gzip));
    reply.headers.emplace_back("Content-Encoding", "gzip");
    return reply;
  });
  HttpClient client;

  const HttpResponse response = client.send(get(server.url("/")));

  EXPECT_EQ(response.body, json);
  EXPECT_EQ(response.header("Content-Encoding"), "gzip");
}

TEST(HttpClient, DecodesDeflateBody) {
  TestHttpServer server([](const ReceivedRequest&) {
    TestReply reply = TestReply::text(testing::compress("deflated", CompressionFormat::zlib));
    reply.headers.emplace_back("Content-Encoding", "deflate");
    return reply;
  });
  HttpClient client;

  EXPECT_EQ(client.send(get(server.url("/"))).body, "deflated");
}

TEST(HttpClient, CorruptGzipBodyIsABadResponse) {
  TestHttpServer server([](const ReceivedRequest&) {
    TestReply reply = TestReply::text("this is not gzip");
    reply.headers.emplace_back("Content-Encoding", "gzip");
    return reply;
  });
  HttpClient client;

  EXPECT_EQ(error_from([&] { client.send(get(server.url("/"))); }).kind(), HttpErrorKind::bad_response);
}

TEST(HttpClient, BodyOverTheLimitIsTooLarge) {
  TestHttpServer server([](const ReceivedRequest& request) {
    if (request.target == "/gzip-bomb") {
      TestReply reply =
          TestReply::text(testing::compress(std::string(4 << 20, 'x'), CompressionFormat::gzip));
      reply.headers.emplace_back("Content-Encoding", "gzip");
      return reply;
    }
    return TestReply::text(std::string(4096, 'x'));
  });
  HttpClientOptions options;
  options.max_body_bytes = 1024;
  HttpClient client(options);

  EXPECT_EQ(error_from([&] { client.send(get(server.url("/plain"))); }).kind(), HttpErrorKind::too_large);
  EXPECT_EQ(error_from([&] { client.send(get(server.url("/gzip-bomb"))); }).kind(), HttpErrorKind::too_large);
}

TEST(HttpClient, FollowsRedirectsUpToTheBound) {
  // /hop/N redirects (relatively) to /hop/N-1; /hop/0 answers.
  TestHttpServer server([](const ReceivedRequest& request) {
    const int left = std::stoi(request.target.substr(std::string("/hop/").size()));
    if (left == 0) return TestReply::text("arrived");
    return TestReply::redirect(left % 2 == 0 ? 302 : 301, std::to_string(left - 1));
  });
  HttpClient client;  // the default bound: 5

  const HttpResponse response = client.send(get(server.url("/hop/5")));
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "arrived");
  EXPECT_EQ(response.url, server.url("/hop/0"));

  const HttpError error = error_from([&] { client.send(get(server.url("/hop/6"))); });
  EXPECT_EQ(error.kind(), HttpErrorKind::too_many_redirects);
  EXPECT_NE(error.problem().find("more than 5 redirects"), std::string::npos) << error.what();
}

TEST(HttpClient, RedirectBoundIsConfigurable) {
  TestHttpServer server([](const ReceivedRequest& request) {
    return request.target == "/" ? TestReply::text("home") : TestReply::redirect(302, "/");
  });
  HttpClientOptions options;
  options.max_redirects = 0;
  HttpClient client(options);

  EXPECT_EQ(error_from([&] { client.send(get(server.url("/away"))); }).kind(),
            HttpErrorKind::too_many_redirects);
}

TEST(HttpClient, SeeOtherTurnsAPostIntoAGetWithoutBody) {
  TestHttpServer server([](const ReceivedRequest& request) {
    return request.target == "/form" ? TestReply::redirect(303, "/result") : TestReply::text(request.method);
  });
  HttpClient client;
  HttpRequest request = get(server.url("/form"));
  request.method = "POST";
  request.body = "a=1";
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}};

  EXPECT_EQ(client.send(request).body, "GET");

  const ReceivedRequest followed = server.requests().at(1);
  EXPECT_EQ(followed.body, "");
  EXPECT_EQ(followed.header("Content-Type"), std::nullopt);
}

TEST(HttpClient, TemporaryRedirectKeepsMethodAndBody) {
  TestHttpServer server([](const ReceivedRequest& request) {
    return request.target == "/old" ? TestReply::redirect(307, "/new")
                                    : TestReply::text(request.method + " " + request.body);
  });
  HttpClient client;
  HttpRequest request = get(server.url("/old"));
  request.method = "PUT";
  request.body = "payload";

  EXPECT_EQ(client.send(request).body, "PUT payload");
}

TEST(HttpClient, RedirectToAnotherOriginDropsCredentials) {
  TestHttpServer elsewhere([](const ReceivedRequest&) { return TestReply::text("elsewhere"); });
  TestHttpServer origin([&](const ReceivedRequest& request) {
    if (request.target == "/same") return TestReply::redirect(302, "/landed");
    if (request.target == "/away") return TestReply::redirect(302, elsewhere.url("/landed"));
    return TestReply::text("here");
  });
  HttpClient client;
  HttpRequest request = get(origin.url("/same"));
  request.headers = {{"Authorization", "Bearer t"}, {"X-MBX-APIKEY", "k"}, {"Accept", "application/json"}};

  client.send(request);
  const ReceivedRequest same_origin = origin.requests().at(1);
  EXPECT_EQ(same_origin.header("Authorization"), "Bearer t");
  EXPECT_EQ(same_origin.header("X-MBX-APIKEY"), "k");

  request.url = origin.url("/away");
  EXPECT_EQ(client.send(request).body, "elsewhere");
  const ReceivedRequest other_origin = elsewhere.requests().at(0);
  EXPECT_EQ(other_origin.header("Authorization"), std::nullopt);
  EXPECT_EQ(other_origin.header("X-MBX-APIKEY"), std::nullopt);
  EXPECT_EQ(other_origin.header("Accept"), "application/json");
}

// Server-side request forgery by redirect. Every test server listens on loopback, which the real rule
// treats as internal (and lets redirect anywhere), so these tests play a public server on 127.0.0.2:
// the client is told that 127.0.0.2 is public and every other internal address stays internal.
HttpClientOptions with_127_0_0_2_public() {
  HttpClientOptions options;
  options.is_internal_address = [](const boost::asio::ip::address& address) {
    return address != boost::asio::ip::make_address("127.0.0.2") && is_internal_address(address);
  };
  return options;
}

TEST(HttpClient, ARedirectFromAPublicAddressToAnInternalOneIsRefused) {
  TestHttpServer internal([](const ReceivedRequest&) { return TestReply::text("secret"); });
  TestHttpServer public_server(
      [&](const ReceivedRequest& request) {
        if (request.target == "/metadata")
          return TestReply::redirect(302, "http://169.254.169.254/latest/meta-data/");
        if (request.target == "/lan") return TestReply::redirect(307, "http://10.0.0.1/admin");
        if (request.target == "/literal") return TestReply::redirect(302, internal.url("/x"));
        // A name, not a literal: refused for what it resolves to (127.0.0.1 and perhaps ::1).
        return TestReply::redirect(301, internal.url("/x", "localhost"));
      },
      std::nullopt, "127.0.0.2");
  HttpClient client(with_127_0_0_2_public());

  for (const char* path : {"/metadata", "/lan", "/literal", "/by-name"}) {
    const HttpError error = error_from([&] { client.send(get(public_server.url(path))); });
    EXPECT_EQ(error.kind(), HttpErrorKind::bad_url) << path;
    EXPECT_NE(error.problem().find("refusing to connect to"), std::string::npos) << error.what();
  }
  const HttpError metadata = error_from([&] { client.send(get(public_server.url("/metadata"))); });
  EXPECT_NE(metadata.problem().find("169.254.169.254"), std::string::npos) << metadata.what();
  EXPECT_EQ(internal.accepted_connections(), 0u) << "no connection was even opened";
}

TEST(HttpClient, APooledConnectionToAnInternalAddressIsNotReusedByARedirectFromAPublicOne) {
  TestHttpServer internal([](const ReceivedRequest&) { return TestReply::text("secret"); });
  TestHttpServer public_server(
      [&](const ReceivedRequest&) { return TestReply::redirect(302, internal.url("/x")); }, std::nullopt,
      "127.0.0.2");
  HttpClient client(with_127_0_0_2_public());
  EXPECT_EQ(client.send(get(internal.url("/x"))).body, "secret") << "asked directly, it may be reached";

  EXPECT_EQ(error_from([&] { client.send(get(public_server.url("/"))); }).kind(), HttpErrorKind::bad_url);
  EXPECT_EQ(internal.requests().size(), 1u);
}

TEST(HttpClient, ARedirectBetweenPublicAddressesIsFollowed) {
  TestHttpServer other([](const ReceivedRequest&) { return TestReply::text("public too"); }, std::nullopt,
                       "127.0.0.2");
  TestHttpServer public_server(
      [&](const ReceivedRequest&) { return TestReply::redirect(302, other.url("/y")); }, std::nullopt,
      "127.0.0.2");
  HttpClient client(with_127_0_0_2_public());

  EXPECT_EQ(client.send(get(public_server.url("/"))).body, "public too");
}

// The sandbox and the tests have loopback base URLs: an internal first hop may redirect anywhere,
// to another internal address, by literal or by name.
TEST(HttpClient, ARedirectFromAnInternalAddressMayGoToAnotherInternalOne) {
  TestHttpServer other([](const ReceivedRequest&) { return TestReply::text("landed"); }, std::nullopt,
                       "127.0.0.2");
  TestHttpServer named([](const ReceivedRequest&) { return TestReply::text("by name"); });
  TestHttpServer local([&](const ReceivedRequest& request) {
    return TestReply::redirect(302,
                               request.target == "/name" ? named.url("/z", "localhost") : other.url("/z"));
  });
  HttpClient client;  // the real rule: 127.0.0.1 is internal

  EXPECT_EQ(client.send(get(local.url("/"))).body, "landed");
  EXPECT_EQ(client.send(get(local.url("/name"))).body, "by name");
}

TEST(HttpClient, RedirectWithoutLocationIsReturnedAsIs) {
  TestHttpServer server([](const ReceivedRequest&) { return TestReply::text("moved, somewhere", 301); });
  HttpClient client;

  EXPECT_EQ(client.send(get(server.url("/"))).status, 301);
}

TEST(HttpClient, TruncatedBodyIsAnErrorNotData) {
  TestHttpServer server([](const ReceivedRequest&) {
    TestReply reply = TestReply::text(std::string(100, 'x'));
    reply.action = Action::truncate_body;
    reply.body_bytes_sent = 10;
    return reply;
  });
  HttpClient client;

  const HttpError error = error_from([&] { client.send(get(server.url("/"))); });

  EXPECT_EQ(error.kind(), HttpErrorKind::truncated);
  EXPECT_NE(error.problem().find("after 10 of 100 body bytes"), std::string::npos) << error.what();
}

TEST(HttpClient, ResetConnectionIsAnError) {
  TestHttpServer server([](const ReceivedRequest&) { return TestReply::with(Action::reset); });
  HttpClient client;

  const HttpError error = error_from([&] { client.send(get(server.url("/"))); });

  EXPECT_EQ(error.kind(), HttpErrorKind::reset);
}

TEST(HttpClient, HeadAnswerWithContentLengthIsComplete) {
  TestHttpServer server([](const ReceivedRequest&) {
    TestReply reply;
    reply.headers.emplace_back("Content-Length", "1234");
    return reply;
  });
  HttpClient client;
  HttpRequest request = get(server.url("/"));
  request.method = "HEAD";

  for (int i = 0; i < 2; ++i) {
    const HttpResponse response = client.send(request);
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.body, "");
  }
  EXPECT_EQ(server.accepted_connections(), 1u);
}

TEST(HttpClient, BadUrlIsRejectedBeforeConnecting) {
  HttpClient client;
  for (const char* url :
       {"ftp://example.com/x", "not a url", "http:///nohost", "https://user:pw@example.com/"}) {
    EXPECT_EQ(error_from([&] { client.send(get(url)); }).kind(), HttpErrorKind::bad_url) << url;
  }
}

TEST(HttpClient, HeaderThatCouldSmuggleAnotherIsRefused) {
  TestHttpServer server([](const ReceivedRequest&) { return TestReply::text("ok"); });
  HttpClient client;
  HttpRequest request = get(server.url("/"));
  request.headers = {{"X-Symbol", "AAPL\r\nX-Injected: 1"}};

  EXPECT_EQ(error_from([&] { client.send(request); }).kind(), HttpErrorKind::bad_request);
  EXPECT_EQ(server.accepted_connections(), 0u);
}

}  // namespace
}  // namespace pricefeed::host
