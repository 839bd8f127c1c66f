#include "host/quality/AnomalyCrossCheck.hpp"

#include <cmath>

#include <pqxx/pqxx>

#include "host/log/Log.hpp"
#include "host/time/CalendarDate.hpp"

namespace pricefeed::host {
namespace {

using std::chrono::sys_days;

struct UncheckedAnomaly {
  std::int64_t id = 0;
  sys_days date{};
  sys_days previous_date{};
  double close = 0;
  std::string source;
};

std::string number_text(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", value);
  return buf;
}

std::vector<UncheckedAnomaly> unchecked(pqxx::connection_base& connection, std::int64_t asset_id, int limit) {
  pqxx::read_transaction tx(connection, "quality: unchecked anomalies");
  std::vector<UncheckedAnomaly> out;
  for (const auto& row : tx.exec_params(
           "SELECT a.id, to_char(a.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD'),"
           "       to_char(COALESCE((SELECT max(p.ts) FROM asset_prices p WHERE p.asset_id = a.asset_id"
           "                          AND p.resolution = '1d' AND p.ts < a.ts), a.ts) AT TIME ZONE 'UTC',"
           "               'YYYY-MM-DD'),"
           "       a.close, COALESCE(a.source, '')"
           " FROM price_anomalies a"
           " WHERE a.asset_id = $1 AND a.resolution = '1d' AND a.status = 'open' AND a.checked_at IS NULL"
           "   AND a.close IS NOT NULL"
           " ORDER BY a.ts LIMIT $2",
           asset_id, limit)) {
    UncheckedAnomaly a;
    a.id = row[0].as<std::int64_t>();
    a.date = parse_iso_date(row[1].as<std::string>());
    a.previous_date = parse_iso_date(row[2].as<std::string>());
    a.close = row[3].as<double>();
    a.source = row[4].as<std::string>();
    out.push_back(std::move(a));
  }
  return out;
}

void record(pqxx::connection_base& connection, const AnomalyVerdict& v,
            std::optional<double> checked_previous_close) {
  pqxx::work tx(connection, "quality: anomaly verdict");
  tx.exec_params(
      "UPDATE price_anomalies SET verdict = $2, checked_source = NULLIF($3, ''), checked_close = $4,"
      " checked_previous_close = $5, checked_at = now(), note = $6,"
      " status = CASE WHEN $2 = 'agrees' THEN 'confirmed' ELSE status END"
      " WHERE id = $1 AND checked_at IS NULL",
      v.anomaly_id, v.verdict, v.checked_source, v.checked_close, checked_previous_close, v.note);
  tx.commit();
}

}  // namespace

AnomalyCrossCheck::AnomalyCrossCheck(const SecondSource& second, double tolerance_pct)
    : second_(second), tolerance_pct_(tolerance_pct) {}

std::vector<AnomalyVerdict> AnomalyCrossCheck::check(pqxx::connection_base& connection,
                                                     const AssetIdentity& asset,
                                                     const std::atomic<bool>* cancelled, int limit) const {
  std::vector<AnomalyVerdict> verdicts;
  for (const UncheckedAnomaly& a : unchecked(connection, asset.id, limit)) {
    if (cancelled != nullptr && *cancelled) break;
    AnomalyVerdict v;
    v.anomaly_id = a.id;
    std::optional<double> checked_previous;
    const std::string day = format_iso_date(a.date);
    if (auto source = second_.pick(asset.asset_class, a.source)) {
      v.checked_source = *source;
      const SourceCloses answer = second_.daily_closes(*source, asset, a.previous_date, a.date, cancelled);
      if (cancelled != nullptr && *cancelled) break;
      if (auto prev = answer.closes.find(a.previous_date); prev != answer.closes.end())
        checked_previous = prev->second;
      if (auto close = answer.closes.find(a.date); close != answer.closes.end()) {
        v.checked_close = close->second;
        const double apart = percent_apart(a.close, close->second);
        v.verdict = std::abs(apart) <= tolerance_pct_ ? "agrees" : "disagrees";
        v.note = v.verdict == "agrees"
                     ? "confirmed by " + *source + ": close " + number_text(close->second) + " on " + day
                     : *source + " disagrees: close " + number_text(close->second) + " on " + day +
                           " against " + number_text(a.close) + " stored (" + number_text(apart) + "%)";
      } else {
        v.verdict = "unavailable";
        v.note = answer.answered ? *source + " has no close for " + day
                                 : *source + " could not be asked: " + answer.error;
      }
    } else {
      v.verdict = "unavailable";
      v.note = std::string("no second source in the routing of ") + asset_class_name(asset.asset_class) +
               " to check with";
    }
    record(connection, v, checked_previous);
    log_info("anomaly cross-checked", {{"anomaly_id", v.anomaly_id},
                                       {"asset_id", asset.id},
                                       {"symbol", asset.symbol},
                                       {"date", day},
                                       {"verdict", v.verdict},
                                       {"source", v.checked_source}});
    verdicts.push_back(std::move(v));
  }
  return verdicts;
}

}  // namespace pricefeed::host
