#include "yahoo-api/YahooErrorBody.hpp"

#include <nlohmann/json.hpp>

#include "upstream/BodyExcerpt.hpp"

namespace pricefeed::yahoo {

std::string yahoo_error_explanation(std::string_view body) {
  const nlohmann::json document = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (document.is_object()) {
    for (const char* root : {"chart", "finance", "quoteResponse"}) {
      const auto part = document.find(root);
      if (part == document.end() || !part->is_object()) continue;
      const auto error = part->find("error");
      if (error == part->end() || !error->is_object()) continue;
      auto text = [&](const char* key) {
        const auto value = error->find(key);
        return (value != error->end() && value->is_string()) ? value->get<std::string>() : std::string();
      };
      const std::string code = text("code");
      const std::string description = text("description");
      if (!code.empty() || !description.empty()) return "'" + code + "': " + description;
    }
  }
  return upstream::body_excerpt(body);
}

}  // namespace pricefeed::yahoo
