#include "host/http/QueueHealthRoute.hpp"

#include <string>

#include "host/health/DatabaseProbe.hpp"
#include "host/http/DatabaseUnavailableResponse.hpp"
#include "host/queue/BackfillQueueError.hpp"

namespace pricefeed::host {

namespace http = boost::beast::http;

namespace {

nlohmann::json queue_json(const QueueStats& stats) {
  nlohmann::json jobs = nlohmann::json::object();
  for (const auto& [status, count] : stats.jobs_by_status)
    jobs[std::string(to_string(status))] = count;
  nlohmann::json oldest = nullptr;
  if (stats.oldest_due_age)
    oldest = std::chrono::duration_cast<std::chrono::seconds>(*stats.oldest_due_age).count();
  return {{"jobs", std::move(jobs)},
          {"oldest_due_age_seconds", std::move(oldest)},
          {"failed_last_24h", stats.failed_last_24h},
          {"due_now", stats.due}};
}

}  // namespace

void add_queue_health_route(Router& router, BackfillQueue& queue) {
  router.add(http::verb::get, "/health/queue", RouteAccess::bearer_token, [&queue](const HttpServerRequest&) {
    try {
      return json_response(http::status::ok, queue_json(queue.stats()));
    } catch (const BackfillQueueError& error) {
      // Every failure of stats() is the database's: the statement is fixed and its rows are checked
      // by the schema.
      return database_unavailable_response(describe_database_error(error));
    }
  });
}

}  // namespace pricefeed::host
