#pragma once

// How the client follows a redirect: which statuses, which method and body the next request
// carries, where it goes, and what must not follow it to another origin.

#include <optional>
#include <string>
#include <string_view>

#include "host/http/HttpClientRequest.hpp"

namespace pricefeed::host {

// 301, 302, 303, 307 and 308. Others (300, 304, 305 ...) are answers, returned as they are.
bool is_followed_redirect(int status);

// 301, 302 and 303 continue as GET without a body (what browsers and curl do for 301/302, and
// what RFC 9110 prescribes for 303); HEAD stays HEAD. 307 and 308 keep the method and the body.
bool redirect_keeps_method(int status, std::string_view method);

// The absolute URL a Location value (absolute or relative) points to from `base`; nullopt with
// `problem` set when it is unusable.
std::optional<std::string> resolve_location(std::string_view base, std::string_view location,
                                            std::string& problem);

// Removes what must not reach another origin: Authorization, Proxy-Authorization, Cookie, and any
// header whose name looks secret (see looks_secret(): X-MBX-APIKEY, x-cg-demo-api-key ...).
void drop_credentials(HttpHeaders& headers);

// Removes what describes a body that is no longer sent: Content-Type and Content-Encoding.
void drop_body_headers(HttpHeaders& headers);

}  // namespace pricefeed::host
