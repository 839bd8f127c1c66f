#include "host/worker/BackfillJobRunner.hpp"

#include <pqxx/pqxx>

#include "host/log/Log.hpp"
#include "host/plugins/HistoryRequestFor.hpp"
#include "host/plugins/PluginDescriptor.hpp"
#include "host/plugins/RateLimitedSourceHttp.hpp"
#include "host/quality/UnavailableRanges.hpp"
#include "host/queue/SourceFallback.hpp"
#include "host/time/CalendarDate.hpp"
#include "host/time/UnixTime.hpp"
#include "host/worker/JobPriceSink.hpp"

namespace pricefeed::host {

const char* job_outcome_name(JobOutcome outcome) {
  switch (outcome) {
    case JobOutcome::completed:
      return "completed";
    case JobOutcome::retry_later:
      return "retry_later";
    case JobOutcome::failed:
      return "failed";
    case JobOutcome::lease_lost:
      return "lease_lost";
  }
  return "?";
}

BackfillJobRunner::BackfillJobRunner(ConnectionPool& pool, BackfillQueue& queue,
                                     const SourceRegistry& sources, const RoutingConfig& routing,
                                     std::chrono::milliseconds lease,
                                     std::shared_ptr<PricePartitions> partitions)
    : pool_(pool),
      queue_(queue),
      sources_(sources),
      routing_(routing),
      lease_(lease),
      partitions_(std::move(partitions)) {}

void BackfillJobRunner::run_finished_hooks(pqxx::connection& connection, const ClaimedJob& job,
                                           const std::string& completed_by,
                                           const std::vector<Action>& actions) const {
  for (const FinishedJobHook& hook : finished_hooks_) {
    try {
      hook(connection, job, completed_by, actions);
    } catch (const std::exception& e) {
      log_error("check after a backfill job failed", {{"job_id", job.id}, {"error", e.what()}});
    }
  }
}

JobOutcome BackfillJobRunner::run(ClaimedJob& job, const std::atomic<bool>& stop) {
  const auto& chain = routing_.sources_for(job.asset_class);

  for (;;) {
    auto source_name = next_source(job, chain);
    if (!source_name) {
      std::string reason = chain.empty()
                               ? std::string("no source is routed for ") + asset_class_name(job.asset_class)
                               : describe_exhausted_sources(job);
      queue_.fail(job, reason);
      log_error("backfill job failed", {{"job_id", job.id}, {"asset_id", job.asset_id}, {"reason", reason}});
      if (!finished_hooks_.empty()) run_finished_hooks(*pool_.acquire(), job, "", {});
      return JobOutcome::failed;
    }
    const std::shared_ptr<SourceInstance> source = sources_.find(*source_name);
    const char* unusable = nullptr;
    if (source == nullptr) {
      unusable = "source is not running (see `pricefeed plugins`)";
    } else if ((source->descriptor().capabilities & PRICEFEED_CAP_HISTORY) == 0) {
      unusable = "source serves no history";
    } else if (!serves_asset_class(source->descriptor(), job.asset_class)) {
      unusable = "source does not serve this asset class";
    } else if (!serves_resolution(source->descriptor(), job.resolution)) {
      unusable = "source does not serve this resolution";
    }
    if (unusable != nullptr) {
      if (!queue_.exhaust_source(job, *source_name, unusable)) return JobOutcome::lease_lost;
      continue;
    }

    const HistoryRequest request =
        history_request_for(*source_name, job.symbol, job.source_ids, job.asset_class, job.resolution,
                            job.start_date, job.end_date);

    const auto started = std::chrono::steady_clock::now();
    auto connection = pool_.acquire();
    PriceWriterOptions options;
    options.partitions = partitions_;
    options.job_id = job.id;
    // The source is held to what it was asked for, and a fallback never replaces the preferred
    // source's rows (docs/queue-and-writing.md, "What a plugin may deliver").
    options.requested = RequestedRange{request.start, request.end};
    options.source_ranking = chain;
    PriceWriter writer(*connection, PriceSeries{job.asset_id, job.resolution, *source_name}, options);
    JobPriceSink sink(writer, queue_, job, lease_);
    SourceCallResult result;
    PriceWriteSummary summary;
    try {
      result = source->fetch_history(request, sink, &stop, static_cast<std::uint32_t>(job.timeouts));
      // Whatever arrived is kept, whatever the status: the write is idempotent, and a retry or the
      // next source then only adds what is missing.
      summary = writer.finish();
      record_unavailable_ranges(*connection, job, *source_name, sink.unavailable());
    } catch (const LeaseLost& e) {
      log_warn("backfill job abandoned", {{"job_id", job.id}, {"reason", e.what()}});
      return JobOutcome::lease_lost;
    }
    const auto duration_ms =
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    LogFields fields{{"job_id", job.id},
                     {"asset_id", job.asset_id},
                     {"source", *source_name},
                     {"symbol", job.symbol},
                     {"status", status_name(result.status)},
                     {"rows_written", summary.written},
                     {"rows_unchanged", summary.unchanged},
                     {"rows_rejected", summary.rejected.total()},
                     {"duration_ms", duration_ms}};
    if (sink.unavailable_dropped() > 0)
      fields.push_back({"unavailable_dropped", static_cast<std::int64_t>(sink.unavailable_dropped())});
    if (sink.actions_dropped() > 0)
      fields.push_back({"actions_dropped", static_cast<std::int64_t>(sink.actions_dropped())});

    switch (result.status) {
      case PRICEFEED_OK:
        if (!queue_.complete(job, *source_name)) return JobOutcome::lease_lost;
        log_info("backfill job completed", fields);
        run_finished_hooks(*connection, job, *source_name, sink.actions());
        return JobOutcome::completed;
      case PRICEFEED_RATE_LIMITED:
        if (result.held_back) {
          // The source was not asked: no attempt is spent, only the wait for the source is recorded.
          const auto delay = result.retry_after.value_or(RateLimitedSourceHttp::kDefaultMaxWait);
          if (!queue_.wait_for_source(job, delay, *source_name + ": " + result.message, *source_name))
            return JobOutcome::lease_lost;
          fields.push_back({"error", result.message});
          fields.push_back({"retry_in_ms", static_cast<std::int64_t>(delay.count())});
          log_info("backfill job waits for its source's rate limit", fields);
          return JobOutcome::retry_later;
        }
        [[fallthrough]];
      case PRICEFEED_TRANSIENT: {
        const bool limited = result.status == PRICEFEED_RATE_LIMITED;
        auto outcome =
            queue_.retry_later(job, limited ? JobStatus::rate_limited : JobStatus::pending,
                               limited ? result.retry_after : std::nullopt,
                               *source_name + ": " + status_name(result.status) + ": " + result.message,
                               *source_name, result.timed_out);
        if (!outcome.recorded) return JobOutcome::lease_lost;
        fields.push_back({"error", result.message});
        fields.push_back({"retry_in_ms", static_cast<std::int64_t>(outcome.delay.count())});
        if (result.timed_out) fields.push_back({"timeouts", static_cast<std::int64_t>(job.timeouts) + 1});
        log_warn(outcome.status == JobStatus::failed ? "backfill job failed after its last attempt"
                                                     : "backfill job will be retried",
                 fields);
        if (outcome.status == JobStatus::failed) run_finished_hooks(*connection, job, "", {});
        return outcome.status == JobStatus::failed ? JobOutcome::failed : JobOutcome::retry_later;
      }
      default:
        // not_found, permanent, unsupported ...: this source cannot serve the job; try the next.
        fields.push_back({"error", result.message});
        log_warn("source could not serve the job; trying the next", fields);
        if (!queue_.exhaust_source(job, *source_name,
                                   std::string(status_name(result.status)) + ": " + result.message)) {
          return JobOutcome::lease_lost;
        }
        continue;
    }
  }
}

}  // namespace pricefeed::host
