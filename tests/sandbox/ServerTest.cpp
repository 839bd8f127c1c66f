// The HTTP side: keep-alive, concurrent clients, unknown paths.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox {
namespace {

namespace http = boost::beast::http;

TEST(ServerTest, KeepAliveServesSeveralRequestsOnOneConnection) {
  testing::TestSandbox sandbox;
  boost::asio::io_context ioc;
  boost::beast::tcp_stream stream(ioc);
  stream.connect({boost::asio::ip::make_address("127.0.0.1"), sandbox.port()});
  boost::beast::flat_buffer buffer;
  for (const char* target :
       {"/__sandbox/health", "/v8/finance/chart/AAPL?range=5d", "/dynamic/SymDir/nasdaqlisted.txt"}) {
    http::request<http::empty_body> req{http::verb::get, target, 11};
    req.set(http::field::host, "127.0.0.1");
    http::write(stream, req);
    http::response<http::string_body> res;
    http::read(stream, buffer, res);
    EXPECT_EQ(res.result_int(), 200u) << target;
    EXPECT_TRUE(res.keep_alive());
  }
}

TEST(ServerTest, ConcurrentClientsAreAllAnswered) {
  testing::TestSandbox sandbox;
  std::atomic<int> ok{0};
  std::vector<std::thread> clients;
  for (int c = 0; c < 8; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < 10; ++i) {
        auto r = sandbox.get("/v8/finance/chart/SYM" + std::to_string(c) + "?interval=1d&range=1y");
        if (r.status == 200) ++ok;
      }
    });
  }
  for (auto& t : clients)
    t.join();
  EXPECT_EQ(ok.load(), 80);
  EXPECT_EQ(sandbox.sandbox().counters().answers("yahoo.chart", 200), 80u);
}

TEST(ServerTest, UnknownPathsAnswer404AndAreCountedAsUnmatched) {
  testing::TestSandbox sandbox;
  EXPECT_EQ(sandbox.get("/v9/nothing").status, 404u);
  EXPECT_EQ(http_request(sandbox.port(), "POST", "/v8/finance/chart/AAPL").status, 404u);
  EXPECT_EQ(sandbox.sandbox().counters().requests("unmatched"), 2u);
}

}  // namespace
}  // namespace pricefeed::sandbox
