#pragma once

// One request to Yahoo's v8 chart endpoint through the host's HTTP service, and what its answer means
// for the host: 200 is parsed; 404 is an unknown ticker (not_found); 5xx and 408 are worth retrying
// (transient); 401/403 and other 4xx are refusals that retrying the same request will not change
// (permanent). 429 never reaches this code: the host's http service reports it as rate_limited.
// Every error starts with the source's label and names the request URL (it carries no secret: the
// chart endpoint needs no crumb).

#include <string>
#include <utility>

#include <pricefeed/host.hpp>
#include <pricefeed/records.hpp>

#include "yahoo-api/YahooChart.hpp"
#include "yahoo-api/YahooEndpointConfig.hpp"
#include "yahoo-api/YahooRangePlan.hpp"

namespace pricefeed::yahoo {

class YahooChartClient {
 public:
  // label starts every error message: the plugin's name ("yahoo", "commodities"). config must outlive
  // the client.
  YahooChartClient(const YahooEndpointConfig& config, std::string label)
      : config_(config), label_(std::move(label)) {}

  // {base_url}/v8/finance/chart/{ticker}?period1=..&period2=..&interval=..&includePrePost=false
  //   &events=div%7Csplit, the ticker escaped as one path segment.
  std::string chart_url(const std::string& ticker, Resolution resolution,
                        const ChartRequestWindow& window) const;

  YahooChart fetch(const Host& host, const std::string& ticker, Resolution resolution,
                   const ChartRequestWindow& window) const;

  const std::string& label() const noexcept { return label_; }

 private:
  const YahooEndpointConfig& config_;
  const std::string label_;
};

}  // namespace pricefeed::yahoo
