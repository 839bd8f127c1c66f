#include "host/daemon/PortfolioValuation.hpp"

#include <map>
#include <optional>

#include <pqxx/pqxx>

#include "host/daemon/FxRates.hpp"
#include "host/db/ArrayLiteral.hpp"
#include "host/log/Log.hpp"

namespace pricefeed::host {
namespace {

constexpr std::size_t kNotifyPayloadLimit = 7900;  // PostgreSQL refuses 8000 bytes and more

FxRates load_rates(pqxx::transaction_base& tx) {
  FxRates rates;
  for (const auto& row :
       tx.exec("SELECT a.symbol, p.price FROM latest_prices p JOIN assets a ON a.id = p.asset_id "
               "WHERE a.asset_class = 'forex'")) {
    rates.add_pair(row[0].as<std::string>(), row[1].as<double>());
  }
  return rates;
}

struct Valuation {
  double market_value = 0;
  double cost_basis = 0;
  std::optional<std::string> problem;
};

}  // namespace

std::vector<std::string> prices_updated_payloads(const std::vector<std::int64_t>& asset_ids) {
  std::vector<std::string> payloads;
  std::string current;
  for (const std::int64_t id : asset_ids) {
    const std::string item = std::to_string(id);
    if (!current.empty() && current.size() + item.size() + 3 > kNotifyPayloadLimit) {
      payloads.push_back(current + "]}");
      current.clear();
    }
    current += current.empty() ? "{\"asset_ids\":[" + item : "," + item;
  }
  if (!current.empty()) payloads.push_back(current + "]}");
  return payloads;
}

PortfolioValuationReport PortfolioValuation::refresh(
    pqxx::connection& connection, const std::vector<std::int64_t>& changed_asset_ids) const {
  PortfolioValuationReport report;
  if (changed_asset_ids.empty()) return report;
  pqxx::work tx(connection, "portfolio valuation");
  const FxRates rates = load_rates(tx);

  std::vector<std::string> users;
  for (const auto& row :
       tx.exec_params("SELECT DISTINCT user_id FROM asset_holders WHERE asset_id = ANY($1::bigint[]) "
                      "ORDER BY user_id",
                      bigint_array_literal(changed_asset_ids))) {
    users.push_back(row[0].as<std::string>());
  }
  std::map<std::string, Valuation> valuations;
  for (const std::string& user : users)
    valuations[user];

  const std::string user_list = text_array_literal(users);
  for (const auto& row : tx.exec_params("SELECT h.user_id, h.quantity::float8, p.price, COALESCE(p.currency, "
                                        "a.currency), a.symbol, a.asset_class "
                                        "FROM asset_holders h JOIN assets a ON a.id = h.asset_id LEFT JOIN "
                                        "latest_prices p ON p.asset_id = "
                                        "h.asset_id WHERE h.user_id = ANY($1::text[]) AND h.quantity > 0",
                                        user_list)) {
    Valuation& valuation = valuations[row[0].as<std::string>()];
    if (valuation.problem) continue;
    const std::string what = row[4].as<std::string>() + " (" + row[5].as<std::string>() + ")";
    if (row[2].is_null()) {
      valuation.problem = "no price yet for " + what;
      continue;
    }
    if (row[3].is_null()) {
      valuation.problem = "no currency known for " + what;
      continue;
    }
    const std::string currency = row[3].as<std::string>();
    const auto value = rates.convert(row[1].as<double>() * row[2].as<double>(), currency, base_currency_);
    if (!value) {
      valuation.problem = "no " + currency + "->" + base_currency_ + " rate for " + what;
      continue;
    }
    valuation.market_value += *value;
  }
  for (const auto& row : tx.exec_params("SELECT user_id, currency, sum(amount)::float8 FROM holding_costs "
                                        "WHERE user_id = ANY($1::text[]) GROUP BY user_id, currency",
                                        user_list)) {
    Valuation& valuation = valuations[row[0].as<std::string>()];
    if (valuation.problem) continue;
    const std::string currency = row[1].as<std::string>();
    const auto cost = rates.convert(row[2].as<double>(), currency, base_currency_);
    if (!cost) {
      valuation.problem = "no " + currency + "->" + base_currency_ + " rate for the cost basis";
      continue;
    }
    valuation.cost_basis += *cost;
  }

  for (const auto& [user, valuation] : valuations) {
    if (valuation.problem) {
      report.skipped.push_back({user, *valuation.problem});
      log_warn("portfolio not valued", {{"user_id", user}, {"reason", *valuation.problem}});
      continue;
    }
    // Rounded to 1e-8 of the base currency: doubles carry no more than that, and numeric keeps it exact.
    tx.exec_params(
        "INSERT INTO portfolio_performance_cache (user_id, base_currency, market_value, cost_basis, "
        "updated_at) "
        "VALUES ($1, $2, round($3::numeric, 8), round($4::numeric, 8), now()) ON CONFLICT (user_id) DO "
        "UPDATE SET "
        "base_currency = EXCLUDED.base_currency, market_value = EXCLUDED.market_value, cost_basis = "
        "EXCLUDED.cost_basis, updated_at = now()",
        user, base_currency_, valuation.market_value, valuation.cost_basis);
    ++report.valued;
  }
  for (const std::string& payload : prices_updated_payloads(changed_asset_ids)) {
    tx.exec_params("SELECT pg_notify('prices_updated', $1)", payload);
    ++report.notifications;
  }
  tx.commit();
  return report;
}

}  // namespace pricefeed::host
