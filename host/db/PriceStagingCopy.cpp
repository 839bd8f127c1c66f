#include "host/db/PriceStagingCopy.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <optional>
#include <tuple>

#include <pqxx/stream_to>

#include "host/time/UtcTimestamp.hpp"

namespace pricefeed {
namespace host {
namespace {

// COPY fields formatted by hand: std::to_chars gives the shortest text that reads back as the very
// same double (libpqxx 6's own conversion goes through a stringstream with 17 digits, several
// times slower and longer on the wire).
struct CopyPrice {
  double value;
};
struct CopyTimestamp {
  std::int64_t unix_seconds;
};

const std::array<std::string, 7> kStagingColumns = {"ts",    "open",      "high",  "low",
                                                    "close", "adj_close", "volume"};

}  // namespace
}  // namespace host
}  // namespace pricefeed

namespace pqxx {

template <>
struct string_traits<pricefeed::host::CopyPrice> {
  static constexpr const char* name() noexcept { return "CopyPrice"; }
  static constexpr bool has_null() noexcept { return true; }
  static bool is_null(const pricefeed::host::CopyPrice& price) { return std::isnan(price.value); }
  static pricefeed::host::CopyPrice null() { return {std::nan("")}; }
  static std::string to_string(const pricefeed::host::CopyPrice& price) {
    std::array<char, 32> text;
    const auto result = std::to_chars(text.data(), text.data() + text.size(), price.value);
    return std::string(text.data(), result.ptr);
  }
};

template <>
struct string_traits<pricefeed::host::CopyTimestamp> {
  static constexpr const char* name() noexcept { return "CopyTimestamp"; }
  static constexpr bool has_null() noexcept { return false; }
  static bool is_null(const pricefeed::host::CopyTimestamp&) { return false; }
  static std::string to_string(const pricefeed::host::CopyTimestamp& ts) {
    return pricefeed::host::format_copy_timestamp(ts.unix_seconds);
  }
};

}  // namespace pqxx

namespace pricefeed::host {

void ensure_price_staging_table(pqxx::transaction_base& tx) {
  // A DO block keeps "create unless it exists" to one round trip and, unlike CREATE TEMP TABLE IF
  // NOT EXISTS, sends no NOTICE on every batch.
  tx.exec(R"sql(
DO $$
BEGIN
  IF to_regclass('pg_temp.pricefeed_price_staging') IS NULL THEN
    CREATE TEMP TABLE pricefeed_price_staging (
      ts        timestamptz NOT NULL,
      open      double precision,
      high      double precision,
      low       double precision,
      close     double precision NOT NULL,
      adj_close double precision,
      volume    double precision
    ) ON COMMIT DELETE ROWS;
  END IF;
END
$$)sql");
}

void copy_bars_to_staging(pqxx::transaction_base& tx, std::span<const Bar> bars) {
  pqxx::stream_to stream(tx, std::string(kPriceStagingTable), kStagingColumns);
  for (const Bar& bar : bars) {
    stream << std::make_tuple(CopyTimestamp{bar.ts}, CopyPrice{bar.open}, CopyPrice{bar.high},
                              CopyPrice{bar.low}, CopyPrice{bar.close}, CopyPrice{bar.adj_close},
                              CopyPrice{bar.volume});
  }
  stream.complete();
}

void copy_bars_to_asset_prices(pqxx::transaction_base& tx, std::int64_t asset_id, Resolution resolution,
                               std::string_view source, std::span<const Bar> bars) {
  static const std::array<std::string, 10> columns = {
      "asset_id", "resolution", "ts", "open", "high", "low", "close", "adj_close", "volume", "source"};
  const std::string resolution_text = resolution_name(resolution);
  const std::string source_text(source);
  pqxx::stream_to stream(tx, "asset_prices", columns);
  for (const Bar& bar : bars) {
    stream << std::make_tuple(asset_id, resolution_text, CopyTimestamp{bar.ts}, CopyPrice{bar.open},
                              CopyPrice{bar.high}, CopyPrice{bar.low}, CopyPrice{bar.close},
                              CopyPrice{bar.adj_close}, CopyPrice{bar.volume}, source_text);
  }
  stream.complete();
}

}  // namespace pricefeed::host
