// binance_frame_bench: the cost of one Binance stream frame, the plugin's part of issue 19's CPU goal
// (the host under 10% of one core while 1,000 symbols stream 10 updates a second each: 10,000 frames
// a second). Over the same frames, in the same process:
//
//   memchr     the baseline: one memchr pass over the frame for its closing brace, the least any
//              reader must do
//   scanner    parse_binance_stream_frame, the plugin's strict scanner
//   nlohmann   nlohmann::json::parse of the frame into a tree, as the REST parsers read answers
//   plugin     the whole call as the host makes it: SourceInstance::stream_frame into binance.so,
//              the frame scanned, a quote built, handed through the C sink and copied by the host
//
//   binance_frame_bench [--frames N] [--rounds R]
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <exception>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "binance/BinanceStreamFrame.hpp"
#include "host/plugins/HostServices.hpp"
#include "host/plugins/PluginLibrary.hpp"
#include "host/plugins/SourceInstance.hpp"
#include "tests/bench/BenchOptions.hpp"

namespace {

constexpr int kSymbols = 1000;
constexpr double kFramesPerSecondGoal = 10'000;  // 1,000 symbols x 10 updates a second

// Mini ticker frames in Binance's combined-stream format (tests/fixtures/binance/stream), for
// kSymbols made-up pairs with moving prices.
std::vector<std::string> frames(int count) {
  std::vector<std::string> out;
  out.reserve(static_cast<std::size_t>(count));
  char text[512];
  for (int i = 0; i < count; ++i) {
    const int symbol = i % kSymbols;
    const double close = 100.0 + symbol + (i % 97) * 0.01;
    std::snprintf(
        text, sizeof text,
        R"({"stream":"c%04dusdt@miniTicker","data":{"e":"24hrMiniTicker","E":%lld,"s":"C%04dUSDT",)"
        R"("c":"%.8f","o":"%.8f","h":"%.8f","l":"%.8f","v":"64483.09756200","q":"685180788.34970800"}})",
        symbol, static_cast<long long>(1'780'000'000'000 + i), symbol, close, close - 1, close + 2,
        close - 3);
    out.emplace_back(text);
  }
  return out;
}

template <class Read>
double ns_per_frame(const std::vector<std::string>& texts, std::int64_t& checksum, Read read) {
  const auto start = std::chrono::steady_clock::now();
  for (const std::string& text : texts)
    checksum += read(text);
  const std::chrono::duration<double, std::nano> elapsed = std::chrono::steady_clock::now() - start;
  return elapsed.count() / static_cast<double>(texts.size());
}

struct CountQuotes : pricefeed::host::StreamFrameConsumer {
  std::int64_t quotes = 0;
  bool on_quotes(std::span<const pricefeed::Quote> batch) override {
    quotes += static_cast<std::int64_t>(batch.size());
    return true;
  }
  void on_resubscribe(const std::string& /*reason*/) override {}
};

}  // namespace

int main(int argc, char** argv) try {
  namespace bench = pricefeed::bench;
  namespace host = pricefeed::host;
  int frame_count = 200'000, rounds = 5;
  bench::parse_positive_int_flags(argc, argv, {{"--frames", &frame_count}, {"--rounds", &rounds}});

  const std::vector<std::string> texts = frames(frame_count);
  auto context = std::make_unique<host::SourceContext>();
  context->name = "binance";
  const auto source = host::SourceInstance::create(
      host::PluginLibrary::load(BINANCE_PLUGIN_PATH, host::host_services()), std::move(context),
      R"({"plugin":"binance","base_url":"http://binance.test"})");
  CountQuotes consumer;

  const char* const readers[] = {"memchr", "scanner", "nlohmann", "plugin"};
  std::map<std::string, std::vector<double>> figures;  // reader -> ns per frame of each round
  std::int64_t checksum = 0;
  std::printf("binance frames: %d mini ticker frames of %d pairs, %d rounds\n", frame_count, kSymbols,
              rounds);
  std::printf("%-6s %10s %10s %10s %10s\n", "round", "memchr", "scanner", "nlohmann", "plugin");
  for (int round = 1; round <= rounds; ++round) {
    const double memchr_ns = ns_per_frame(texts, checksum, [](const std::string& text) {
      const void* end = std::memchr(text.data(), '}', text.size());
      return static_cast<std::int64_t>(static_cast<const char*>(end) - text.data());
    });
    const double scanner_ns = ns_per_frame(texts, checksum, [](const std::string& text) {
      return pricefeed::binance::parse_binance_stream_frame(text).event_ms;
    });
    const double nlohmann_ns = ns_per_frame(texts, checksum, [](const std::string& text) {
      return nlohmann::json::parse(text)["data"]["E"].get<std::int64_t>();
    });
    const double plugin_ns = ns_per_frame(texts, checksum, [&](const std::string& text) {
      const host::SourceCallResult result = source->stream_frame(text, consumer);
      if (!result.ok()) throw std::runtime_error("binance refused a frame: " + result.message);
      return std::int64_t{1};
    });
    const double row[] = {memchr_ns, scanner_ns, nlohmann_ns, plugin_ns};
    for (int i = 0; i < 4; ++i)
      figures[readers[i]].push_back(row[i]);
    std::printf("%-6d %10.1f %10.1f %10.1f %10.1f\n", round, memchr_ns, scanner_ns, nlohmann_ns, plugin_ns);
  }
  std::printf("%-6s", "median");
  for (const char* reader : readers)
    std::printf(" %10.1f", bench::median(figures[reader]));
  std::printf("   ns per frame\n");
  const double memchr_ns = bench::median(figures["memchr"]);
  for (int i = 1; i < 4; ++i) {
    const double ns = bench::median(figures[readers[i]]);
    std::printf("%-9s %7.1fx memchr, %6.2f%% of one core at %.0f frames/s\n", readers[i], ns / memchr_ns,
                ns * kFramesPerSecondGoal / 1e7, kFramesPerSecondGoal);
  }
  if (consumer.quotes != static_cast<std::int64_t>(texts.size()) * rounds) {
    throw std::runtime_error("the plugin handed over " + std::to_string(consumer.quotes) + " quotes for " +
                             std::to_string(texts.size() * static_cast<std::size_t>(rounds)) + " frames");
  }
  std::printf("(checksum %lld)\n", static_cast<long long>(checksum));
  return 0;
} catch (const std::exception& error) {
  std::fprintf(stderr, "binance_frame_bench: %s\n", error.what());
  return 1;
}
