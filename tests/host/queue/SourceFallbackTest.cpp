// Walking the routing chain and naming every source's reason, without a database.
#include <gtest/gtest.h>

#include "host/queue/JobStatus.hpp"
#include "host/queue/SourceFallback.hpp"

namespace pricefeed::host {
namespace {

ClaimedJob crypto_job() {
  ClaimedJob job;
  job.symbol = "BTC";
  job.asset_class = AssetClass::crypto;
  return job;
}

TEST(SourceFallback, StartsAtTheFirstRoutedSource) {
  EXPECT_EQ(next_source(crypto_job(), {"binance", "coingecko"}), "binance");
}

TEST(SourceFallback, SkipsExhaustedSourcesWhereverTheyAreInTheChain) {
  ClaimedJob job = crypto_job();
  job.exhausted_sources = {{"coingecko", "not_found"}};
  EXPECT_EQ(next_source(job, {"binance", "coingecko"}), "binance");
  job.exhausted_sources.push_back({"binance", "permanent"});
  EXPECT_EQ(next_source(job, {"binance", "coingecko"}), std::nullopt);
  EXPECT_EQ(next_source(job, {"binance", "coingecko", "kraken"}), "kraken")
      << "a source added to the routing";
}

TEST(SourceFallback, NoRoutedSourceMeansNothingToTry) {
  EXPECT_EQ(next_source(crypto_job(), {}), std::nullopt);
}

TEST(SourceFallback, DescribesEverySourceInTheOrderTried) {
  ClaimedJob job = crypto_job();
  job.exhausted_sources = {{"binance", "not_found: Invalid symbol"}, {"coingecko", "permanent: HTTP 400"}};
  EXPECT_EQ(describe_exhausted_sources(job),
            "no source could serve BTC (crypto): binance: not_found: Invalid symbol; coingecko: permanent: "
            "HTTP 400");
}

TEST(SourceFallback, DescribesAClassWithoutSources) {
  EXPECT_EQ(describe_exhausted_sources(crypto_job()),
            "no source could serve BTC (crypto): no source is routed for this class");
}

TEST(ClaimedJob, SymbolForASourceComesFromSourceIdsOrIsTheSymbol) {
  ClaimedJob job = crypto_job();
  job.source_ids = {{"coingecko", "bitcoin"}, {"odd", 42}, {"empty", ""}};
  EXPECT_EQ(job.symbol_for("coingecko"), "bitcoin");
  EXPECT_EQ(job.symbol_for("binance"), "BTC");
  EXPECT_EQ(job.symbol_for("odd"), "BTC");
  EXPECT_EQ(job.symbol_for("empty"), "BTC");
}

TEST(JobStatus, RoundTripsTheSchemaText) {
  for (const JobStatus status : kJobStatuses)
    EXPECT_EQ(parse_job_status(to_string(status)), status);
  EXPECT_EQ(to_string(JobStatus::rate_limited), "rate_limited");
  EXPECT_THROW(parse_job_status("done"), std::invalid_argument);
}

}  // namespace
}  // namespace pricefeed::host
