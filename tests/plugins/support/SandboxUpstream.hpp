#pragma once

// Plugin tests against the real sandbox: a PluginTestHost responder that sends each request the
// plugin makes to a running pricefeed-sandbox (tests/sandbox/SandboxProcess.hpp) with its method and
// headers, and hands the sandbox's answer back, headers included. The plugin then meets the
// upstream's real wire formats, handshakes (Yahoo's cookie and crumb), faults and rate limits.
//
//   SandboxProcess sandbox({"--now", "2025-02-18T15:00:00Z"});
//   host.otherwise_by_request(forward_to(sandbox));   // base_url = sandbox.base_url()

#include <string>

#include "tests/plugins/support/PluginTestHost.hpp"
#include "tests/sandbox/SandboxProcess.hpp"

namespace pricefeed::plugins::test {

inline TestHost::RequestResponder forward_to(const sandbox::SandboxProcess& upstream) {
  return [&upstream](const RecordedRequest& request) {
    const std::string base = upstream.base_url();
    if (request.url.rfind(base, 0) != 0) return CannedAnswer{599, "not a sandbox URL: " + request.url};
    std::string target = request.url.substr(base.size());
    if (target.empty()) target = "/";
    const sandbox::HttpResult result = sandbox::http_request(
        upstream.port(), request.method.empty() ? "GET" : request.method, target, "", request.headers);
    CannedAnswer answer{static_cast<int>(result.status), result.body, {}};
    for (const auto& [name, value] : result.headers)
      answer.headers.emplace_back(name, value);
    return answer;
  };
}

}  // namespace pricefeed::plugins::test
