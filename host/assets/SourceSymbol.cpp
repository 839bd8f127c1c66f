#include "host/assets/SourceSymbol.hpp"

namespace pricefeed::host {

nlohmann::json parse_source_ids(std::string_view text) {
  nlohmann::json ids = nlohmann::json::parse(text, nullptr, false);
  return ids.is_object() ? ids : nlohmann::json::object();
}

std::string symbol_for(const nlohmann::json& source_ids, std::string_view source, const std::string& symbol) {
  if (source_ids.is_object()) {
    const auto found = source_ids.find(source);
    if (found != source_ids.end() && found->is_string() && !found->get_ref<const std::string&>().empty()) {
      return found->get<std::string>();
    }
  }
  return symbol;
}

std::string request_source_id(const nlohmann::json& source_ids, std::string_view source,
                              const std::string& symbol) {
  std::string id = symbol_for(source_ids, source, symbol);
  return id == symbol ? std::string() : id;
}

}  // namespace pricefeed::host
