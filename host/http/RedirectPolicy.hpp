#pragma once

// How the client follows a redirect: which statuses, which method and body the next request
// carries, where it goes, and what must not follow it to another origin.

#include <boost/asio/ip/address.hpp>
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

// True for an address that is not a public unicast internet address: loopback (127/8, ::1),
// unspecified (0/8, ::), link-local (169.254/16 with the cloud metadata service 169.254.169.254,
// fe80::/10), private (10/8, 172.16/12, 192.168/16, fc00::/7, fec0::/10), carrier-grade NAT
// (100.64/10), multicast and reserved (224/4, 240/4, ff00::/8). An IPv6 address that carries an
// IPv4 one (::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d) is judged by the IPv4 address.
bool is_internal_address(const boost::asio::ip::address& address);

// Server-side request forgery: a public server (or whoever controls its answers) must not be able
// to steer the host, by a redirect, to what only the host can reach: the metadata service, the
// database, an admin port on loopback. So once the call's first URL has answered from a public
// address, no later hop may connect to an internal one; a first URL answered from an internal
// address (the sandbox, the tests, a mirror on the LAN) may redirect anywhere. HttpClient decides on
// the addresses the connection is made to, after DNS, not on the URL's host text: a name that
// resolves to 169.254.169.254 is refused like the literal, and a name that resolves to both kinds
// is connected to its public addresses only (docs/http-and-rate-limits.md, "Redirects").

// Removes what must not reach another origin: Authorization, Proxy-Authorization, Cookie, and any
// header whose name looks secret (see looks_secret(): X-MBX-APIKEY, x-cg-demo-api-key ...).
void drop_credentials(HttpHeaders& headers);

// Removes what describes a body that is no longer sent: Content-Type and Content-Encoding.
void drop_body_headers(HttpHeaders& headers);

}  // namespace pricefeed::host
