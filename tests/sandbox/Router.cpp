#include "tests/sandbox/Router.hpp"

#include <algorithm>

#include <date/date.h>
#include <boost/beast/http/status.hpp>

namespace pricefeed::sandbox {

namespace {

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  if (!path.empty() && path[0] == '/') start = 1;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    out.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

std::vector<std::string> split_commas(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t comma = s.find(',', start);
    if (comma == std::string_view::npos) comma = s.size();
    if (comma > start) out.emplace_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace

std::optional<std::string> Request::param(std::string_view name) const {
  auto it = query.find(std::string(name));
  if (it == query.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> Request::header(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (iequals(k, name)) return v;
  }
  return std::nullopt;
}

std::optional<std::string> Request::cookie(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (!iequals(k, "cookie")) continue;
    std::string_view rest = v;
    while (!rest.empty()) {
      std::size_t semi = rest.find(';');
      std::string_view part = rest.substr(0, semi);
      while (!part.empty() && part.front() == ' ')
        part.remove_prefix(1);
      std::size_t eq = part.find('=');
      if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
      if (semi == std::string_view::npos) break;
      rest.remove_prefix(semi + 1);
    }
  }
  return std::nullopt;
}

Response Response::json(unsigned status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response Response::text(unsigned status, std::string body) {
  Response r;
  r.status = status;
  r.content_type = "text/plain;charset=utf-8";
  r.body = std::move(body);
  return r;
}

void Router::add(Route route) {
  routes_.push_back(std::move(route));
}

const Route* Router::match(Request& request) const {
  auto path = segments(request.path);
  for (const auto& route : routes_) {
    if (route.method != request.method) continue;
    auto pattern = segments(route.pattern);
    if (pattern.size() != path.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (std::size_t i = 0; i < pattern.size() && ok; ++i) {
      if (pattern[i].size() > 2 && pattern[i].front() == '{' && pattern[i].back() == '}') {
        if (path[i].empty()) ok = false;
        params[std::string(pattern[i].substr(1, pattern[i].size() - 2))] = std::string(path[i]);
      } else {
        ok = pattern[i] == path[i];
      }
    }
    if (ok) {
      request.params = std::move(params);
      if (route.accepts && !route.accepts(request)) {
        request.params.clear();
        continue;
      }
      return &route;
    }
  }
  return nullptr;
}

std::vector<std::string> request_symbols(const Route& route, const Request& request) {
  if (route.symbols) return route.symbols(request);
  if (auto it = request.params.find("symbol"); it != request.params.end()) return {it->second};
  if (auto s = request.param("symbols")) return split_commas(*s);
  if (auto s = request.param("symbol")) return {*s};
  return {};
}

std::vector<std::string> comma_list(const std::string& value) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= value.size()) {
    const std::size_t comma = std::min(value.find(',', start), value.size());
    std::string one = value.substr(start, comma - start);
    while (!one.empty() && one.front() == ' ')
      one.erase(0, 1);
    while (!one.empty() && one.back() == ' ')
      one.pop_back();
    if (!one.empty()) out.push_back(one);
    start = comma + 1;
  }
  return out;
}

Response error_response(const Route* route, unsigned status, const Request& request) {
  if (route && route->error) return route->error(status, request);
  auto reason = boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(status));
  return Response::text(status, std::string(reason));
}

std::string http_date(std::chrono::sys_seconds t) {
  return date::format("%a, %d %b %Y %H:%M:%S GMT", t);
}

}  // namespace pricefeed::sandbox
