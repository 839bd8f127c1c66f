// What the `pricefeed serve` a configuration names runs now, as GET /health/sources shows it: asked by
// `pricefeed check-config` to tell which sources a reload would start, change, keep and stop.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "host/config/Config.hpp"

namespace pricefeed::host {

struct ServedSource {
  std::string name;
  std::string plugin;
  std::string fingerprint;  // SourceFingerprint.hpp, with ServedSources::fingerprint_salt
};

struct ServedSources {
  std::string address;  // [http] listen, as asked
  // Set when a serve answered with its sources (200, or 503 while its database is down).
  std::optional<std::vector<ServedSource>> sources;
  std::string fingerprint_salt;
  // Set when nothing answers at `address` (refused, timed out): no serve runs there, not a problem.
  std::string no_serve;
  // Set when something answered but not with the sources: a wrong token (401), not a serve.
  std::string problem;
};

// GETs http://<listen>/health/sources with `http`'s token; a wildcard listen address is asked on the
// loopback. Never throws for what the answer (or its absence) says; `timeout` bounds the whole call.
ServedSources ask_serve_for_sources(const HttpConfig& http, std::chrono::milliseconds timeout);

}  // namespace pricefeed::host
