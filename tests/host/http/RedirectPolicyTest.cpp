#include "host/http/RedirectPolicy.hpp"

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

TEST(RedirectPolicy, FollowsOnlyTheRedirectStatuses) {
  for (int status : {301, 302, 303, 307, 308})
    EXPECT_TRUE(is_followed_redirect(status)) << status;
  for (int status : {200, 300, 304, 305, 306, 400})
    EXPECT_FALSE(is_followed_redirect(status)) << status;
}

TEST(RedirectPolicy, MovedFoundAndSeeOtherContinueAsGet) {
  for (int status : {301, 302, 303}) {
    EXPECT_FALSE(redirect_keeps_method(status, "POST")) << status;
    EXPECT_TRUE(redirect_keeps_method(status, "GET")) << status;
    EXPECT_TRUE(redirect_keeps_method(status, "HEAD")) << status;
  }
}

TEST(RedirectPolicy, TemporaryAndPermanentRedirectKeepTheMethod) {
  EXPECT_TRUE(redirect_keeps_method(307, "POST"));
  EXPECT_TRUE(redirect_keeps_method(308, "PUT"));
}

TEST(RedirectPolicy, ResolvesRelativeLocations) {
  std::string problem;
  EXPECT_EQ(resolve_location("http://h:1/a/b?q=1", "c?x=2", problem), "http://h:1/a/c?x=2");
  EXPECT_EQ(resolve_location("http://h:1/a/b", "/root", problem), "http://h:1/root");
  EXPECT_EQ(resolve_location("http://h:1/a/b", "../up", problem), "http://h:1/up");
  EXPECT_EQ(resolve_location("https://h/a", "//other.example/p", problem), "https://other.example/p");
  EXPECT_EQ(resolve_location("https://h/a", "http://else.example/x#frag", problem), "http://else.example/x");
}

TEST(RedirectPolicy, RejectsAnInvalidLocation) {
  std::string problem;
  EXPECT_FALSE(resolve_location("http://h/a", "http://bad host/", problem).has_value());
  EXPECT_NE(problem.find("Location"), std::string::npos);
}

TEST(RedirectPolicy, DropsCredentialsButNotOtherHeaders) {
  HttpHeaders headers{{"Authorization", "Bearer t"},  {"cookie", "a=b"},
                      {"X-MBX-APIKEY", "k"},          {"x-cg-demo-api-key", "k"},
                      {"Accept", "application/json"}, {"User-Agent", "ua"}};
  drop_credentials(headers);
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers[0].name, "Accept");
  EXPECT_EQ(headers[1].name, "User-Agent");
}

TEST(RedirectPolicy, DropsHeadersDescribingTheBody) {
  HttpHeaders headers{{"Content-Type", "application/json"}, {"Accept", "*/*"}};
  drop_body_headers(headers);
  ASSERT_EQ(headers.size(), 1u);
  EXPECT_EQ(headers[0].name, "Accept");
}

bool internal(const char* address) {
  return is_internal_address(boost::asio::ip::make_address(address));
}

// What a redirect from a public first hop may not reach.
TEST(RedirectPolicy, LoopbackLinkLocalAndPrivateAddressesAreInternal) {
  for (const char* address : {"127.0.0.1",
                              "127.1.2.3",
                              "0.0.0.0",
                              "0.1.2.3",
                              "169.254.169.254",
                              "169.254.0.1",
                              "10.0.0.1",
                              "10.255.255.255",
                              "172.16.0.1",
                              "172.31.255.255",
                              "192.168.1.1",
                              "100.64.0.1",
                              "100.100.100.200",
                              "224.0.0.1",
                              "255.255.255.255",
                              "::1",
                              "::",
                              "fe80::1",
                              "febf::1",
                              "fc00::1",
                              "fd12:3456::1",
                              "fec0::1",
                              "ff02::1",
                              "::ffff:169.254.169.254",
                              "::ffff:127.0.0.1",
                              "::10.0.0.1",
                              "64:ff9b::a9fe:a9fe"}) {
    EXPECT_TRUE(internal(address)) << address;
  }
}

TEST(RedirectPolicy, PublicAddressesAreNot) {
  for (const char* address :
       {"8.8.8.8", "1.1.1.1", "172.15.255.255", "172.32.0.1", "192.169.0.1", "169.253.0.1", "100.63.255.255",
        "100.128.0.1", "11.0.0.1", "2a00:1450:4001::200e", "2606:4700::1111", "::ffff:8.8.8.8",
        "64:ff9b::808:808", "fe7f::1"}) {
    EXPECT_FALSE(internal(address)) << address;
  }
}

}  // namespace
}  // namespace pricefeed::host
