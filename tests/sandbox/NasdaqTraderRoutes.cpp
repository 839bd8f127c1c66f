// NASDAQ Trader symbol directory: GET /dynamic/SymDir/nasdaqlisted.txt and /dynamic/SymDir/otherlisted.txt
// (www.nasdaqtrader.com). Pipe-delimited text, header row, one row per listing, footer line
// "File Creation Time: MMDDYYYYHH:MM" followed by empty columns.
#include "tests/sandbox/Sandbox.hpp"

namespace pricefeed::sandbox {

namespace {

Response html_page(unsigned status, const std::string& title) {
  Response r;
  r.status = status;
  r.content_type = "text/html";
  r.body = "<!DOCTYPE html>\n<html><head><title>" + title + "</title></head>\n<body><h1>" + title +
           "</h1><p>The page you requested is temporarily unavailable.</p></body></html>\n";
  return r;
}

}  // namespace

void add_nasdaqtrader_routes(Sandbox& sb, Router& router) {
  auto add = [&](std::string id, std::string pattern, bool nasdaq) {
    Route r;
    r.id = std::move(id);
    r.family = "nasdaqtrader";
    r.pattern = std::move(pattern);
    r.handler = [&sb, nasdaq](const Request& req) {
      Response res;
      res.content_type = "text/plain";
      res.body = nasdaq ? sb.directory().nasdaqlisted_txt(req.now) : sb.directory().otherlisted_txt(req.now);
      return res;
    };
    r.error = [](unsigned status, const Request&) {
      if (status == 404) return html_page(404, "404 - File or directory not found.");
      if (status == 429) return html_page(429, "Too Many Requests");
      return html_page(status, status == 503 ? "Service Unavailable" : "Server Error");
    };
    // A broken download is an HTML page served with 200: readers must check the header row.
    r.malformed = [](const Response&, const Request&) { return html_page(200, "Service Unavailable"); };
    r.symbols = [](const Request&) { return std::vector<std::string>{}; };
    router.add(std::move(r));
  };
  add("nasdaqtrader.nasdaqlisted", "/dynamic/SymDir/nasdaqlisted.txt", true);
  add("nasdaqtrader.otherlisted", "/dynamic/SymDir/otherlisted.txt", false);
}

}  // namespace pricefeed::sandbox
