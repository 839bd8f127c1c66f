#include "CsvFiles.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <locale>
#include <sstream>
#include <utility>

namespace csv_source {
namespace {

using pricefeed::Error;

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t'))
    text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
    text.remove_suffix(1);
  return text;
}

// [+-]digits[.digits][(e|E)[+-]digits] and nothing else: standard libraries differ on what else
// they read as a number (libc++ takes "0x10" as 16).
bool plain_decimal(std::string_view text) {
  std::size_t i = 0;
  auto sign = [&] { i += i < text.size() && (text[i] == '+' || text[i] == '-'); };
  auto digits = [&] {
    std::size_t from = i;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9')
      ++i;
    return i - from;
  };
  sign();
  std::size_t mantissa = digits();
  if (i < text.size() && text[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return false;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    sign();
    if (digits() == 0) return false;
  }
  return i == text.size();
}

// One CSV file read line by line: a header row of column names (matched case-insensitively), then data
// rows with as many cells. Blank lines and lines starting with '#' are skipped; a cell may be quoted
// ("a, b" with "" for a quote inside), so names can hold commas.
class CsvReader {
 public:
  explicit CsvReader(const std::filesystem::path& path) : file_(path.string()) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) throw Error::not_found(file_ + ": no such file");
    in_.open(path, std::ios::binary);
    if (!in_) throw Error::transient(file_ + ": cannot be opened");
    if (!next_row()) throw Error::permanent(file_ + ": no header row");
    for (const std::string& cell : cells_) {
      if (column(lower(cell))) fail("column \"" + cell + "\" appears twice");
      header_.push_back(lower(cell));
    }
  }

  // Moves to the next data row; false at the end of the file.
  bool next_row() {
    std::string line;
    while (std::getline(in_, line)) {
      ++line_;
      if (line_ == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);  // a spreadsheet's BOM
      std::string_view text = trim(line);
      if (text.empty() || text.front() == '#') continue;
      split(text);
      if (!header_.empty() && cells_.size() != header_.size()) {
        fail("expected " + std::to_string(header_.size()) + " cells as in the header, found " +
             std::to_string(cells_.size()));
      }
      return true;
    }
    if (in_.bad()) throw Error::transient(file_ + ": read error");
    return false;
  }

  std::optional<std::size_t> column(std::string_view name) const {
    auto it = std::find(header_.begin(), header_.end(), name);
    if (it == header_.end()) return std::nullopt;
    return static_cast<std::size_t>(it - header_.begin());
  }
  std::size_t require(std::string_view name) const {
    if (auto col = column(name)) return *col;
    fail("the header has no \"" + std::string(name) + "\" column");
  }

  // The current row's cell in a column; "" when the column is absent or the cell empty.
  std::string_view cell(std::optional<std::size_t> col) const {
    return col ? std::string_view(cells_[*col]) : std::string_view();
  }

  double number(std::optional<std::size_t> col) const {
    std::string_view text = cell(col);
    if (text.empty()) return pricefeed::kAbsent;
    std::istringstream in{std::string(text)};
    in.imbue(std::locale::classic());  // "1.5" whatever the process locale says
    double value = 0;
    if (!plain_decimal(text) || !(in >> value) || !std::isfinite(value))
      fail(header_[*col] + " \"" + std::string(text) + "\" is not a number");
    return value;
  }

  // YYYY-MM-DD as unix seconds at 00:00 UTC.
  std::int64_t date(std::size_t col) const {
    std::string_view text = cell(col);
    auto digits = [&](std::size_t from, std::size_t count) {
      int value = 0;
      for (std::size_t i = from; i < from + count; ++i) {
        if (text[i] < '0' || text[i] > '9') return -1;
        value = value * 10 + (text[i] - '0');
      }
      return value;
    };
    static constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool shaped = text.size() == 10 && text[4] == '-' && text[7] == '-';
    int y = shaped ? digits(0, 4) : -1, m = shaped ? digits(5, 2) : 0, d = shaped ? digits(8, 2) : 0;
    bool leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    if (y < 0 || m < 1 || m > 12 || d < 1 || d > kMonthDays[m - 1] + (m == 2 && leap))
      fail("date \"" + std::string(text) + "\" is not a YYYY-MM-DD date");
    // Days since 1970-01-01 in the proleptic Gregorian calendar (H. Hinnant's days_from_civil).
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (std::int64_t{era} * 146097 + doe - 719468) * 86400;
  }

  std::size_t line() const { return line_; }
  [[noreturn]] void fail(const std::string& what, std::size_t line = 0) const {
    throw Error::permanent(file_ + ":" + std::to_string(line ? line : line_) + ": " + what);
  }

 private:
  void split(std::string_view text) {
    cells_.assign(1, std::string());
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      if (quoted && c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cells_.back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells_.emplace_back();
      } else {
        cells_.back() += c;
      }
    }
    if (quoted) fail("unterminated quote");
    for (std::string& cell : cells_)
      cell = std::string(trim(cell));
  }

  std::string file_;
  std::ifstream in_;
  std::size_t line_ = 0;
  std::vector<std::string> header_;
  std::vector<std::string> cells_;
};

}  // namespace

std::optional<pricefeed::AssetClass> parse_asset_class(std::string_view name) {
  using pricefeed::AssetClass;
  for (AssetClass c :
       {AssetClass::stock, AssetClass::crypto, AssetClass::commodity, AssetClass::forex, AssetClass::bond}) {
    if (lower(name) == pricefeed::asset_class_name(c)) return c;
  }
  return std::nullopt;
}

std::vector<pricefeed::Bar> read_price_file(const std::filesystem::path& path) {
  CsvReader csv(path);
  const std::size_t date = csv.require("date"), close = csv.require("close");
  const auto open = csv.column("open"), high = csv.column("high"), low = csv.column("low"),
             adj_close = csv.column("adj_close"), volume = csv.column("volume");
  std::vector<std::pair<pricefeed::Bar, std::size_t>> rows;  // and the line each came from
  while (csv.next_row()) {
    pricefeed::Bar bar;
    bar.ts = csv.date(date);
    bar.close = csv.number(close);
    if (std::isnan(bar.close)) csv.fail("close is empty");
    bar.open = csv.number(open);
    bar.high = csv.number(high);
    bar.low = csv.number(low);
    bar.adj_close = csv.number(adj_close);
    bar.volume = csv.number(volume);
    rows.emplace_back(bar, csv.line());
  }
  std::stable_sort(rows.begin(), rows.end(),
                   [](const auto& a, const auto& b) { return a.first.ts < b.first.ts; });
  std::vector<pricefeed::Bar> bars;
  bars.reserve(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i > 0 && rows[i].first.ts == rows[i - 1].first.ts)
      csv.fail("same date as line " + std::to_string(rows[i - 1].second), rows[i].second);
    bars.push_back(rows[i].first);
  }
  return bars;
}

std::map<std::string, CatalogEntry> read_catalog(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return {};
  CsvReader csv(path);
  const std::size_t symbol = csv.require("symbol");
  const auto name = csv.column("name"), asset_class = csv.column("asset_class"),
             currency = csv.column("currency");
  std::map<std::string, CatalogEntry> entries;
  while (csv.next_row()) {
    CatalogEntry entry{std::string(csv.cell(name)), std::nullopt, std::string(csv.cell(currency))};
    if (std::string_view c = csv.cell(asset_class); !c.empty()) {
      entry.asset_class = parse_asset_class(c);
      if (!entry.asset_class)
        csv.fail("asset_class \"" + std::string(c) + "\" is not stock, crypto, commodity, forex or bond");
    }
    if (csv.cell(symbol).empty()) csv.fail("symbol is empty");
    if (!entries.emplace(csv.cell(symbol), std::move(entry)).second)
      csv.fail("symbol \"" + std::string(csv.cell(symbol)) + "\" appears twice");
  }
  return entries;
}

}  // namespace csv_source
