#include "forex/UpstreamGet.hpp"

#include <pricefeed/error.hpp>

#include "upstream/BaseUrl.hpp"
#include "upstream/BodyExcerpt.hpp"

namespace pricefeed::forex {

UpstreamAnswer upstream_get(const Host& host, std::string_view backend, const std::string& url,
                            std::string_view accept) {
  HttpRequest request;
  request.url = url;
  request.headers = {{"Accept", std::string(accept)}};
  UpstreamAnswer answer;
  answer.where = "forex (" + std::string(backend) + "): GET " + upstream::url_without_credentials(url);
  HttpResponse response = host.http(request);
  answer.status = response.status;
  answer.body = std::move(response.body);
  return answer;
}

void fail_on_status(const UpstreamAnswer& answer) {
  const std::string message = answer.where + " answered HTTP " + std::to_string(answer.status) + ": " +
                              upstream::body_excerpt(answer.body);
  if (answer.status == 408 || answer.status >= 500) throw Error::transient(message);
  throw Error::permanent(message);
}

void fail_malformed(const UpstreamAnswer& answer, const MalformedAnswer& problem) {
  throw Error::transient(answer.where + " answered HTTP " + std::to_string(answer.status) +
                         " with a body that does not read (" + problem.what() +
                         "); it starts: " + upstream::body_excerpt(answer.body));
}

}  // namespace pricefeed::forex
