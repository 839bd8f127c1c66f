#pragma once

// A source's base_url: trusted configuration that every request URL starts with (and a stream_url,
// every stream connection's). Checked once at create(), and named in messages without any
// credentials it might carry.

#include <string>

namespace pricefeed::upstream {

// The URL itself when it is plainly http(s):// with a host and no query or fragment; otherwise
// Error::invalid_config naming `key` and the value.
std::string checked_base_url(const std::string& key, const std::string& url);
// The same for a WebSocket URL (a streaming source's): ws:// or wss://.
std::string checked_stream_url(const std::string& key, const std::string& url);

// The URL with any userinfo removed (https://user:secret@host/path -> https://host/path), for error
// messages and logs: a base_url may carry a proxy's credentials.
std::string url_without_credentials(const std::string& url);

// The URL's host name, lower case, without credentials or port ("" when there is none): for plugins
// that recognise their upstream's well-known hosts.
std::string url_host(const std::string& url);

}  // namespace pricefeed::upstream
