#include "host/cli/AssetsCommand.hpp"

#include <cstdint>
#include <iostream>
#include <map>
#include <optional>
#include <sstream>

#include <nlohmann/json.hpp>
#include <pqxx/pqxx>

#include "host/cli/AgeText.hpp"
#include "host/cli/TextTable.hpp"
#include "host/db/Database.hpp"

namespace pricefeed::host {
namespace {

// Which tracked assets are shown: $1 the class (NULL: all), $2 true to include those nobody holds
// and inactive ones. Shared by both queries so the counts cover exactly the listed assets.
constexpr const char* kTrackedFilter =
    " WHERE ($1::text IS NULL OR a.asset_class = $1::text) AND ($2::boolean OR (a.active AND "
    "t.tracking_users > 0)) ";

constexpr const char* kIso = "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'";

struct StoredRows {
  std::int64_t count = 0;
  std::string first_date;
  std::string last_date;
};

struct LatestPrice {
  double price = 0;
  std::optional<std::string> currency;
  std::string ts;
  std::string source;
  std::string updated_at;
  std::int64_t age_seconds = 0;  // now() - ts: how old the quote itself is
};

struct TrackedAsset {
  std::int64_t id = 0;
  std::string symbol;
  std::string asset_class;
  std::optional<std::string> name;
  std::optional<std::string> exchange;
  std::optional<std::string> currency;
  bool active = true;
  int tracking_users = 0;
  std::string first_tracked_at;
  std::string last_tracked_at;
  std::optional<std::string> history_from;
  std::optional<std::string> last_price_update;
  std::optional<std::int64_t> seconds_since_price_update;
  std::map<std::string, StoredRows> rows_by_resolution;
  std::optional<LatestPrice> latest;
};

template <class T>
std::optional<T> optional_field(const pqxx::field& field) {
  if (field.is_null()) return std::nullopt;
  return field.as<T>();
}

std::vector<TrackedAsset> read_tracked_assets(pqxx::transaction_base& tx, const AssetsArguments& arguments) {
  const std::optional<std::string> asset_class =
      arguments.asset_class.empty() ? std::nullopt : std::optional<std::string>(arguments.asset_class);
  const std::string iso = kIso;
  const pqxx::result rows = tx.exec_params(
      "SELECT a.id, a.symbol, a.asset_class, a.name, a.exchange, a.currency, a.active, t.tracking_users, "
      "to_char(t.first_tracked_at AT TIME ZONE 'UTC', " +
          iso +
          "), "
          "to_char(t.last_tracked_at AT TIME ZONE 'UTC', " +
          iso +
          "), "
          "to_char(t.history_from, 'YYYY-MM-DD'), "
          "to_char(t.last_price_update AT TIME ZONE 'UTC', " +
          iso +
          "), "
          "floor(extract(epoch FROM now() - t.last_price_update))::bigint, "
          "l.price, l.currency, to_char(l.ts AT TIME ZONE 'UTC', " +
          iso +
          "), l.source, "
          "to_char(l.updated_at AT TIME ZONE 'UTC', " +
          iso +
          "), floor(extract(epoch FROM now() - l.ts))::bigint "
          "FROM tracked_assets t JOIN assets a ON a.id = t.asset_id "
          "LEFT JOIN latest_prices l ON l.asset_id = a.id" +
          std::string(kTrackedFilter) + "ORDER BY a.asset_class, a.symbol",
      asset_class, arguments.all);

  std::vector<TrackedAsset> assets;
  std::map<std::int64_t, std::size_t> index_of;
  for (const auto& row : rows) {
    TrackedAsset asset;
    asset.id = row[0].as<std::int64_t>();
    asset.symbol = row[1].as<std::string>();
    asset.asset_class = row[2].as<std::string>();
    asset.name = optional_field<std::string>(row[3]);
    asset.exchange = optional_field<std::string>(row[4]);
    asset.currency = optional_field<std::string>(row[5]);
    asset.active = row[6].as<bool>();
    asset.tracking_users = row[7].as<int>();
    asset.first_tracked_at = row[8].as<std::string>();
    asset.last_tracked_at = row[9].as<std::string>();
    asset.history_from = optional_field<std::string>(row[10]);
    asset.last_price_update = optional_field<std::string>(row[11]);
    asset.seconds_since_price_update = optional_field<std::int64_t>(row[12]);
    if (!row[13].is_null()) {
      asset.latest = LatestPrice{row[13].as<double>(),      optional_field<std::string>(row[14]),
                                 row[15].as<std::string>(), row[16].as<std::string>(),
                                 row[17].as<std::string>(), row[18].as<std::int64_t>()};
    }
    index_of[asset.id] = assets.size();
    assets.push_back(std::move(asset));
  }

  // One grouped scan of asset_prices for every listed asset (its primary key starts with asset_id
  // and resolution), never one query per asset.
  const pqxx::result counts = tx.exec_params(
      "SELECT p.asset_id, p.resolution, count(*), to_char(min(p.ts) AT TIME ZONE 'UTC', 'YYYY-MM-DD'), "
      "to_char(max(p.ts) AT TIME ZONE 'UTC', 'YYYY-MM-DD') "
      "FROM asset_prices p JOIN tracked_assets t ON t.asset_id = p.asset_id JOIN assets a ON a.id = "
      "p.asset_id" +
          std::string(kTrackedFilter) + "GROUP BY p.asset_id, p.resolution",
      asset_class, arguments.all);
  for (const auto& row : counts) {
    const auto found = index_of.find(row[0].as<std::int64_t>());
    if (found == index_of.end()) continue;  // tracked between the two statements
    assets[found->second].rows_by_resolution[row[1].as<std::string>()] =
        StoredRows{row[2].as<std::int64_t>(), row[3].as<std::string>(), row[4].as<std::string>()};
  }
  return assets;
}

// The earliest first and latest last date over every resolution ("" when nothing is stored).
std::pair<std::string, std::string> stored_range(const TrackedAsset& asset) {
  std::string first;
  std::string last;
  for (const auto& [resolution, rows] : asset.rows_by_resolution) {
    if (first.empty() || rows.first_date < first) first = rows.first_date;
    if (rows.last_date > last) last = rows.last_date;
  }
  return {first, last};
}

std::string price_text(double price) {
  std::ostringstream text;
  text.precision(10);
  text << price;
  return text.str();
}

nlohmann::json optional_json(const std::optional<std::string>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json asset_json(const TrackedAsset& asset) {
  nlohmann::json rows = nlohmann::json::object();
  for (const auto& [resolution, stored] : asset.rows_by_resolution)
    rows[resolution] = {
        {"count", stored.count}, {"first_date", stored.first_date}, {"last_date", stored.last_date}};
  const auto [first, last] = stored_range(asset);
  nlohmann::json latest = nullptr;
  if (asset.latest) {
    latest = {{"price", asset.latest->price},
              {"currency", optional_json(asset.latest->currency)},
              {"ts", asset.latest->ts},
              {"source", asset.latest->source},
              {"updated_at", asset.latest->updated_at},
              {"age_seconds", asset.latest->age_seconds}};
  }
  return {{"asset_id", asset.id},
          {"symbol", asset.symbol},
          {"asset_class", asset.asset_class},
          {"name", optional_json(asset.name)},
          {"exchange", optional_json(asset.exchange)},
          {"currency", optional_json(asset.currency)},
          {"active", asset.active},
          {"tracking_users", asset.tracking_users},
          {"first_tracked_at", asset.first_tracked_at},
          {"last_tracked_at", asset.last_tracked_at},
          {"history_from", optional_json(asset.history_from)},
          {"last_price_update", optional_json(asset.last_price_update)},
          {"rows", rows},
          {"first_date", first.empty() ? nlohmann::json(nullptr) : nlohmann::json(first)},
          {"last_date", last.empty() ? nlohmann::json(nullptr) : nlohmann::json(last)},
          {"latest_price", latest}};
}

void print_table(const std::vector<TrackedAsset>& assets) {
  TextTable table({"SYMBOL", "CLASS", "USERS", "ROWS", "FIRST", "LAST", "PRICE", "AGE", "UPDATED"});
  for (const TrackedAsset& asset : assets) {
    std::string rows;
    for (const auto& [resolution, stored] : asset.rows_by_resolution)
      rows += (rows.empty() ? "" : ", ") + resolution + " " + std::to_string(stored.count);
    const auto [first, last] = stored_range(asset);
    std::string price = "-";
    std::string age = "-";
    if (asset.latest) {
      price = price_text(asset.latest->price) + (asset.latest->currency ? " " + *asset.latest->currency : "");
      age = age_text(asset.latest->age_seconds);
    }
    table.add(
        {asset.symbol + (asset.active ? "" : " (inactive)"), asset.asset_class,
         std::to_string(asset.tracking_users), rows.empty() ? "0" : rows, first.empty() ? "-" : first,
         last.empty() ? "-" : last, price, age,
         asset.seconds_since_price_update ? age_text(*asset.seconds_since_price_update) + " ago" : "never"});
  }
  table.print(std::cout);
}

}  // namespace

int run_assets_command(const GlobalOptions& options, const AssetsArguments& arguments) {
  Config config = load_command_config(options);
  auto connection = open_database_connection(config.database.url);
  pqxx::read_transaction tx(*connection, "assets");
  const std::vector<TrackedAsset> assets = read_tracked_assets(tx, arguments);

  if (arguments.json) {
    nlohmann::json array = nlohmann::json::array();
    for (const TrackedAsset& asset : assets)
      array.push_back(asset_json(asset));
    std::cout << array.dump(2) << "\n";
    return 0;
  }
  if (assets.empty()) {
    std::cout << (arguments.all ? "no tracked assets"
                                : "no held assets (--all shows those nobody holds now)");
    if (!arguments.asset_class.empty()) std::cout << " of class " << arguments.asset_class;
    std::cout << "\n";
    return 0;
  }
  print_table(assets);
  std::size_t held = 0;
  for (const TrackedAsset& asset : assets)
    held += asset.tracking_users > 0 ? 1 : 0;
  std::cout << assets.size() << (assets.size() == 1 ? " asset" : " assets") << ", " << held << " held\n";
  return 0;
}

}  // namespace pricefeed::host
