#include "host/quality/DivergenceCheck.hpp"

#include <cmath>
#include <map>

#include <pqxx/pqxx>

#include "host/assets/SourceSymbol.hpp"
#include "host/db/ArrayLiteral.hpp"
#include "host/log/Log.hpp"
#include "host/time/CalendarDate.hpp"

namespace pricefeed::host {
namespace {

using std::chrono::sys_days;

struct StoredClose {
  sys_days date{};
  double close = 0;
};

// The stored closes to compare, per asset and source.
struct AssetCloses {
  AssetIdentity asset;
  std::map<std::string, std::vector<StoredClose>> by_source;
};

std::vector<AssetCloses> stored_closes(pqxx::connection_base& connection,
                                       const std::vector<std::string>& classes, sys_days from, sys_days to) {
  pqxx::read_transaction tx(connection, "quality: closes to compare");
  std::vector<AssetCloses> out;
  for (const auto& row : tx.exec_params(
           "SELECT a.id, a.symbol, a.asset_class, a.source_ids::text, p.source,"
           "       to_char(p.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD'), p.close"
           " FROM tracked_assets t JOIN assets a ON a.id = t.asset_id"
           " JOIN asset_prices p ON p.asset_id = a.id AND p.resolution = '1d'"
           "  AND p.ts >= $2::date::timestamp AT TIME ZONE 'UTC'"
           "  AND p.ts < ($3::date + 1)::timestamp AT TIME ZONE 'UTC'"
           " WHERE a.active AND t.tracking_users > 0 AND a.asset_class = ANY($1::text[]) AND p.close > 0"
           " ORDER BY a.id, p.ts",
           text_array_literal(classes), format_iso_date(from), format_iso_date(to))) {
    const auto id = row[0].as<std::int64_t>();
    if (out.empty() || out.back().asset.id != id) {
      AssetCloses next;
      next.asset.id = id;
      next.asset.symbol = row[1].as<std::string>();
      next.asset.asset_class = require_asset_class(row[2].c_str());
      next.asset.source_ids = parse_source_ids(row[3].c_str());
      out.push_back(std::move(next));
    }
    out.back().by_source[row[4].as<std::string>()].push_back(
        {parse_iso_date(row[5].as<std::string>()), row[6].as<double>()});
  }
  return out;
}

}  // namespace

DivergenceCheck::DivergenceCheck(const QualityConfig& quality, const SourceRegistry& sources,
                                 const RoutingConfig& routing)
    : quality_(quality), routing_(routing), second_(sources, routing) {}

DivergenceReport DivergenceCheck::run(pqxx::connection_base& connection, sys_days today,
                                      const std::atomic<bool>* cancelled) const {
  DivergenceReport report;
  std::vector<std::string> classes;
  for (const auto& [asset_class, chain] : routing_.sources_by_asset_class) {
    if (chain.size() >= 2) classes.push_back(asset_class_name(asset_class));
  }
  if (classes.empty()) return report;
  const sys_days from = today - std::chrono::days(kDaysBack);
  const sys_days to = today - std::chrono::days(1);
  for (const AssetCloses& stored : stored_closes(connection, classes, from, to)) {
    bool counted = false;
    for (const auto& [source_a, closes] : stored.by_source) {
      if (cancelled != nullptr && *cancelled) return report;
      auto source_b = second_.pick(stored.asset.asset_class, source_a);
      if (!source_b) continue;
      if (!counted) ++report.assets, counted = true;
      const SourceCloses answer =
          second_.daily_closes(*source_b, stored.asset, closes.front().date, closes.back().date, cancelled);
      if (!answer.answered) {
        ++report.unanswered;
        log_warn("divergence check: second source failed", {{"asset_id", stored.asset.id},
                                                            {"symbol", stored.asset.symbol},
                                                            {"source", *source_b},
                                                            {"error", answer.error}});
      }
      pqxx::work tx(connection, "quality: divergences");
      for (const StoredClose& a : closes) {
        auto b = answer.closes.find(a.date);
        if (b == answer.closes.end()) continue;
        ++report.compared;
        const double diff = percent_apart(a.close, b->second);
        if (std::abs(diff) <= quality_.divergence_threshold_pct) continue;
        const pqxx::result inserted = tx.exec_params(
            "INSERT INTO price_divergences (asset_id, date, source_a, close_a, source_b, close_b, diff_pct)"
            " VALUES ($1, $2::date, $3, $4, $5, $6, $7)"
            " ON CONFLICT (asset_id, date, source_a, source_b) DO NOTHING RETURNING id",
            stored.asset.id, format_iso_date(a.date), source_a, a.close, *source_b, b->second, diff);
        if (inserted.empty()) continue;
        ++report.recorded;
        log_warn("sources diverge", {{"asset_id", stored.asset.id},
                                     {"symbol", stored.asset.symbol},
                                     {"date", format_iso_date(a.date)},
                                     {"source_a", source_a},
                                     {"close_a", a.close},
                                     {"source_b", *source_b},
                                     {"close_b", b->second},
                                     {"diff_pct", diff}});
      }
      tx.commit();
    }
  }
  return report;
}

}  // namespace pricefeed::host
