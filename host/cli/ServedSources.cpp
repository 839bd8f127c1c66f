#include "host/cli/ServedSources.hpp"

#include <nlohmann/json.hpp>

#include "host/http/HttpClient.hpp"

namespace pricefeed::host {
namespace {

// A serve bound to every address answers on the loopback.
std::string address_to_ask(const std::string& listen) {
  if (listen.starts_with("0.0.0.0:")) return "127.0.0.1" + listen.substr(listen.find(':'));
  if (listen.starts_with("[::]:")) return "[::1]" + listen.substr(4);
  return listen;
}

bool nothing_listens(HttpErrorKind kind) {
  return kind == HttpErrorKind::connect || kind == HttpErrorKind::timeout || kind == HttpErrorKind::dns ||
         kind == HttpErrorKind::reset;
}

std::vector<ServedSource> sources_of(const nlohmann::json& body) {
  std::vector<ServedSource> sources;
  for (const auto& source : body.at("sources")) {
    sources.push_back({source.at("name").get<std::string>(), source.at("plugin").get<std::string>(),
                       source.at("fingerprint").get<std::string>()});
  }
  return sources;
}

}  // namespace

ServedSources ask_serve_for_sources(const HttpConfig& http, std::chrono::milliseconds timeout) {
  ServedSources served;
  served.address = address_to_ask(http.listen);
  HttpClientOptions options;
  options.connect_timeout = timeout;
  HttpClient client(options);
  HttpRequest request;
  request.url = "http://" + served.address + "/health/sources";
  request.timeout = timeout;
  if (!http.auth_token.empty()) request.headers.push_back({"Authorization", "Bearer " + http.auth_token});
  HttpResponse response;
  try {
    response = client.send(request);
  } catch (const HttpError& error) {
    (nothing_listens(error.kind()) ? served.no_serve : served.problem) = error.what();
    return served;
  }
  const std::string asked = "GET " + request.url + " answered " + std::to_string(response.status);
  if (response.status == 401) {
    served.problem = asked + ": [http] auth_token is not the running serve's";
    return served;
  }
  if (response.status != 200 && response.status != 503) {
    served.problem = asked;
    return served;
  }
  try {
    const auto body = nlohmann::json::parse(response.body);
    served.fingerprint_salt = body.at("fingerprint_salt").get<std::string>();
    served.sources = sources_of(body);
  } catch (const nlohmann::json::exception& error) {
    // An older serve, without fingerprints, or not a pricefeed serve at all.
    served.problem = asked + " without the sources' fingerprints (" + error.what() + ")";
  }
  return served;
}

}  // namespace pricefeed::host
