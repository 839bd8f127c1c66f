#include "host/cli/QualityCommand.hpp"

#include <iostream>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "host/cli/SourceRuntime.hpp"
#include "host/cli/TextTable.hpp"
#include "host/db/Database.hpp"
#include "host/quality/DivergenceCheck.hpp"
#include "host/time/Today.hpp"

namespace pricefeed::host {
namespace {

using nlohmann::json;

// A number as people read it: up to 6 significant digits.
std::string number_text(const pqxx::field& field) {
  if (field.is_null()) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", field.as<double>());
  return buf;
}

std::string text(const pqxx::field& field) {
  return field.is_null() ? "-" : field.as<std::string>();
}

json value(const pqxx::field& field, bool number = false) {
  if (field.is_null()) return nullptr;
  if (number) return field.as<double>();
  return field.as<std::string>();
}

// Each section is one query; `$1` is the symbol filter (NULL: every asset).
constexpr const char* kAnomalies =
    "SELECT n.id, a.symbol, a.asset_class, to_char(n.ts AT TIME ZONE 'UTC', 'YYYY-MM-DD'), n.previous_close,"
    "       n.close, n.change_pct, n.source, n.status, n.verdict, n.checked_source, n.checked_close, n.note,"
    "       to_char(n.detected_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    " FROM price_anomalies n JOIN assets a ON a.id = n.asset_id"
    " WHERE n.status = 'open' AND ($1::text IS NULL OR upper(a.symbol) = upper($1))"
    " ORDER BY a.symbol, n.ts";
constexpr const char* kGaps =
    "SELECT g.id, a.symbol, a.asset_class, g.resolution, to_char(g.start_date, 'YYYY-MM-DD'),"
    "       to_char(g.end_date, 'YYYY-MM-DD'), g.status, g.reason, g.backfill_job_id"
    " FROM price_gaps g JOIN assets a ON a.id = g.asset_id"
    " WHERE g.status IN ('open', 'queued', 'unfillable') AND ($1::text IS NULL OR upper(a.symbol) = "
    "upper($1))"
    " ORDER BY a.symbol, g.start_date";
constexpr const char* kDivergences =
    "SELECT d.id, a.symbol, a.asset_class, to_char(d.date, 'YYYY-MM-DD'), d.source_a, d.close_a, d.source_b,"
    "       d.close_b, d.diff_pct"
    " FROM price_divergences d JOIN assets a ON a.id = d.asset_id"
    " WHERE d.status = 'open' AND ($1::text IS NULL OR upper(a.symbol) = upper($1))"
    " ORDER BY a.symbol, d.date";

// Every section's query starts with the finding's id and its asset: symbol and class.
json finding_json(const pqxx::row& r) {
  return {{"id", r[0].as<std::int64_t>()},
          {"symbol", r[1].as<std::string>()},
          {"asset_class", r[2].as<std::string>()}};
}

json anomalies_json(const pqxx::result& rows) {
  json out = json::array();
  for (const auto& r : rows) {
    json finding = finding_json(r);
    finding.update({{"date", r[3].as<std::string>()},
                    {"previous_close", value(r[4], true)},
                    {"close", value(r[5], true)},
                    {"change_pct", value(r[6], true)},
                    {"source", value(r[7])},
                    {"status", r[8].as<std::string>()},
                    {"verdict", value(r[9])},
                    {"checked_source", value(r[10])},
                    {"checked_close", value(r[11], true)},
                    {"note", value(r[12])},
                    {"detected_at", r[13].as<std::string>()}});
    out.push_back(std::move(finding));
  }
  return out;
}

json gaps_json(const pqxx::result& rows) {
  json out = json::array();
  for (const auto& r : rows) {
    json finding = finding_json(r);
    finding.update({{"resolution", r[3].as<std::string>()},
                    {"start_date", r[4].as<std::string>()},
                    {"end_date", r[5].as<std::string>()},
                    {"status", r[6].as<std::string>()},
                    {"reason", value(r[7])},
                    {"backfill_job_id", r[8].is_null() ? json(nullptr) : json(r[8].as<std::int64_t>())}});
    out.push_back(std::move(finding));
  }
  return out;
}

json divergences_json(const pqxx::result& rows) {
  json out = json::array();
  for (const auto& r : rows) {
    json finding = finding_json(r);
    finding.update({{"date", r[3].as<std::string>()},
                    {"source_a", r[4].as<std::string>()},
                    {"close_a", r[5].as<double>()},
                    {"source_b", r[6].as<std::string>()},
                    {"close_b", r[7].as<double>()},
                    {"diff_pct", r[8].as<double>()}});
    out.push_back(std::move(finding));
  }
  return out;
}

void print_anomalies(const pqxx::result& rows) {
  std::cout << "Open anomalies (" << rows.size() << ")\n";
  if (rows.empty()) return;
  TextTable table({"ID", "ASSET", "DATE", "PREV", "CLOSE", "MOVE%", "SOURCE", "CHECK", "NOTE"});
  for (const auto& r : rows) {
    std::string check = text(r[9]);
    if (!r[10].is_null()) check += " (" + r[10].as<std::string>() + ")";
    table.add({r[0].as<std::string>(), r[1].as<std::string>() + " " + r[2].as<std::string>(),
               r[3].as<std::string>(), number_text(r[4]), number_text(r[5]), number_text(r[6]), text(r[7]),
               r[9].is_null() ? "not yet" : check, r[12].is_null() ? "" : r[12].as<std::string>()});
  }
  table.print(std::cout);
}

void print_gaps(const pqxx::result& rows) {
  std::cout << "Unresolved gaps (" << rows.size() << ")\n";
  if (rows.empty()) return;
  TextTable table({"ID", "ASSET", "RES", "RANGE", "STATUS", "JOB", "REASON"});
  for (const auto& r : rows) {
    table.add({r[0].as<std::string>(), r[1].as<std::string>() + " " + r[2].as<std::string>(),
               r[3].as<std::string>(), r[4].as<std::string>() + ".." + r[5].as<std::string>(),
               r[6].as<std::string>(), text(r[8]), r[7].is_null() ? "" : r[7].as<std::string>()});
  }
  table.print(std::cout);
}

void print_divergences(const pqxx::result& rows) {
  std::cout << "Open divergences (" << rows.size() << ")\n";
  if (rows.empty()) return;
  TextTable table({"ID", "ASSET", "DATE", "SOURCE A", "CLOSE A", "SOURCE B", "CLOSE B", "DIFF%"});
  for (const auto& r : rows) {
    table.add({r[0].as<std::string>(), r[1].as<std::string>() + " " + r[2].as<std::string>(),
               r[3].as<std::string>(), r[4].as<std::string>(), number_text(r[5]), r[6].as<std::string>(),
               number_text(r[7]), number_text(r[8])});
  }
  table.print(std::cout);
}

}  // namespace

int run_quality_command(const GlobalOptions& options, const QualityArguments& arguments) {
  Config config = load_command_config(options);
  auto connection = open_database_connection(config.database.url);
  if (arguments.check) {
    SourceRuntime sources(config);
    const DivergenceReport report =
        DivergenceCheck(config.quality, sources.registry(), config.routing).run(*connection, utc_today());
    // Scripts read the JSON on stdout; the check's summary goes beside it.
    (arguments.json ? std::cerr : std::cout)
        << "divergence check: " << report.assets << " assets, " << report.compared << " closes compared, "
        << report.recorded << " divergences recorded, " << report.unanswered << " sources unanswered\n\n";
  }
  pqxx::read_transaction tx(*connection, "quality");
  const std::optional<std::string> symbol =
      arguments.symbol.empty() ? std::nullopt : std::optional<std::string>(arguments.symbol);
  const pqxx::result anomalies = tx.exec_params(kAnomalies, symbol);
  const pqxx::result gaps = tx.exec_params(kGaps, symbol);
  const pqxx::result divergences = tx.exec_params(kDivergences, symbol);

  if (arguments.json) {
    json out = {{"anomalies", anomalies_json(anomalies)},
                {"gaps", gaps_json(gaps)},
                {"divergences", divergences_json(divergences)}};
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  print_anomalies(anomalies);
  std::cout << "\n";
  print_gaps(gaps);
  std::cout << "\n";
  print_divergences(divergences);
  return 0;
}

}  // namespace pricefeed::host
