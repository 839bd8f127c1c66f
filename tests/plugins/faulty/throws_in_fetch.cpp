// A C++ plugin whose fetch throws: the SDK's firewall must turn that into a status and a message,
// never an exception crossing into the host.
#include <pricefeed/sdk.hpp>

#include <stdexcept>

class ThrowsInFetch : public pricefeed::Source {
 public:
  static constexpr pricefeed::SourceInfo info{"throws_in_fetch",
                                              "0.0.1",
                                              "throws on purpose",
                                              PRICEFEED_CLASS_STOCK,
                                              PRICEFEED_CAP_HISTORY | PRICEFEED_CAP_QUOTES,
                                              PRICEFEED_RES_1D,
                                              10};

  ThrowsInFetch(pricefeed::Host&, const pricefeed::Config&) {}

  void fetch_history(pricefeed::Host&, const pricefeed::HistoryRequest& request,
                     pricefeed::HistorySink&) override {
    throw std::runtime_error("cannot parse the answer for " + request.symbol);
  }
  void fetch_quotes(pricefeed::Host&, const pricefeed::QuoteRequest&, pricefeed::QuoteSink&) override {
    throw pricefeed::Error::rate_limited("slow down", std::chrono::seconds(42));
  }
};

PRICEFEED_PLUGIN(ThrowsInFetch)
