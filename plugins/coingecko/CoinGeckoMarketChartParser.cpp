#include "coingecko/CoinGeckoMarketChartParser.hpp"

#include <cmath>
#include <string>

#include <nlohmann/json.hpp>

#include "coingecko/CoinGeckoFormatError.hpp"
#include "coingecko/CoinGeckoJsonFields.hpp"

namespace pricefeed::coingecko {

namespace {

using nlohmann::json;

// Unix milliseconds from year 1900 to 9999: wide enough for any real answer, narrow enough that the
// conversion to int64 is exact and a garbled number is caught.
constexpr double kEarliestMs = -2208988800000.0;
constexpr double kLatestMs = 253402300799000.0;

std::vector<CoinGeckoPoint> read_series(const json& document, const char* name, bool required) {
  std::vector<CoinGeckoPoint> out;
  const auto series = document.find(name);
  if (series == document.end() || (!required && series->is_null())) {
    if (required) throw CoinGeckoFormatError(std::string("no \"") + name + "\" array");
    return out;
  }
  if (!series->is_array()) {
    throw CoinGeckoFormatError(std::string(name) + ": expected an array, got " + series->type_name());
  }
  out.reserve(series->size());
  for (std::size_t i = 0; i < series->size(); ++i) {
    const json& pair = (*series)[i];
    const std::string where = std::string(name) + "[" + std::to_string(i) + "]";
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number() ||
        !(pair[1].is_number() || pair[1].is_null())) {
      throw CoinGeckoFormatError(where + ": expected [milliseconds, value], got " +
                                 pair.dump().substr(0, 60));
    }
    const double ms = pair[0].get<double>();
    if (!(ms >= kEarliestMs && ms <= kLatestMs) || ms != std::floor(ms)) {
      throw CoinGeckoFormatError(where + ": " + pair[0].dump() + " is not a time in milliseconds");
    }
    CoinGeckoPoint point;
    point.ms = static_cast<std::int64_t>(ms);
    point.value = pair[1].is_null() ? kAbsent : pair[1].get<double>();
    out.push_back(point);
  }
  return out;
}

}  // namespace

CoinGeckoMarketChart parse_market_chart(std::string_view body) {
  const json document = parse_coingecko_json(body);
  if (!document.is_object()) {
    throw CoinGeckoFormatError(std::string("expected an object with \"prices\", got ") +
                               document.type_name());
  }
  CoinGeckoMarketChart chart;
  chart.prices = read_series(document, "prices", /*required=*/true);
  chart.market_caps = read_series(document, "market_caps", /*required=*/false);
  chart.total_volumes = read_series(document, "total_volumes", /*required=*/false);
  return chart;
}

}  // namespace pricefeed::coingecko
