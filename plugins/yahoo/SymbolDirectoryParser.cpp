#include "yahoo/SymbolDirectoryParser.hpp"

#include <array>
#include <map>
#include <optional>
#include <utility>

#include <pricefeed/error.hpp>
#include <pricefeed/records.hpp>

#include "upstream/BodyExcerpt.hpp"
#include "yahoo/YahooTicker.hpp"

namespace pricefeed::yahoo {

namespace {

// Rows quoted in warnings; the rest are only counted.
constexpr std::size_t kQuotedRows = 5;

constexpr std::string_view kFooter = "File Creation Time:";

// otherlisted.txt's Exchange codes (symboldirdefs), by the names exchanges go by today. M is the
// former NYSE Chicago, renamed NYSE Texas in 2025.
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kExchanges{{
    {"A", "NYSE American"},
    {"N", "NYSE"},
    {"P", "NYSE Arca"},
    {"Z", "Cboe BZX"},
    {"V", "IEX"},
    {"M", "NYSE Texas"},
    {"Q", "NASDAQ"},
}};

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

std::vector<std::string_view> split(std::string_view line, char separator) {
  std::vector<std::string_view> fields;
  std::size_t start = 0;
  for (;;) {
    const auto end = line.find(separator, start);
    fields.push_back(
        line.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return fields;
    start = end + 1;
  }
}

std::vector<std::string_view> lines_of(std::string_view text) {
  std::vector<std::string_view> lines;
  for (std::string_view line : split(text, '\n')) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
  }
  return lines;
}

bool contains_ascii_case_insensitive(std::string_view text, std::string_view needle) {
  auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  for (std::size_t i = 0; i + needle.size() <= text.size(); ++i) {
    bool same = true;
    for (std::size_t j = 0; j < needle.size() && same; ++j)
      same = lower(text[i + j]) == lower(needle[j]);
    if (same) return true;
  }
  return false;
}

bool looks_like_html(std::string_view first_line) {
  const std::string_view line = trimmed(first_line);
  return (!line.empty() && line.front() == '<') || contains_ascii_case_insensitive(line, "<html") ||
         contains_ascii_case_insensitive(line, "<!doctype");
}

// The columns the catalog reads, found by name in the header row.
struct Columns {
  std::size_t count = 0;  // how many the header has: every row must have as many
  std::size_t symbol = 0;
  std::size_t name = 0;
  std::size_t test_issue = 0;
  std::size_t etf = 0;
  std::optional<std::size_t> exchange;     // otherlisted only
  std::optional<std::size_t> next_shares;  // nasdaqlisted, while NASDAQ still sends it
};

Columns columns_of(std::string_view header, SymbolDirectoryFile file) {
  const std::vector<std::string_view> names = split(header, '|');
  auto find = [&](std::string_view wanted) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (trimmed(names[i]) == wanted) return i;
    return std::nullopt;
  };
  const bool nasdaq = file == SymbolDirectoryFile::nasdaq_listed;
  const std::vector<std::string_view> needed =
      nasdaq ? std::vector<std::string_view>{"Symbol", "Security Name", "Test Issue", "ETF"}
             : std::vector<std::string_view>{"ACT Symbol", "Security Name", "Exchange", "Test Issue", "ETF"};
  std::string missing;
  for (std::string_view name : needed) {
    if (!find(name)) missing += (missing.empty() ? "'" : ", '") + std::string(name) + "'";
  }
  if (!missing.empty()) {
    throw Error::permanent(std::string(symbol_directory_file_name(file)) +
                           ": the header has changed: no column " + missing + " in " +
                           upstream::body_excerpt(header, 200) + "; the catalog reads columns by name");
  }
  Columns columns;
  columns.count = names.size();
  columns.symbol = *find(needed[0]);
  columns.name = *find("Security Name");
  columns.test_issue = *find("Test Issue");
  columns.etf = *find("ETF");
  if (!nasdaq) columns.exchange = find("Exchange");
  if (nasdaq) columns.next_shares = find("NextShares");
  return columns;
}

class RowProblems {
 public:
  void add(SymbolDirectory& directory, std::size_t line_number, std::string_view line, std::string_view why) {
    ++directory.unusable_rows;
    if (quoted_ < kQuotedRows) {
      ++quoted_;
      directory.warnings.push_back("line " + std::to_string(line_number) + " left out (" + std::string(why) +
                                   "): " + upstream::body_excerpt(line));
    }
  }

 private:
  std::size_t quoted_ = 0;
};

}  // namespace

const char* symbol_directory_file_name(SymbolDirectoryFile file) {
  return file == SymbolDirectoryFile::nasdaq_listed ? "nasdaqlisted.txt" : "otherlisted.txt";
}

SymbolDirectory parse_symbol_directory(std::string_view text, SymbolDirectoryFile file) {
  const std::string file_name = symbol_directory_file_name(file);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // a UTF-8 byte order mark
  const std::vector<std::string_view> lines = lines_of(text);

  std::size_t header_index = 0;
  while (header_index < lines.size() && trimmed(lines[header_index]).empty())
    ++header_index;
  if (header_index == lines.size()) {
    throw Error::transient(file_name + " is empty: a broken download, to be fetched again");
  }
  const std::string_view header = lines[header_index];
  if (looks_like_html(header)) {
    throw Error::transient(file_name +
                           " is an HTML page, not the pipe-delimited directory (a broken download or a "
                           "maintenance page): " +
                           upstream::body_excerpt(text));
  }
  const Columns columns = columns_of(header, file);

  SymbolDirectory directory;
  RowProblems problems;
  std::map<std::string, std::size_t, std::less<>> unknown_exchanges;
  bool footer_seen = false;
  std::size_t rows_after_footer = 0;
  for (std::size_t i = header_index + 1; i < lines.size(); ++i) {
    const std::string_view line = lines[i];
    if (trimmed(line).empty()) continue;
    if (footer_seen) {
      ++rows_after_footer;
      continue;
    }
    if (line.substr(0, kFooter.size()) == kFooter) {
      footer_seen = true;
      directory.created = std::string(trimmed(split(line.substr(kFooter.size()), '|').front()));
      continue;
    }
    const std::vector<std::string_view> fields = split(line, '|');
    if (fields.size() != columns.count) {
      problems.add(
          directory, i + 1, line,
          std::to_string(fields.size()) + " columns, the header has " + std::to_string(columns.count));
      continue;
    }
    if (trimmed(fields[columns.test_issue]) == "Y") {
      ++directory.test_issues;
      continue;
    }
    if (columns.next_shares && trimmed(fields[*columns.next_shares]) == "Y") {
      ++directory.next_shares;
      continue;
    }
    DirectoryListing listing;
    listing.symbol = std::string(trimmed(fields[columns.symbol]));
    if (listing.symbol.empty()) {
      problems.add(directory, i + 1, line, "no symbol");
      continue;
    }
    listing.ticker = yahoo_ticker(listing.symbol, "", AssetClass::stock);
    if (!is_us_listing_ticker(listing.ticker)) {
      problems.add(directory, i + 1, line, "symbol '" + listing.symbol + "' has no usable Yahoo spelling");
      continue;
    }
    listing.name = std::string(trimmed(fields[columns.name]));
    listing.etf = trimmed(fields[columns.etf]) == "Y";
    if (!columns.exchange) {
      listing.exchange = "NASDAQ";
    } else {
      const std::string_view code = trimmed(fields[*columns.exchange]);
      for (const auto& [known, name] : kExchanges) {
        if (known == code) listing.exchange = std::string(name);
      }
      if (listing.exchange.empty()) {
        // A new venue is no reason to drop its listings: keep the code, say so once per code.
        listing.exchange = std::string(code);
        ++unknown_exchanges[std::string(code)];
      }
    }
    directory.listings.push_back(std::move(listing));
  }

  if (!footer_seen) {
    throw Error::transient(file_name + " has no '" + std::string(kFooter) + "' footer after " +
                           std::to_string(lines.size()) +
                           " lines: the download was cut short, and a partial directory would make the "
                           "missing listings look delisted");
  }
  if (directory.unusable_rows > kQuotedRows) {
    directory.warnings.push_back(std::to_string(directory.unusable_rows) + " rows left out in all");
  }
  if (rows_after_footer > 0) {
    directory.warnings.push_back(std::to_string(rows_after_footer) + " rows after the footer were ignored");
  }
  for (const auto& [code, count] : unknown_exchanges) {
    directory.warnings.push_back("unknown exchange code '" + code + "' on " + std::to_string(count) +
                                 " listings; kept as the exchange's name");
  }
  for (std::string& warning : directory.warnings)
    warning = file_name + ": " + warning;
  return directory;
}

}  // namespace pricefeed::yahoo
