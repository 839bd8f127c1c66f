// GET /metrics as the router answers it: every registry given, in order, as Prometheus text 0.0.4,
// behind the token like the other detail routes.
#include "host/http/MetricsRoute.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace pricefeed::host {
namespace {

namespace http = boost::beast::http;

HttpServerRequest get_metrics(const std::string& authorization = {}) {
  HttpServerRequest request{http::verb::get, "/metrics", 11};
  if (!authorization.empty()) request.set(http::field::authorization, authorization);
  return request;
}

TEST(MetricsRoute, AnswersEveryRegistryInOrderAsPrometheusText) {
  MetricsRegistry scraped;
  MetricsRegistry recorded;
  scraped.gauge("pricefeed_database_up", "Up.").labels().set(0);
  recorded.counter("pricefeed_rows_written_total", "Rows.", {"source"}).labels({"yahoo"}).inc(4);
  Router router;
  add_metrics_route(router, {&scraped, &recorded});

  const HttpServerResponse response = router.dispatch(get_metrics());
  EXPECT_EQ(response.result(), http::status::ok);
  EXPECT_EQ(response[http::field::content_type], "text/plain; version=0.0.4; charset=utf-8");
  EXPECT_EQ(response.body(),
            "# HELP pricefeed_database_up Up.\n# TYPE pricefeed_database_up gauge\npricefeed_database_up 0\n"
            "# HELP pricefeed_rows_written_total Rows.\n# TYPE pricefeed_rows_written_total counter\n"
            "pricefeed_rows_written_total{source=\"yahoo\"} 4\n");
}

TEST(MetricsRoute, NeedsTheTokenWhenOneIsSet) {
  MetricsRegistry registry;
  Router router("s3cret");
  add_metrics_route(router, {&registry});
  EXPECT_EQ(router.dispatch(get_metrics()).result(), http::status::unauthorized);
  EXPECT_EQ(router.dispatch(get_metrics("Bearer s3cret")).result(), http::status::ok);
}

}  // namespace
}  // namespace pricefeed::host
