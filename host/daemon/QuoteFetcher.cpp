#include "host/daemon/QuoteFetcher.hpp"

#include <algorithm>
#include <future>
#include <mutex>
#include <optional>
#include <span>
#include <thread>

#include "host/assets/SourceSymbol.hpp"
#include "host/log/Log.hpp"
#include "host/plugins/PluginDescriptor.hpp"
#include "host/plugins/SourceInstance.hpp"

namespace pricefeed::host {
namespace {

struct Pending {
  AssetIdentity target;
  std::size_t next_in_chain = 0;  // index into the class's routing chain
  std::string reasons;
};

void add_reason(Pending& pending, const std::string& source, const std::string& reason) {
  if (!pending.reasons.empty()) pending.reasons += "; ";
  pending.reasons += source + ": " + reason;
}

// Keeps the first quote of each symbol the batch asked for. Anything else a source sends (symbols
// nobody asked for, repeats) is counted and dropped: a call holds at most one quote per asked
// symbol, however much the plugin hands over (docs/queue-and-writing.md, "What a plugin may deliver").
class CollectingQuotes final : public QuoteConsumer {
 public:
  explicit CollectingQuotes(std::span<const Pending> batch) {
    for (const Pending& pending : batch)
      by_symbol.emplace(pending.target.symbol, std::nullopt);
  }

  bool on_quotes(std::span<const Quote> quotes) override {
    for (const Quote& quote : quotes) {
      const auto it = by_symbol.find(quote.symbol);
      if (it == by_symbol.end() || it->second) {
        ++dropped;
        continue;
      }
      it->second = quote;
    }
    return true;
  }

  std::map<std::string, std::optional<Quote>, std::less<>> by_symbol;
  std::size_t dropped = 0;
};

// What one source made of its share: quotes, and the assets that go on to the next source.
struct SourceOutcome {
  std::vector<AssetQuote> quotes;
  std::vector<Pending> left;
  SourceQuoteStats stats;
};

// One request's worth of a source's share.
void ask_batch(SourceInstance& source, std::span<Pending> batch, const std::atomic<bool>* cancelled,
               SourceOutcome& outcome) {
  if (cancelled != nullptr && *cancelled) {
    for (Pending& pending : batch) {
      add_reason(pending, source.name(), "cancelled");
      outcome.left.push_back(std::move(pending));
    }
    return;
  }
  QuoteRequest request;
  request.asset_class = batch.front().target.asset_class;
  for (const Pending& pending : batch) {
    request.symbols.push_back(pending.target.symbol);
    request.source_ids.push_back(
        request_source_id(pending.target.source_ids, source.name(), pending.target.symbol));
  }
  CollectingQuotes consumer(batch);
  ++outcome.stats.requests;
  const SourceCallResult result = source.fetch_quotes(request, consumer, cancelled);
  if (!result.ok()) {
    ++outcome.stats.failed_batches;
    outcome.stats.last_error = std::string(status_name(result.status)) + ": " + result.message;
    for (Pending& pending : batch) {
      add_reason(pending, source.name(), outcome.stats.last_error);
      outcome.left.push_back(std::move(pending));
    }
    return;
  }
  if (consumer.dropped > 0) {
    outcome.stats.dropped += consumer.dropped;
    log_warn("quotes dropped", {{"source", source.name()},
                                {"dropped", static_cast<std::int64_t>(consumer.dropped)},
                                {"reason", "not asked for in the batch, or a second quote of a symbol"}});
  }
  for (Pending& pending : batch) {
    const auto it = consumer.by_symbol.find(pending.target.symbol);
    if (it == consumer.by_symbol.end() || !it->second) {
      add_reason(pending, source.name(), "no quote in the answer");
      outcome.left.push_back(std::move(pending));
      continue;
    }
    outcome.quotes.push_back({pending.target.id, pending.target.symbol, source.name(), *it->second, {}});
    ++outcome.stats.quoted;
  }
}

// Requests a thread-safe source may have in flight at once: upstream latency, not CPU, bounds a
// tick, and the source's limiter still sets the pace.
constexpr std::size_t kRequestsInFlight = 4;

SourceOutcome ask_source(SourceInstance& source, std::vector<Pending> share,
                         const std::atomic<bool>* cancelled) {
  const std::size_t batch_size = std::max<std::uint32_t>(1, source.descriptor().max_quote_batch);
  // A request names one asset class: batches never mix them.
  std::stable_sort(share.begin(), share.end(), [](const Pending& a, const Pending& b) {
    return a.target.asset_class < b.target.asset_class;
  });
  std::vector<std::span<Pending>> batches;
  for (std::size_t begin = 0, end = 0; begin < share.size(); begin = end) {
    end = begin + 1;
    while (end < share.size() && end - begin < batch_size &&
           share[end].target.asset_class == share[begin].target.asset_class) {
      ++end;
    }
    batches.emplace_back(share.data() + begin, end - begin);
  }

  const std::size_t lanes =
      std::min(batches.size(), source.descriptor().thread_safe != 0 ? kRequestsInFlight : std::size_t{1});
  std::vector<SourceOutcome> outcomes(std::max<std::size_t>(lanes, 1));
  std::atomic<std::size_t> next{0};
  auto lane = [&](SourceOutcome& outcome) {
    for (std::size_t i = next++; i < batches.size(); i = next++)
      ask_batch(source, batches[i], cancelled, outcome);
  };
  {
    std::vector<std::jthread> threads;
    for (std::size_t i = 1; i < lanes; ++i)
      threads.emplace_back(lane, std::ref(outcomes[i]));
    lane(outcomes[0]);
  }
  SourceOutcome merged = std::move(outcomes[0]);
  for (std::size_t i = 1; i < outcomes.size(); ++i) {
    std::move(outcomes[i].quotes.begin(), outcomes[i].quotes.end(), std::back_inserter(merged.quotes));
    std::move(outcomes[i].left.begin(), outcomes[i].left.end(), std::back_inserter(merged.left));
    merged.stats.add(outcomes[i].stats);
  }
  return merged;
}

}  // namespace

void SourceQuoteStats::add(const SourceQuoteStats& other) {
  requests += other.requests;
  quoted += other.quoted;
  failed_batches += other.failed_batches;
  dropped += other.dropped;
  if (!other.last_error.empty()) last_error = other.last_error;
}

QuoteFetchResult QuoteFetcher::fetch(const std::vector<AssetIdentity>& targets,
                                     const std::atomic<bool>* cancelled) const {
  QuoteFetchResult result;
  std::vector<Pending> pending;
  pending.reserve(targets.size());
  for (const AssetIdentity& target : targets)
    pending.push_back({target, 0, {}});

  while (!pending.empty()) {
    // Each asset goes to the next source of its chain that runs and serves quotes for its class.
    // Held by shared_ptr until the round's calls return: a reload may replace a source meanwhile.
    std::map<std::shared_ptr<SourceInstance>, std::vector<Pending>> shares;
    for (Pending& p : pending) {
      const auto& chain = routing_.sources_for(p.target.asset_class);
      std::shared_ptr<SourceInstance> chosen;
      while (p.next_in_chain < chain.size() && chosen == nullptr) {
        const std::string& name = chain[p.next_in_chain++];
        std::shared_ptr<SourceInstance> source = sources_.find(name);
        if (source == nullptr) {
          add_reason(p, name, "not running");
        } else if ((source->descriptor().capabilities & PRICEFEED_CAP_QUOTES) == 0 ||
                   !serves_asset_class(source->descriptor(), p.target.asset_class)) {
          add_reason(p, name, std::string("serves no quotes for ") + asset_class_name(p.target.asset_class));
        } else {
          chosen = std::move(source);
        }
      }
      if (chosen == nullptr) {
        if (p.reasons.empty())
          p.reasons = std::string("no source is routed for ") + asset_class_name(p.target.asset_class);
        result.unquoted.push_back({std::move(p.target), std::move(p.reasons)});
      } else {
        shares[chosen].push_back(std::move(p));
      }
    }
    pending.clear();

    std::vector<std::pair<std::shared_ptr<SourceInstance>, std::future<SourceOutcome>>> running;
    for (auto& [source, share] : shares) {
      running.emplace_back(
          source, std::async(std::launch::async, ask_source, std::ref(*source), std::move(share), cancelled));
    }
    for (auto& [source, future] : running) {
      SourceOutcome outcome = future.get();
      SourceQuoteStats& stats = result.by_source[source->name()];
      stats.add(outcome.stats);
      std::move(outcome.quotes.begin(), outcome.quotes.end(), std::back_inserter(result.quotes));
      std::move(outcome.left.begin(), outcome.left.end(), std::back_inserter(pending));
    }
  }
  return result;
}

}  // namespace pricefeed::host
