#pragma once

// Consumers that keep everything a plugin's call hands over, for tests to look at afterwards. They
// hold no lock of their own: the sink adapters hand them one batch at a time, even from a plugin's
// threads.

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "host/plugins/SourceRecords.hpp"

namespace pricefeed::host::testing {

struct CollectHistory : HistoryConsumer {
  std::vector<Bar> bars;
  std::vector<Action> actions;
  std::vector<std::pair<std::int64_t, std::string>> unavailable;  // start, reason
  bool on_bars(std::span<const Bar> batch) override {
    bars.insert(bars.end(), batch.begin(), batch.end());
    return true;
  }
  bool on_action(const Action& action) override {
    actions.push_back(action);
    return true;
  }
  bool on_unavailable(std::int64_t start, std::int64_t /*end*/, const std::string& reason) override {
    unavailable.emplace_back(start, reason);
    return true;
  }
};

struct CollectQuotes : QuoteConsumer {
  std::vector<Quote> quotes;
  bool on_quotes(std::span<const Quote> batch) override {
    quotes.insert(quotes.end(), batch.begin(), batch.end());
    return true;
  }
};

}  // namespace pricefeed::host::testing
