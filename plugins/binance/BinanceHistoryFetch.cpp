#include "binance/BinanceHistoryFetch.hpp"

#include <algorithm>
#include <chrono>
#include <string>
#include <vector>

#include <pricefeed/error.hpp>

#include "binance/BinanceFormatError.hpp"
#include "binance/BinanceKlinesParser.hpp"
#include "binance/BinancePair.hpp"
#include "binance/BinanceRequestWeight.hpp"
#include "binance/BinanceUtcTime.hpp"

namespace pricefeed::binance {

namespace {

constexpr std::int64_t kDayMs = 86'400'000;

std::int64_t now_ms(const Host& host) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(host.now().time_since_epoch()).count();
}

// The first multiple of `step` at or after `ms` (ms >= 0).
std::int64_t align_up(std::int64_t ms, std::int64_t step) {
  return (ms + step - 1) / step * step;
}

// A daily bar is keyed by its UTC date; Binance's daily klines already open at 00:00 UTC, the floor
// only guards against a kline that does not.
std::int64_t bar_ts(const BinanceKline& k, Resolution resolution) {
  const std::int64_t open_ms =
      resolution == Resolution::day ? k.open_time_ms / kDayMs * kDayMs : k.open_time_ms;
  return open_ms / 1000;
}

std::string when(std::int64_t ts, Resolution resolution) {
  return resolution == Resolution::day ? utc_date(ts) : utc_minute(ts);
}

}  // namespace

void BinanceHistoryFetch::run(const Host& host, const HistoryRequest& request, HistorySink& sink) const {
  const Resolution resolution = request.resolution;
  const std::string pair = binance_pair(request.symbol, request.source_id, config_.quote_asset);
  const std::string subject = describe_pair(request.symbol, pair) + " " + resolution_name(resolution);
  if (request.start > request.end) {
    throw Error::permanent("binance: the asked range of " + subject + " ends (" +
                           std::to_string(request.end) + ") before it starts (" +
                           std::to_string(request.start) + ")");
  }

  // Binance counts from 1970; what lies after now has not happened yet and costs no request.
  const std::int64_t now = now_ms(host);
  const std::int64_t start_ms = std::max<std::int64_t>(request.start, 0) * 1000;
  const std::int64_t end_ms = request.end >= now / 1000 + 1 ? now : request.end * 1000;  // exclusive
  const std::int64_t step = interval_ms(resolution);
  if (align_up(start_ms, step) >= end_ms) return;  // no kline opens inside the range
  const std::uint32_t weight_limit = exchange_info_.weight_limit(host);

  std::int64_t page_start = start_ms;
  std::size_t requests = 0;
  for (;;) {
    // Checked before every request: a cancelled job must not spend the minute's weight. Not a success,
    // so the job is not completed with part of its range missing; the host retries it.
    if (host.cancelled()) {
      throw Error::transient("binance: cancelled after " + std::to_string(requests) + " requests for " +
                             subject + "; the rest of the range was not fetched");
    }
    const BinanceAnswer answer = client_.get(
        host, client_.klines_url(pair, resolution, page_start, end_ms - 1), kKlinesWeight, weight_limit);
    if (answer.status != 200) throw answer.failure(subject);
    std::vector<BinanceKline> klines;
    try {
      klines = parse_binance_klines(answer.body);
    } catch (const BinanceFormatError& e) {
      throw answer.malformed("Binance's klines JSON", e);
    }

    if (requests++ == 0) {
      // Binance answers a start before the listing with the first klines there are: whatever lies
      // between the asked start and the first kline (a whole interval at least) does not exist there.
      if (klines.empty()) {
        sink.unavailable(request.start, (end_ms + 999) / 1000,
                         "Binance has no " + std::string(resolution_name(resolution)) + " klines of " + pair +
                             " in this range: the pair was not trading then (not listed yet, or trading had "
                             "stopped)");
        return;
      }
      const std::int64_t first = bar_ts(klines.front(), resolution);
      if (first * 1000 > align_up(start_ms, step) &&
          !sink.unavailable(request.start, first,
                            "before Binance's first " + std::string(resolution_name(resolution)) +
                                " kline of " + pair + " (" + when(first, resolution) +
                                "): the pair was not listed yet")) {
        return;
      }
    }

    const std::int64_t answered_at = now_ms(host);
    bool reached_open_kline = false;
    for (const BinanceKline& k : klines) {
      if (k.open_time_ms < page_start || k.open_time_ms >= end_ms) continue;
      if (k.close_time_ms >= answered_at) {  // still open: stored once it has closed
        reached_open_kline = true;
        break;
      }
      Bar bar;
      bar.ts = bar_ts(k, resolution);
      bar.open = k.open;
      bar.high = k.high;
      bar.low = k.low;
      bar.close = k.close;
      bar.adj_close = k.close;  // no splits or dividends on an exchange pair: nothing to adjust
      bar.volume = k.volume;
      if (!sink.push(bar)) return;
    }
    // Each page is handed over before the next request: kept even if a later one fails, and a stop
    // from the host is seen before more weight is spent.
    sink.flush();
    if (sink.stopped()) return;

    if (klines.size() < BinanceClient::kKlinesPerRequest || reached_open_kline) return;
    const std::int64_t next = klines.back().open_time_ms + 1;
    if (next <= page_start) {
      throw Error::transient(answer.where + ": the klines of " + subject + " did not advance past " +
                             std::to_string(page_start) + " ms; stopped paging");
    }
    if (next >= end_ms) return;
    page_start = next;
  }
}

}  // namespace pricefeed::binance
