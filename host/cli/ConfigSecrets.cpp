#include "host/cli/ConfigSecrets.hpp"

#include <boost/url/parse.hpp>
#include <nlohmann/json.hpp>

#include "host/redaction/SecretParameters.hpp"
#include "host/redaction/SecretValues.hpp"
#include "host/redaction/UrlRedaction.hpp"

namespace pricefeed::host {
namespace {

// A plugin's keys are its own: a string (or a list of them) named like a secret, at any depth, is one.
void collect_secret_strings(const nlohmann::json& value, bool named_secret, std::vector<std::string>& out) {
  if (value.is_string()) {
    if (named_secret) out.push_back(value.get<std::string>());
  } else if (value.is_object()) {
    for (const auto& [key, item] : value.items())
      collect_secret_strings(item, looks_secret(key), out);
  } else if (value.is_array()) {
    for (const auto& item : value)
      collect_secret_strings(item, named_secret, out);
  }
}

// A database URL's secrets in either libpq form: the user-info password, and every parameter named
// like a secret (password, sslpassword ...), which libpq's own messages may quote back.
void collect_database_secrets(const std::string& url, std::vector<std::string>& out) {
  const auto parsed = boost::urls::parse_uri(url);
  if (parsed && parsed->has_password()) out.push_back(parsed->password());
  for (std::string& value : secret_parameter_values(url))
    out.push_back(std::move(value));
}

}  // namespace

std::vector<std::string> config_secrets(const Config& config) {
  std::vector<std::string> secrets;
  if (!config.http.auth_token.empty()) secrets.push_back(config.http.auth_token);
  collect_database_secrets(config.database.url, secrets);
  if (config.database.session_url) collect_database_secrets(*config.database.session_url, secrets);
  for (const SourceConfig& source : config.sources) {
    const auto table = nlohmann::json::parse(source.table_json, nullptr, /*allow_exceptions=*/false);
    collect_secret_strings(table, false, secrets);
  }
  return secrets;
}

void register_config_secrets(const Config& config) {
  for (const std::string& secret : config_secrets(config))
    register_secret(secret);
}

}  // namespace pricefeed::host
