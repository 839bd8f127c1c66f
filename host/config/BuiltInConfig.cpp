#include "host/config/BuiltInConfig.hpp"

namespace pricefeed::host {

std::string_view built_in_config_toml() {
  // Spelled out in full although most keys repeat Config.hpp's defaults: this is the file an operator
  // would get, minus the comments, and a test holds it equal to config/pricefeed.toml.
  static constexpr std::string_view kText = R"toml(
[database]
url = "postgresql:///pricefeed"
pool_size = 4

[plugins]
dirs = ["/usr/lib/pricefeed/plugins"]
enable_unconfigured = true
watch = false
watch_settle_ms = 1000

[worker]
batch_size = 10
max_attempts = 5
retry_base_minutes = 5
lookback_days = 365
earliest_history = "1970-01-01"
lease_seconds = 300
resolutions = ["1d"]

[daemon]
interval_minutes = 15
trading_hours_only = true

[cluster]
dead_after_seconds = 60
heartbeat_seconds = 10

[http]
listen = "127.0.0.1:8080"
auth_token = ""
max_connections = 512
max_requests_per_connection = 1000
header_timeout_seconds = 10
request_timeout_seconds = 30
keep_alive_timeout_seconds = 30

[portfolio]
base_currency = "USD"

[stream]
enabled = false
min_interval_ms = 1000
refresh_seconds = 10
stall_timeout_ms = 30000

[sources.yahoo]
plugin = "yahoo"
base_url = "https://query1.finance.yahoo.com"
requests_per_minute = 33
burst = 5

[sources.binance]
base_url = "https://api.binance.com"
requests_per_minute = 6000

[sources.coingecko]
base_url = "https://api.coingecko.com/api/v3"
requests_per_minute = 5
api_key = "${COINGECKO_API_KEY}"

[sources.forex]
base_url = "https://api.frankfurter.dev/v1"

[sources.commodities]
base_url = "https://query1.finance.yahoo.com"
requests_per_minute = 33

[routing]
stock = ["yahoo"]
bond = ["yahoo"]
crypto = ["binance", "coingecko"]
commodity = ["commodities", "yahoo"]
forex = ["forex", "yahoo"]
)toml";
  return kText;
}

}  // namespace pricefeed::host
