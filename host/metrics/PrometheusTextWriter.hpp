// Writes metrics in the Prometheus text exposition format, version 0.0.4:
//
//   # HELP pricefeed_rows_written_total Rows inserted or changed in asset_prices.
//   # TYPE pricefeed_rows_written_total counter
//   pricefeed_rows_written_total{source="yahoo"} 1250
//
// Label values are escaped (\\, \", \n), HELP text likewise (\\, \n); values are written in the
// shortest form that reads back exactly, with +Inf, -Inf and NaN spelled as Prometheus spells them.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "host/metrics/Histogram.hpp"

namespace pricefeed::host {

inline constexpr const char* kPrometheusTextContentType = "text/plain; version=0.0.4; charset=utf-8";

class PrometheusTextWriter {
 public:
  // The # HELP and # TYPE lines that open a family; `type` is "counter", "gauge" or "histogram".
  void family_header(std::string_view name, std::string_view help, std::string_view type);

  // One sample line. `label_values` pairs with `label_names` by position.
  void sample(std::string_view name, std::span<const std::string> label_names,
              std::span<const std::string> label_values, double value);

  // _bucket lines (cumulative, le="..." added after the other labels, +Inf last), _sum and _count.
  void histogram(std::string_view name, std::span<const std::string> label_names,
                 std::span<const std::string> label_values, const HistogramSnapshot& snapshot);

  const std::string& text() const noexcept { return out_; }
  std::string take() noexcept { return std::move(out_); }

 private:
  void labels(std::span<const std::string> names, std::span<const std::string> values,
              std::string_view le = {});

  std::string out_;
};

std::string escape_label_value(std::string_view value);
std::string escape_help(std::string_view help);
// 1, 0.25, 1e+21, +Inf, -Inf, NaN.
std::string format_sample_value(double value);

}  // namespace pricefeed::host
