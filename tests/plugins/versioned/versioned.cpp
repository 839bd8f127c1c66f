// versioned: a test plugin built twice from this one file, as generation 1 (version "1.0.0") and
// generation 2 ("2.0.0"), so that a test replacing one build with the other while serve runs can tell
// which build did what (tests/e2e/ReloadEndToEndTest.cpp):
//   - the upstream sees it: each history call sends one GET <base_url>/v8/finance/chart/<symbol>
//     (the sandbox's Yahoo chart route, whose faults can hold the answer) with the User-Agent
//     "pricefeed-versioned/<version>", which the sandbox's request log records;
//   - the database sees it: every bar it gives closes at its generation (1 or 2), written only after
//     the upstream answered, so a call's bars say which code finished that call.
// The bars are made up (one each weekday of the range): this plugin proves which build ran, not what
// prices are.
#include <pricefeed/sdk.hpp>

#include <string>

#ifndef PRICEFEED_VERSIONED_GENERATION
#error "build with PRICEFEED_VERSIONED_GENERATION=1 or 2"
#endif

#define PRICEFEED_VERSIONED_TEXT(x) #x
#define PRICEFEED_VERSIONED_VERSION(x) PRICEFEED_VERSIONED_TEXT(x) ".0.0"

namespace {

constexpr std::int64_t kDay = 86400;
constexpr double kGeneration = PRICEFEED_VERSIONED_GENERATION;

class VersionedSource : public pricefeed::Source {
 public:
  static constexpr pricefeed::SourceInfo info{"versioned",
                                              PRICEFEED_VERSIONED_VERSION(PRICEFEED_VERSIONED_GENERATION),
                                              "a test plugin that tells which of its builds ran",
                                              PRICEFEED_CLASS_STOCK,
                                              PRICEFEED_CAP_HISTORY,
                                              PRICEFEED_RES_1D};

  VersionedSource(pricefeed::Host&, const pricefeed::Config& config)
      : base_url_(config.required_string("base_url")) {}

  void fetch_history(pricefeed::Host& host, const pricefeed::HistoryRequest& request,
                     pricefeed::HistorySink& sink) override {
    pricefeed::HttpRequest get;
    get.url = base_url_ + "/v8/finance/chart/" + request.id() + "?period1=" + std::to_string(request.start) +
              "&period2=" + std::to_string(request.end) + "&interval=1d";
    get.headers = {{"User-Agent", std::string("pricefeed-versioned/") + info.version}};
    const pricefeed::HttpResponse answer = host.http(get);
    if (answer.status != 200)
      throw pricefeed::Error::transient("chart of " + request.symbol + " answered " +
                                        std::to_string(answer.status));
    for (std::int64_t ts = request.start - request.start % kDay; ts < request.end; ts += kDay) {
      const std::int64_t weekday = (ts / kDay + 4) % 7;  // 1970-01-01 was a Thursday: 0 is Sunday
      if (weekday == 0 || weekday == 6) continue;
      pricefeed::Bar bar;
      bar.ts = ts;
      bar.open = bar.high = bar.low = bar.close = kGeneration;
      bar.volume = 1000;
      if (!sink.push(bar)) return;
    }
    sink.flush();
  }

 private:
  std::string base_url_;
};

}  // namespace

PRICEFEED_PLUGIN(VersionedSource)
