#pragma once

// An RFC 4180 reader: records end with LF or CRLF, fields are separated by commas, and a field in
// double quotes may hold commas, line breaks and "" for one quote ("ECB reference exchange rate, US
// dollar/Euro, 2.15 pm (C.E.T.)"). Strict, because a misread field would shift every column after it:
// an unclosed quote or a quote inside an unquoted field throws MalformedAnswer naming the line.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pricefeed::forex {

struct CsvRecord {
  std::size_t line = 0;  // 1-based line the record starts on
  std::vector<std::string> fields;
};

struct CsvText {
  std::vector<CsvRecord> records;  // empty lines are left out
  // Whether the last record is followed by a line break. A producer that always ends its lines (the
  // ECB does) lets a reader see that an answer was cut inside its last line.
  bool ends_with_line_break = false;
};

CsvText read_csv_records(std::string_view text);

}  // namespace pricefeed::forex
