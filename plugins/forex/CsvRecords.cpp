#include "forex/CsvRecords.hpp"

#include "forex/MalformedAnswer.hpp"

namespace pricefeed::forex {

namespace {

class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {}

  CsvText read() {
    CsvText out;
    while (pos_ < text_.size()) {
      CsvRecord record;
      record.line = line_;
      const bool terminated = read_record(record.fields);
      out.ends_with_line_break = terminated;
      const bool empty_line = record.fields.size() == 1 && record.fields.front().empty() && !last_was_quoted_;
      if (!empty_line) out.records.push_back(std::move(record));
    }
    return out;
  }

 private:
  [[noreturn]] void fail(std::size_t line, const std::string& what) const {
    throw MalformedAnswer("CSV line " + std::to_string(line) + ": " + what);
  }

  // Reads one record; true when it ended with a line break, false when the text ended.
  bool read_record(std::vector<std::string>& fields) {
    while (true) {
      fields.push_back(read_field());
      if (pos_ >= text_.size()) return false;
      const char c = text_[pos_];
      if (c == ',') {
        ++pos_;
        continue;
      }
      // read_field stops only at ',', a line break or the end.
      pos_ += (c == '\r') ? 2 : 1;
      ++line_;
      return true;
    }
  }

  bool at_line_break() const {
    return text_[pos_] == '\n' || (text_[pos_] == '\r' && pos_ + 1 < text_.size() && text_[pos_ + 1] == '\n');
  }

  std::string read_field() {
    std::string field;
    last_was_quoted_ = pos_ < text_.size() && text_[pos_] == '"';
    if (last_was_quoted_) {
      const std::size_t opened_on = line_;
      ++pos_;
      while (true) {
        if (pos_ >= text_.size()) {
          fail(opened_on, "a quoted field is never closed: the text ends inside it (cut short?)");
        }
        const char c = text_[pos_++];
        if (c == '"') {
          if (pos_ < text_.size() && text_[pos_] == '"') {
            field += '"';
            ++pos_;
            continue;
          }
          break;
        }
        if (c == '\n') ++line_;
        field += c;
      }
      if (pos_ < text_.size() && text_[pos_] != ',' && !at_line_break()) {
        fail(line_, "text after the closing quote of a field");
      }
      return field;
    }
    while (pos_ < text_.size() && text_[pos_] != ',' && !at_line_break()) {
      if (text_[pos_] == '"') fail(line_, "a quote inside an unquoted field");
      field += text_[pos_++];
    }
    return field;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  bool last_was_quoted_ = false;
};

}  // namespace

CsvText read_csv_records(std::string_view text) {
  return CsvReader(text).read();
}

}  // namespace pricefeed::forex
