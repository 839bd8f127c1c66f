// The csv source: daily history, quotes and a catalog read from CSV files in a directory, for prices
// that no API serves (an unlisted fund, a house, a pension fund's unit price). See ../README.md.
//
// Thread safety: the instance holds only its configuration, fixed at construction, and every call
// reads the files afresh into its own locals, so one instance may serve several threads at once.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <pricefeed/sdk.hpp>

#include "CsvFiles.hpp"

namespace csv_source {
namespace {

using namespace pricefeed;

constexpr std::uint32_t kAllClasses = PRICEFEED_CLASS_STOCK | PRICEFEED_CLASS_CRYPTO |
                                      PRICEFEED_CLASS_COMMODITY | PRICEFEED_CLASS_FOREX |
                                      PRICEFEED_CLASS_BOND;

// A symbol names a file, so only these reach the filesystem: [A-Za-z0-9._=^-]{1,32}, which has no '/';
// a leading '.' (hidden files) and "catalog" (the catalog's own file) are refused as well.
bool valid_symbol(std::string_view symbol) {
  if (symbol.empty() || symbol.size() > 32 || symbol.front() == '.' || symbol == "catalog") return false;
  return std::all_of(symbol.begin(), symbol.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
           std::string_view("._=^-").find(c) != std::string_view::npos;
  });
}

std::uint32_t parse_classes(const Config& config) {
  if (!config.has("asset_classes")) return kAllClasses;
  std::uint32_t mask = 0;
  for (const std::string& name : config.strings("asset_classes")) {
    std::optional<AssetClass> c = parse_asset_class(name);
    if (!c) {
      throw Error::invalid_config("asset_classes: \"" + name +
                                  "\" is not stock, crypto, commodity, forex or bond");
    }
    mask |= static_cast<std::uint32_t>(*c);
  }
  if (mask == 0) throw Error::invalid_config("asset_classes: name at least one class");
  return mask;
}

}  // namespace

class CsvSource final : public Source {
 public:
  static constexpr SourceInfo info{CSV_SOURCE_NAME,
                                   "1.0.0",
                                   "Daily prices from CSV files in a directory",
                                   kAllClasses,
                                   PRICEFEED_CAP_HISTORY | PRICEFEED_CAP_QUOTES | PRICEFEED_CAP_CATALOG,
                                   PRICEFEED_RES_1D,
                                   /*max_quote_batch=*/100,
                                   /*max_history_span_seconds=*/0,
                                   /*thread_safe=*/true};

  CsvSource(Host& /*host*/, const Config& config)
      : dir_(config.required_string("dir")),
        classes_(parse_classes(config)),
        currency_(config.string("currency", "USD")) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir_, ec))
      throw Error::invalid_config("dir: \"" + dir_.string() + "\" is not a directory");
    if (currency_.empty()) throw Error::invalid_config("currency: must not be empty");
  }

  void fetch_history(Host& /*host*/, const HistoryRequest& request, HistorySink& sink) override {
    // Other resolutions never get here: the SDK refuses what the descriptor does not declare.
    if (!serves(static_cast<std::uint32_t>(request.asset_class)))
      throw Error::not_found(std::string("this csv source serves no ") +
                             asset_class_name(request.asset_class));
    for (const Bar& bar : read_price_file(file_for(request.id()))) {
      if (bar.ts >= request.end) break;  // sorted by date
      if (bar.ts >= request.start && !sink.push(bar)) return;
    }
  }

  // The latest row of each file. A symbol with no file is left out (the host sees which came back);
  // a malformed file is logged and left out, so it cannot hide the others' prices, unless no quote at
  // all could be served: then its error is the call's.
  void fetch_quotes(Host& host, const QuoteRequest& request, QuoteSink& sink) override {
    if (!serves(static_cast<std::uint32_t>(request.asset_class))) return;
    const auto catalog = read_catalog(dir_ / "catalog.csv");
    std::optional<Error> first_error;
    bool served = false;
    for (std::size_t i = 0; i < request.symbols.size(); ++i) {
      try {
        const std::vector<Bar> bars = read_price_file(file_for(request.id(i)));
        if (bars.empty()) continue;
        const Bar& last = bars.back();
        Quote quote;
        quote.symbol = request.symbols[i];
        quote.price = last.close;
        quote.currency = currency_for(catalog, request.id(i));
        quote.ts = last.ts;
        quote.open = last.open;
        quote.high = last.high;
        quote.low = last.low;
        quote.volume = last.volume;
        quote.previous_close = bars.size() > 1 ? bars[bars.size() - 2].close : kAbsent;
        served = true;
        if (!sink.push(std::move(quote))) return;
      } catch (const Error& e) {
        if (e.status() == Status::not_found) continue;
        host.log(LogLevel::warn, e.what(), {{"symbol", request.symbols[i]}});
        if (!first_error) first_error = e;
      }
    }
    if (!served && first_error) throw *first_error;
  }

  // One asset per <SYMBOL>.csv, named by catalog.csv when it lists the symbol.
  void list_assets(Host& host, std::uint32_t asset_classes, AssetSink& sink) override {
    const auto catalog = read_catalog(dir_ / "catalog.csv");
    std::vector<std::string> symbols;
    std::error_code ec;
    for (std::filesystem::directory_iterator it(dir_, ec), end; !ec && it != end; it.increment(ec)) {
      const std::filesystem::path& path = it->path();
      std::error_code type_ec;
      if (path.extension() != ".csv" || path.filename() == "catalog.csv" || !it->is_regular_file(type_ec))
        continue;
      if (valid_symbol(path.stem().string()))
        symbols.push_back(path.stem().string());
      else
        host.log(LogLevel::warn, "csv: skipped a file whose name is not a valid symbol",
                 {{"file", path.string()}});
    }
    if (ec) throw Error::transient("csv: cannot list \"" + dir_.string() + "\": " + ec.message());
    std::sort(symbols.begin(), symbols.end());
    for (const std::string& symbol : symbols) {
      auto found = catalog.find(symbol);
      const CatalogEntry* entry = found == catalog.end() ? nullptr : &found->second;
      Asset asset;
      asset.symbol = asset.source_id = symbol;
      asset.name = entry && !entry->name.empty() ? entry->name : symbol;
      asset.asset_class = entry && entry->asset_class ? *entry->asset_class : default_class();
      asset.currency = currency_for(catalog, symbol);
      if (serves(static_cast<std::uint32_t>(asset.asset_class) & asset_classes) &&
          !sink.push(std::move(asset)))
        return;
    }
  }

 private:
  bool serves(std::uint32_t classes) const { return (classes & classes_) != 0; }

  // The class of a file that catalog.csv does not classify: the first configured one, in the order
  // stock, crypto, commodity, forex, bond (the lowest bit of the mask).
  AssetClass default_class() const { return static_cast<AssetClass>(classes_ & (~classes_ + 1)); }

  std::string currency_for(const std::map<std::string, CatalogEntry>& catalog,
                           const std::string& symbol) const {
    auto found = catalog.find(symbol);
    return found != catalog.end() && !found->second.currency.empty() ? found->second.currency : currency_;
  }

  std::filesystem::path file_for(const std::string& symbol) const {
    if (!valid_symbol(symbol)) {
      std::string shown;  // the message shows printable ASCII only, and at most 40 characters
      for (char c : symbol.substr(0, 40))
        shown += (c >= ' ' && c <= '~') ? c : '?';
      throw Error::not_found("csv: \"" + shown +
                             "\" is not a valid symbol here (1-32 of A-Z a-z 0-9 . _ = ^ -, no leading '.')");
    }
    return dir_ / (symbol + ".csv");
  }

  const std::filesystem::path dir_;
  const std::uint32_t classes_;
  const std::string currency_;
};

}  // namespace csv_source

PRICEFEED_PLUGIN(csv_source::CsvSource)
