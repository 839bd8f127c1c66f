// portfolio_performance_cache: for each user holding one of the assets whose prices just changed,
// the market value (quantity x latest price) and the cost basis (holding_costs) of the whole
// portfolio in [portfolio] base_currency, converted with the forex rates in latest_prices. A user
// whose portfolio cannot be converted completely (a price or a rate not fetched yet) keeps the
// previous row: a partial sum would look like a real value. Then `NOTIFY prices_updated` with the
// changed asset ids, so the portfolio application can react.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include <pqxx/connection>

namespace pricefeed::host {

struct SkippedPortfolio {
  std::string user_id;
  std::string reason;  // "no price yet for AAPL (stock)", "no GBP->JPY rate"
};

struct PortfolioValuationReport {
  std::size_t valued = 0;
  std::vector<SkippedPortfolio> skipped;
  std::size_t notifications = 0;  // NOTIFY prices_updated sent (ids are split to fit the payload limit)
};

class PortfolioValuation {
 public:
  explicit PortfolioValuation(std::string base_currency) : base_currency_(std::move(base_currency)) {}

  PortfolioValuationReport refresh(pqxx::connection& connection,
                                   const std::vector<std::int64_t>& changed_asset_ids) const;

 private:
  std::string base_currency_;
};

// The payloads of NOTIFY prices_updated for these ids: {"asset_ids":[1,2,...]}, each under
// PostgreSQL's 8000-byte payload limit.
std::vector<std::string> prices_updated_payloads(const std::vector<std::int64_t>& asset_ids);

}  // namespace pricefeed::host
