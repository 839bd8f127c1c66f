#include "host/health/DatabaseProbe.hpp"

#include <cctype>

#include <pqxx/nontransaction>

namespace pricefeed::host {
namespace {

void append_message(std::string& text, const std::exception& error) {
  const std::string message = error.what();
  // A wrapper's message often already ends with the nested one's; never say it twice.
  if (text.find(message) == std::string::npos) {
    if (!text.empty()) text += ": ";
    text += message;
  }
  try {
    std::rethrow_if_nested(error);
  } catch (const std::exception& nested) {
    append_message(text, nested);
  } catch (...) {
  }
}

// Every run of whitespace (libpq's newlines and tabs) becomes one space; none at either end.
std::string on_one_line(const std::string& text) {
  std::string line;
  bool space = false;
  for (const char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !line.empty();
      continue;
    }
    if (space) line += ' ';
    space = false;
    line += c;
  }
  return line;
}

}  // namespace

std::string describe_database_error(const std::exception& error) {
  std::string text;
  append_message(text, error);
  return on_one_line(text);
}

std::optional<std::string> database_unreachable_reason(ConnectionPool& pool) {
  try {
    auto connection = pool.acquire();
    pqxx::nontransaction tx(*connection, "health probe");
    tx.exec1("SELECT 1");
    return std::nullopt;
  } catch (const std::exception& error) {
    return describe_database_error(error);
  }
}

}  // namespace pricefeed::host
