// HttpClient against a real TLS server on 127.0.0.1, with a CA and certificates made for the test.

#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "host/http/HttpClient.hpp"
#include "tests/host/http/support/HttpClientCalls.hpp"
#include "tests/host/http/support/TestCertificates.hpp"
#include "tests/host/http/support/TestHttpServer.hpp"

namespace pricefeed::host {
namespace {

using namespace std::chrono_literals;
using testing::ReceivedRequest;
using testing::TestCertificateAuthority;
using testing::TestHttpServer;
using testing::TestReply;

using testing::error_from;
using testing::get;
using testing::kTestTimeout;

TestReply answer_ok(const ReceivedRequest&) {
  return TestReply::text("secure");
}

class HttpClientTls : public ::testing::Test {
 protected:
  HttpClientTls() { authority_.write_certificate(ca_file_); }

  // A client that trusts the test CA in addition to the system's store.
  HttpClientOptions trusting_options() const {
    HttpClientOptions options;
    options.extra_ca_file = ca_file_;
    return options;
  }

  testing::TlsIdentity localhost_identity() const {
    return authority_.issue_server_certificate("localhost", {"DNS:localhost", "IP:127.0.0.1"});
  }

  TestCertificateAuthority authority_{"pricefeed test CA"};
  testing::TemporaryDirectory directory_;
  std::filesystem::path ca_file_ = directory_.path() / "ca.pem";
};

TEST_F(HttpClientTls, VerifiesServerCertificateAgainstTrustedCa) {
  TestHttpServer server(answer_ok, localhost_identity());
  HttpClient client(trusting_options());

  const HttpResponse response = client.send(get(server.url("/quote", "localhost")));

  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, "secure");
}

TEST_F(HttpClientTls, VerifiesAnIpAddressAgainstTheCertificate) {
  TestHttpServer server(answer_ok, localhost_identity());
  HttpClient client(trusting_options());

  EXPECT_EQ(client.send(get(server.url("/", "127.0.0.1"))).body, "secure");
}

TEST_F(HttpClientTls, RejectsCertificateForAnotherHostName) {
  TestHttpServer server(answer_ok,
                        authority_.issue_server_certificate("other.example", {"DNS:other.example"}));
  HttpClient client(trusting_options());

  const HttpError error = error_from([&] { client.send(get(server.url("/", "localhost"))); });

  EXPECT_EQ(error.kind(), HttpErrorKind::tls);
  EXPECT_NE(error.problem().find("hostname mismatch"), std::string::npos) << error.what();
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(HttpClientTls, RejectsCertificateForAnotherIpAddress) {
  TestHttpServer server(answer_ok,
                        authority_.issue_server_certificate("localhost", {"DNS:localhost", "IP:10.1.2.3"}));
  HttpClient client(trusting_options());

  const HttpError error = error_from([&] { client.send(get(server.url("/", "127.0.0.1"))); });

  EXPECT_EQ(error.kind(), HttpErrorKind::tls);
  EXPECT_NE(error.problem().find("IP address mismatch"), std::string::npos) << error.what();
}

TEST_F(HttpClientTls, RejectsUntrustedCertificate) {
  TestHttpServer server(answer_ok, localhost_identity());
  HttpClient client;  // the system store only, which does not know the test CA

  const HttpError error = error_from([&] { client.send(get(server.url("/", "localhost"))); });

  EXPECT_EQ(error.kind(), HttpErrorKind::tls);
  EXPECT_NE(error.problem().find("certificate verification failed"), std::string::npos) << error.what();
  EXPECT_TRUE(server.requests().empty());
}

TEST_F(HttpClientTls, RejectsCertificateFromAnotherCa) {
  TestCertificateAuthority impostor("impostor CA");
  TestHttpServer server(answer_ok, impostor.issue_server_certificate("localhost", {"DNS:localhost"}));
  HttpClient client(trusting_options());

  EXPECT_EQ(error_from([&] { client.send(get(server.url("/", "localhost"))); }).kind(), HttpErrorKind::tls);
}

TEST_F(HttpClientTls, TrustsTheCaNamedBySslCertFile) {
  TestHttpServer server(answer_ok, localhost_identity());
  const char* previous = getenv("SSL_CERT_FILE");
  const std::optional<std::string> saved = previous ? std::optional<std::string>(previous) : std::nullopt;
  setenv("SSL_CERT_FILE", ca_file_.c_str(), 1);
  HttpClient client;  // no extra CA: the system store, redirected by SSL_CERT_FILE
  if (saved) {
    setenv("SSL_CERT_FILE", saved->c_str(), 1);
  } else {
    unsetenv("SSL_CERT_FILE");
  }

  EXPECT_EQ(client.send(get(server.url("/", "localhost"))).body, "secure");
}

TEST_F(HttpClientTls, SendsSni) {
  TestHttpServer server(answer_ok, localhost_identity());
  HttpClient client(trusting_options());

  client.send(get(server.url("/", "localhost")));

  EXPECT_EQ(server.server_names(), std::vector<std::string>{"localhost"});
}

TEST_F(HttpClientTls, SendsNoSniForAnIpAddress) {
  TestHttpServer server(answer_ok, localhost_identity());
  HttpClient client(trusting_options());

  client.send(get(server.url("/", "127.0.0.1")));

  EXPECT_EQ(server.server_names(), std::vector<std::string>{""});
}

TEST_F(HttpClientTls, ReusesPooledTlsConnection) {
  TestHttpServer server(answer_ok, localhost_identity());
  HttpClient client(trusting_options());

  for (int i = 0; i < 3; ++i)
    EXPECT_EQ(client.send(get(server.url("/", "localhost"))).body, "secure");

  EXPECT_EQ(server.accepted_connections(), 1u);
  EXPECT_EQ(server.server_names().size(), 1u);
}

TEST_F(HttpClientTls, TruncatedTlsBodyIsAnErrorNotData) {
  TestHttpServer server(
      [](const ReceivedRequest&) {
        TestReply reply = TestReply::text(std::string(1000, 'x'));
        reply.action = TestReply::Action::truncate_body;
        reply.body_bytes_sent = 400;
        return reply;
      },
      localhost_identity());
  HttpClient client(trusting_options());

  EXPECT_EQ(error_from([&] { client.send(get(server.url("/", "localhost"))); }).kind(),
            HttpErrorKind::truncated);
}

TEST_F(HttpClientTls, RefusesARedirectFromHttpsToPlainHttp) {
  TestHttpServer plain(answer_ok);
  TestHttpServer server([&](const ReceivedRequest&) { return TestReply::redirect(302, plain.url("/")); },
                        localhost_identity());
  HttpClient client(trusting_options());

  const HttpError error = error_from([&] { client.send(get(server.url("/", "localhost"))); });

  EXPECT_EQ(error.kind(), HttpErrorKind::bad_url);
  EXPECT_TRUE(plain.requests().empty());
}

TEST(HttpClientTlsOptions, MissingExtraCaFileIsReportedWithItsPath) {
  HttpClientOptions options;
  options.extra_ca_file = "/nonexistent/pricefeed-ca.pem";
  try {
    HttpClient client(options);
    ADD_FAILURE() << "a missing CA file was accepted";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find("/nonexistent/pricefeed-ca.pem"), std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace pricefeed::host
