// CsvRecords: RFC 4180 records, and the malformed text it refuses rather than misread.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "forex/CsvRecords.hpp"
#include "forex/MalformedAnswer.hpp"

namespace pricefeed::forex {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string message_of(std::string_view text) {
  try {
    read_csv_records(text);
  } catch (const MalformedAnswer& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(CsvRecords, QuotedFieldsKeepCommasQuotesAndLineBreaks) {
  const CsvText csv = read_csv_records("A,B,C\n1,\"two, three\",\"say \"\"hi\"\"\"\n\"multi\nline\",,end\n");
  ASSERT_EQ(csv.records.size(), 3u);
  EXPECT_THAT(csv.records[1].fields, ElementsAre("1", "two, three", "say \"hi\""));
  EXPECT_THAT(csv.records[2].fields, ElementsAre("multi\nline", "", "end"));
  EXPECT_EQ(csv.records[2].line, 3u);
  EXPECT_TRUE(csv.ends_with_line_break);
}

TEST(CsvRecords, CrLfAndLfBothEndRecordsAndEmptyLinesAreSkipped) {
  const CsvText csv = read_csv_records("A,B\r\n1,2\r\n\r\n3,4");
  ASSERT_EQ(csv.records.size(), 3u);
  EXPECT_THAT(csv.records[1].fields, ElementsAre("1", "2"));
  EXPECT_THAT(csv.records[2].fields, ElementsAre("3", "4"));
  EXPECT_EQ(csv.records[2].line, 4u);
  EXPECT_FALSE(csv.ends_with_line_break);
}

TEST(CsvRecords, EmptyTextHasNoRecords) {
  EXPECT_TRUE(read_csv_records("").records.empty());
}

TEST(CsvRecords, AnUnclosedQuoteIsRefusedNamingItsLine) {
  EXPECT_THAT(message_of("A,B\n1,\"cut sho"), HasSubstr("CSV line 2: a quoted field is never closed"));
}

TEST(CsvRecords, AQuoteInsideAnUnquotedFieldIsRefused) {
  EXPECT_THAT(message_of("A,B\n1,ab\"c\n"), HasSubstr("CSV line 2: a quote inside an unquoted field"));
  EXPECT_THAT(message_of("<html lang=\"en\">"), HasSubstr("a quote inside an unquoted field"));
}

TEST(CsvRecords, TextAfterAClosingQuoteIsRefused) {
  EXPECT_THAT(message_of("A,B\n\"x\"y,2\n"), HasSubstr("CSV line 2: text after the closing quote"));
}

}  // namespace
}  // namespace pricefeed::forex
