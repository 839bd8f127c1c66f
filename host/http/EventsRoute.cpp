#include "host/http/EventsRoute.hpp"

#include <boost/beast/core/string.hpp>
#include <boost/beast/http/field.hpp>

#include "host/inbox/EventInbox.hpp"
#include "host/log/Log.hpp"

namespace pricefeed::host {

namespace beast = boost::beast;
namespace http = boost::beast::http;

namespace {

// How long a sender should wait before retrying while the database is unreachable.
constexpr const char* kRetryAfterSeconds = "5";

// True for no Content-Type (scripts often send none; the body must still parse as JSON), and
// for application/json or any application/*+json, whatever the parameters (charset=utf-8).
bool is_json_content_type(beast::string_view content_type) {
  if (content_type.empty()) return true;
  beast::string_view media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && media.back() == ' ')
    media.remove_suffix(1);
  if (beast::iequals(media, "application/json")) return true;
  return media.size() > 17 && beast::iequals(media.substr(0, 12), "application/") &&
         beast::iequals(media.substr(media.size() - 5), "+json");
}

HttpServerResponse submit(const EventInbox& inbox, const HttpServerRequest& request) {
  const beast::string_view content_type = request[http::field::content_type];
  if (!is_json_content_type(content_type)) {
    return error_response(
        http::status::unsupported_media_type,
        "Content-Type: " + std::string(content_type.substr(0, 100)) + " is not application/json");
  }
  EventSubmission submission;
  try {
    submission = inbox.submit(request.body());
  } catch (const EventStoreUnavailable&) {
    // The reason is in the log; the sender only needs to know the event was not taken.
    auto response = error_response(http::status::service_unavailable,
                                   "database unavailable: the event was not stored; retry later");
    response.set(http::field::retry_after, kRetryAfterSeconds);
    return response;
  }
  switch (submission.status) {
    case EventSubmission::Status::accepted:
      return json_response(http::status::accepted,
                           {{"event_id", submission.event_id}, {"status", "accepted"}});
    case EventSubmission::Status::duplicate:
      return json_response(http::status::ok, {{"event_id", submission.event_id}, {"status", "duplicate"}});
    case EventSubmission::Status::held:
      // Stored and safe; the sender learns why the holding did not change yet.
      return json_response(
          http::status::accepted,
          {{"event_id", submission.event_id}, {"status", "held"}, {"reason", submission.error}});
    case EventSubmission::Status::conflict:
      return json_response(http::status::conflict, {{"error", submission.error},
                                                    {"event_id", submission.event_id},
                                                    {"fields", submission.differing_fields}});
    case EventSubmission::Status::invalid:
      break;
  }
  log_info("event refused", {{"error", submission.error}});
  return json_response(http::status::bad_request, {{"error", submission.error}, {"field", submission.field}});
}

}  // namespace

void add_events_route(Router& router, const EventInbox& inbox) {
  router.add(http::verb::post, "/v1/events", RouteAccess::bearer_token,
             [&inbox](const HttpServerRequest& request) { return submit(inbox, request); });
}

}  // namespace pricefeed::host
