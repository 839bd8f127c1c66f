#include "yahoo-api/YahooHistoryFetch.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <utility>

#include <pricefeed/error.hpp>

#include "yahoo-api/ExchangeTimeZone.hpp"
#include "yahoo-api/YahooChart.hpp"
#include "yahoo-api/YahooRangePlan.hpp"

namespace pricefeed::yahoo {

namespace {

constexpr std::int64_t kDay = 86400;

std::int64_t floor_to_day(std::int64_t ts) {
  const std::int64_t remainder = ((ts % kDay) + kDay) % kDay;
  return ts - remainder;
}

// Where Yahoo's history of the instrument begins, in the same terms as the bars' ts: the first trading
// date for daily bars, the first trade's instant for intraday ones.
std::optional<std::int64_t> listing_start(const YahooChartMeta& meta, Resolution resolution) {
  if (!meta.first_trade_date) return std::nullopt;
  if (resolution != Resolution::day) return meta.first_trade_date;
  return ExchangeTimeZone::resolve(meta.exchange_timezone_name, meta.gmtoffset)
      .trading_date_ts(*meta.first_trade_date);
}

std::string describe(const HistoryRequest& request, const std::string& ticker) {
  std::string out = "'" + request.symbol + "'";
  if (ticker != request.symbol) out += " (Yahoo '" + ticker + "')";
  return out + " " + resolution_name(request.resolution);
}

}  // namespace

void fetch_yahoo_history(const Host& host, const YahooChartClient& client, const HistoryRequest& request,
                         const std::string& ticker, HistorySink& sink) {
  if (request.start > request.end) {
    throw Error::permanent(client.label() + ": the asked range of " + describe(request, ticker) + " ends (" +
                           std::to_string(request.end) + ") before it starts (" +
                           std::to_string(request.start) + ")");
  }
  const YahooRangePlan plan =
      plan_chart_requests(request.resolution, request.start, request.end, host.now_seconds());
  if (plan.unavailable &&
      !sink.unavailable(plan.unavailable->start, plan.unavailable->end, plan.unavailable->reason)) {
    return;
  }

  bool listing_checked = false;
  std::optional<std::int64_t> first_traded;
  // Adjacent requests can both carry an action dated on the day they share.
  std::set<std::pair<Action::Kind, std::int64_t>> actions_sent;

  for (std::size_t i = 0; i < plan.requests.size(); ++i) {
    const ChartRequestWindow& window = plan.requests[i];
    // Checked before every request: a cancelled job must not spend the source's rate limit. Not a
    // success, so the job is not completed with part of its range missing; the host retries it.
    if (host.cancelled()) {
      throw Error::transient(client.label() + ": cancelled after " + std::to_string(i) + " of " +
                             std::to_string(plan.requests.size()) + " requests for " +
                             describe(request, ticker) + "; the rest of the range was not fetched");
    }
    // Entirely before the instrument existed: nothing to ask (already reported below).
    if (first_traded && window.end <= *first_traded) continue;

    const YahooChart chart = client.fetch(host, ticker, request.resolution, window);
    for (const std::string& warning : chart.warnings) {
      host.log(LogLevel::warn, warning, {{"ticker", ticker}, {"symbol", request.symbol}});
    }

    if (!listing_checked) {
      listing_checked = true;
      first_traded = listing_start(chart.meta, request.resolution);
      if (first_traded) {
        // Never call a range unavailable that this very answer has bars for (firstTradeDate is
        // Yahoo's metadata, the bars are the data).
        std::int64_t gap_end = std::min(*first_traded, plan.requests.back().end);
        if (!chart.bars.empty()) gap_end = std::min(gap_end, chart.bars.front().ts);
        if (gap_end > window.start && !sink.unavailable(window.start, gap_end,
                                                        "before the first trade Yahoo knows of " + ticker +
                                                            " (" + iso_date_utc(*first_traded) + ")")) {
          return;
        }
      }
    }

    for (const Bar& bar : chart.bars) {
      if (bar.ts < window.start || bar.ts >= window.end) continue;
      if (!sink.push(bar)) return;
    }
    const std::int64_t first_day = floor_to_day(window.start);
    for (const Action& action : chart.actions) {
      if (action.ts < first_day || action.ts >= window.end) continue;
      if (!actions_sent.emplace(action.kind, action.ts).second) continue;
      if (!sink.action(action)) return;
    }
    // Hand each answer's bars over before the next request: they are stored even if a later request
    // fails, and a "stop" from the host is seen before more of the rate limit is spent.
    sink.flush();
    if (sink.stopped()) return;
  }
}

}  // namespace pricefeed::yahoo
