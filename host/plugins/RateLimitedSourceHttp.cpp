#include "host/plugins/RateLimitedSourceHttp.hpp"

#include "host/http/HttpClientError.hpp"
#include "host/log/Log.hpp"
#include "host/metrics/HostMetrics.hpp"
#include "host/ratelimit/Cooldown.hpp"
#include "host/redaction/UrlRedaction.hpp"

namespace pricefeed::host {
namespace {

using std::chrono::duration_cast;
using std::chrono::milliseconds;

milliseconds until(Clock::time_point end, Clock::time_point now) {
  return end > now ? duration_cast<milliseconds>(end - now) : milliseconds::zero();
}

// The reasons of pricefeed_rate_limit_hits_total (docs/metrics.md).
constexpr std::string_view kHitByAnswer = "upstream_answer";
constexpr std::string_view kHitCoolingDown = "cooling_down";
constexpr std::string_view kHitNoTokens = "no_tokens_in_time";

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

RateLimitedSourceHttp::RateLimitedSourceHttp(std::string source, HttpClient& client,
                                             std::shared_ptr<SourceRateLimiter> limiter, Clock& clock,
                                             SourceTimeouts timeouts, std::chrono::milliseconds max_wait,
                                             std::stop_token stopping)
    : source_(std::move(source)),
      client_(client),
      limiter_(std::move(limiter)),
      clock_(clock),
      timeouts_(timeouts),
      max_wait_(max_wait),
      stopping_(std::move(stopping)) {
  // Every source shows its hits from the first scrape, 0 until one happens, so rate() has a start.
  for (std::string_view reason : {kHitByAnswer, kHitCoolingDown, kHitNoTokens})
    host_metrics().rate_limit_hits.labels({source_, reason});
}

SourceHttpOutcome RateLimitedSourceHttp::send(const SourceHttpRequest& request) {
  SourceHttpOutcome outcome;
  const auto started = clock_.now();
  Admission admission = limiter_->acquire(request.cost, started + max_wait_, stopping_);
  if (!admission.granted()) {
    outcome.status = PRICEFEED_RATE_LIMITED;
    outcome.held_back = true;
    if (admission.outcome == Admission::Outcome::cancelled) {
      // Due again at once: another host, or this one after its restart, takes the job.
      outcome.retry_after = milliseconds::zero();
      outcome.error = "request to source " + source_ + " not sent: the host is stopping";
      return outcome;
    }
    host_metrics()
        .rate_limit_hits
        .labels(
            {source_, admission.outcome == Admission::Outcome::cooling_down ? kHitCoolingDown : kHitNoTokens})
        .inc();
    if (admission.outcome == Admission::Outcome::cooling_down) {
      outcome.retry_after = until(admission.cooldown_until, clock_.now());
      outcome.error = "source " + source_ + " is cooling down after a rate-limit answer for another " +
                      std::to_string(duration_cast<std::chrono::seconds>(*outcome.retry_after).count()) +
                      " s";
    } else {
      outcome.retry_after = max_wait_;
      outcome.error = "source " + source_ + " has no rate-limit tokens free within " +
                      std::to_string(max_wait_.count()) + " ms";
    }
    return outcome;
  }

  HttpRequest http;
  http.method = request.method;
  http.url = request.url;
  for (const auto& [name, value] : request.headers)
    http.headers.push_back({name, value});
  http.body = request.body;
  http.timeout = timeouts_.for_request(request.timeout, request.timeout_doublings);
  const auto sent = std::chrono::steady_clock::now();
  try {
    HttpResponse response = client_.send(http);
    host_metrics()
        .upstream_request_duration.labels({source_, std::to_string(response.status)})
        .observe(seconds_since(sent));
    const double elapsed_ms = std::chrono::duration<double, std::milli>(response.elapsed).count();
    log(spdlog::level::debug, "upstream request",
        {{"source", source_},
         {"url", redact_url(request.url)},
         {"status", response.status},
         {"duration_ms", elapsed_ms}});
    if (auto cooldown =
            cooldown_after_response(response.status, response.header("Retry-After"), clock_.wall_now())) {
      limiter_->enter_cooldown(clock_.now() + *cooldown);
      host_metrics().rate_limit_hits.labels({source_, kHitByAnswer}).inc();
      outcome.status = PRICEFEED_RATE_LIMITED;
      outcome.retry_after = duration_cast<milliseconds>(*cooldown);
      outcome.error = "HTTP " + std::to_string(response.status) + " from " + redact_url(request.url) +
                      ": cooling down for " + std::to_string(cooldown->count()) + " s";
      log_warn("source rate-limited", {{"source", source_},
                                       {"status", response.status},
                                       {"cooldown_s", static_cast<std::int64_t>(cooldown->count())}});
      return outcome;
    }
    SourceHttpResponse out;
    out.status = response.status;
    out.body = std::move(response.body);
    for (auto& h : response.headers)
      out.headers.emplace_back(std::move(h.name), std::move(h.value));
    out.elapsed_ms = elapsed_ms;
    outcome.response = std::move(out);
    return outcome;
  } catch (const HttpError& e) {
    host_metrics().upstream_request_duration.labels({source_, "error"}).observe(seconds_since(sent));
    // A URL the plugin built wrong will not get better by retrying; everything else might.
    const bool permanent = e.kind() == HttpErrorKind::bad_url || e.kind() == HttpErrorKind::bad_request;
    outcome.status = permanent ? PRICEFEED_PERMANENT : PRICEFEED_TRANSIENT;
    outcome.timed_out = e.kind() == HttpErrorKind::timeout;
    outcome.error = e.what();
    log_warn("upstream request failed", {{"source", source_}, {"error", e.what()}});
    return outcome;
  }
}

}  // namespace pricefeed::host
