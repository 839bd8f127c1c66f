#include "host/http/HttpClientUrl.hpp"

#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

HttpUrl parsed(std::string_view text) {
  std::string problem;
  auto url = parse_http_url(text, problem);
  EXPECT_TRUE(url.has_value()) << text << ": " << problem;
  return url.value_or(HttpUrl{});
}

std::string refusal(std::string_view text) {
  std::string problem;
  EXPECT_FALSE(parse_http_url(text, problem).has_value()) << text;
  return problem;
}

TEST(HttpClientUrl, SplitsOriginAndTarget) {
  const HttpUrl url = parsed("https://Query1.Finance.Yahoo.com/v8/finance/chart/AAPL?interval=1d#frag");
  EXPECT_EQ(url.origin, (HttpOrigin{"https", "query1.finance.yahoo.com", 443}));
  EXPECT_EQ(url.target, "/v8/finance/chart/AAPL?interval=1d");
  EXPECT_EQ(url.host_header, "query1.finance.yahoo.com");
}

TEST(HttpClientUrl, DefaultsPortAndPath) {
  const HttpUrl url = parsed("http://example.com");
  EXPECT_EQ(url.origin.port, 80);
  EXPECT_EQ(url.target, "/");
  EXPECT_EQ(url.host_header, "example.com");
}

TEST(HttpClientUrl, KeepsAnExplicitPortInTheHostHeader) {
  const HttpUrl url = parsed("http://127.0.0.1:8080/x");
  EXPECT_EQ(url.origin.port, 8080);
  EXPECT_EQ(url.host_header, "127.0.0.1:8080");
  EXPECT_TRUE(url.origin.is_ip_literal());
}

TEST(HttpClientUrl, UnbracketsIpv6Literals) {
  const HttpUrl url = parsed("http://[::1]:9000/");
  EXPECT_EQ(url.origin.host, "::1");
  EXPECT_EQ(url.host_header, "[::1]:9000");
  EXPECT_TRUE(url.origin.is_ip_literal());
}

TEST(HttpClientUrl, RefusesWhatItCannotFetch) {
  EXPECT_NE(refusal("ftp://example.com/file").find("unsupported scheme"), std::string::npos);
  EXPECT_NE(refusal("https://user:pw@example.com/").find("credentials"), std::string::npos);
  EXPECT_NE(refusal("/relative/path").find("not an absolute URL"), std::string::npos);
  EXPECT_NE(refusal("http:///path").find("no host"), std::string::npos);
  EXPECT_NE(refusal("http://example.com:0/").find("port"), std::string::npos);
  refusal("http://exa mple.com/");
  refusal("");
}

}  // namespace
}  // namespace pricefeed::host
