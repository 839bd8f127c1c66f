#include "coingecko/CoinGeckoSourceConfig.hpp"

#include <pricefeed/error.hpp>

#include "upstream/BaseUrl.hpp"

namespace pricefeed::coingecko {

namespace {

constexpr const char* kPublicHost = "api.coingecko.com";
constexpr const char* kProHost = "pro-api.coingecko.com";

// The key goes into a request header: a line break would let it add headers of its own.
void check_api_key(const std::string& key) {
  for (const char c : key) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x21 || u == 0x7F) {
      throw Error::invalid_config(
          "api_key: must be one word of printable characters (it holds a space, tab, line break or "
          "control character)");
    }
  }
}

}  // namespace

const char* CoinGeckoSourceConfig::key_header() const noexcept {
  return plan == CoinGeckoPlan::pro ? "x-cg-pro-api-key" : "x-cg-demo-api-key";
}

CoinGeckoSourceConfig CoinGeckoSourceConfig::from(const Config& config) {
  CoinGeckoSourceConfig out;
  out.base_url = upstream::checked_base_url("base_url", config.required_string("base_url"));
  out.api_key = config.string("api_key");
  check_api_key(out.api_key);

  const std::string plan = config.string("api_plan", "demo");
  if (plan == "demo") {
    out.plan = CoinGeckoPlan::demo;
  } else if (plan == "pro") {
    out.plan = CoinGeckoPlan::pro;
  } else {
    throw Error::invalid_config("api_plan: expected \"demo\" or \"pro\", got \"" + plan + "\"");
  }
  if (out.plan == CoinGeckoPlan::pro && out.api_key.empty()) {
    throw Error::invalid_config("api_key: is required with api_plan = \"pro\" (set COINGECKO_API_KEY)");
  }
  // CoinGecko refuses a key sent to the other plan's host (errors 10010 and 10011) on every request;
  // better to say so at start-up. Other hosts (a proxy, the sandbox) are the operator's business.
  const std::string host = upstream::url_host(out.base_url);
  if (out.plan == CoinGeckoPlan::demo && host == kProHost) {
    throw Error::invalid_config(
        "api_plan: base_url is CoinGecko's Pro API (pro-api.coingecko.com), which needs api_plan = "
        "\"pro\" and a Pro key; the public and demo API is https://api.coingecko.com/api/v3");
  }
  if (out.plan == CoinGeckoPlan::pro && host == kPublicHost) {
    throw Error::invalid_config(
        "api_plan: \"pro\" keys are served by https://pro-api.coingecko.com/api/v3, not by base_url's "
        "api.coingecko.com");
  }

  out.history_limit_days = config.integer("history_limit_days", out.plan == CoinGeckoPlan::pro ? 0 : 365);
  if (out.history_limit_days < 0 || out.history_limit_days > 100000) {
    throw Error::invalid_config("history_limit_days: expected 0 (no limit) to 100000 days, got " +
                                std::to_string(out.history_limit_days));
  }
  if (out.history_limit_days == 1) {
    // The served window is taken one day short (CoinGecko checks with its own clock); one day leaves
    // nothing to ask for.
    throw Error::invalid_config("history_limit_days: 1 leaves no complete day to ask for; use 2 or more");
  }
  out.catalog_size = config.integer("catalog_size", 500);
  if (out.catalog_size < 1 || out.catalog_size > 25000) {
    throw Error::invalid_config("catalog_size: expected 1 to 25000 coins, got " +
                                std::to_string(out.catalog_size));
  }
  return out;
}

}  // namespace pricefeed::coingecko
