// What sources are asked and answer, as the host keeps it. The records are the SDK's own C++ types
// (sdk/include/pricefeed/records.hpp: plain values owning their strings), so host and plugin authors
// read one definition; only the consumers below are the host's.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "pricefeed/records.hpp"

namespace pricefeed::host {

using pricefeed::Action;
using pricefeed::Asset;
using pricefeed::AssetClass;
using pricefeed::Bar;
using pricefeed::HistoryRequest;
using pricefeed::kAbsent;
using pricefeed::Quote;
using pricefeed::QuoteRequest;
using pricefeed::Resolution;
using pricefeed::StreamRequest;

// Receivers of streamed results. Returning false asks the plugin to stop.
class HistoryConsumer {
 public:
  virtual ~HistoryConsumer() = default;
  virtual bool on_bars(std::span<const Bar> bars) = 0;
  virtual bool on_action(const Action& /*action*/) { return true; }
  virtual bool on_unavailable(std::int64_t /*start*/, std::int64_t /*end*/, const std::string& /*reason*/) {
    return true;
  }
};

class QuoteConsumer {
 public:
  virtual ~QuoteConsumer() = default;
  virtual bool on_quotes(std::span<const Quote> quotes) = 0;
};

// What a stream_subscribe() call handed back: the URL of a new connection (OPEN) and the messages to
// send on it, in order.
struct StreamControlOutput {
  std::string url;
  std::vector<std::string> messages;
  // How frames name each requested symbol: frame_names[i] for request.symbols[i]; empty entries when
  // the plugin named none (the host then expects the source id, else the symbol).
  std::vector<std::string> frame_names;
};

// Receives what one stream frame came to: its quotes (false, as for a fetch, asks the plugin to stop
// reading the frame), or a request to resubscribe.
class StreamFrameConsumer : public QuoteConsumer {
 public:
  virtual void on_resubscribe(const std::string& reason) = 0;
};

class CatalogConsumer {
 public:
  virtual ~CatalogConsumer() = default;
  virtual bool on_assets(std::span<const Asset> assets) = 0;
};

}  // namespace pricefeed::host
