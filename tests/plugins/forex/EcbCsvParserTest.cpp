// EcbCsvParser on every recorded ECB answer (tests/fixtures/ecb), and on the ways an answer can be
// cut short, reordered or wrong.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "forex/CsvRecords.hpp"
#include "forex/EcbCsvParser.hpp"
#include "forex/MalformedAnswer.hpp"
#include "tests/plugins/support/Fixtures.hpp"

namespace pricefeed::forex {
namespace {

using plugins::test::fixture_names;
using plugins::test::read_fixture;
using ::testing::HasSubstr;

constexpr const char* kFull = "EXR-D.USD.EUR.SP00.A-csvdata-fullcolumns.THIRD-PARTY.csv";
constexpr const char* kTrimmed = "EXR-D..EUR.SP00.A-csvdata-startPeriod-2026-02-17.TRIMMED.csv";

Day day(const char* iso) {
  return *parse_iso_date(iso);
}

std::string message_of(const std::string& body) {
  try {
    parse_ecb_exchange_rates(body);
  } catch (const MalformedAnswer& e) {
    return e.what();
  }
  return "(no error)";
}

// The CSV again, from records (quoting every field: the reader must not care).
std::string written(const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      out += i == 0 ? "\"" : ",\"";
      for (char c : row[i])
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
      out += "\"";
    }
    out += "\n";
  }
  return out;
}

std::vector<std::vector<std::string>> rows_of(const std::string& body) {
  std::vector<std::vector<std::string>> out;
  for (const CsvRecord& r : read_csv_records(body).records)
    out.push_back(r.fields);
  return out;
}

TEST(EcbCsvParser, EveryRecordedAnswerReads) {
  const std::vector<std::string> names = fixture_names("ecb", "", ".csv");
  ASSERT_EQ(names.size(), 2u) << "a new recording: give it its own expectations below";
  for (const std::string& name : names) {
    const auto series = parse_ecb_exchange_rates(read_fixture("ecb", name));
    EXPECT_FALSE(series.empty()) << name;
    for (const auto& [code, one] : series) {
      EXPECT_EQ(code, one.currency) << name;
      EXPECT_FALSE(one.rates.empty()) << name << " " << code;
      EXPECT_TRUE(std::is_sorted(one.rates.begin(), one.rates.end(),
                                 [](const DailyRate& a, const DailyRate& b) { return a.day < b.day; }));
    }
  }
}

TEST(EcbCsvParser, TheFullColumnAnswerGivesItsUsdRatesAndTitle) {
  const auto series = parse_ecb_exchange_rates(read_fixture("ecb", kFull));
  ASSERT_EQ(series.size(), 1u);
  const EcbSeries& usd = series.at("USD");
  EXPECT_EQ(
      usd.rates,
      (RateSeries{{day("2026-09-03"), 1.1615}, {day("2026-09-04"), 1.1622}, {day("2026-09-07"), 1.1622}}));
  EXPECT_EQ(usd.title, "US dollar/Euro ECB reference exchange rate");
  EXPECT_EQ(currency_name_from_ecb_title(usd.title), "US dollar");
}

TEST(EcbCsvParser, TheTrimmedAnswerWithFourColumnsGivesThreeSeries) {
  const auto series = parse_ecb_exchange_rates(read_fixture("ecb", kTrimmed));
  ASSERT_EQ(series.size(), 3u);
  for (const char* code : {"GBP", "JPY", "USD"}) {
    const EcbSeries& one = series.at(code);
    ASSERT_EQ(one.rates.size(), 6u) << code;
    EXPECT_EQ(one.rates.front().day, day("2026-02-17"));
    EXPECT_EQ(one.rates.back().day, day("2026-02-24"));
    EXPECT_TRUE(one.title.empty()) << "no TITLE column";
  }
  EXPECT_DOUBLE_EQ(series.at("GBP").rates[0].value, 0.8733);
  EXPECT_DOUBLE_EQ(series.at("JPY").rates[5].value, 183.53);
  EXPECT_DOUBLE_EQ(series.at("USD").rates[3].value, 1.1767);
  // The weekend of 21-22 February has no rows.
  EXPECT_EQ(series.at("USD").rates[4].day, day("2026-02-23"));
}

TEST(EcbCsvParser, ColumnsAreFoundByNameInAnyOrder) {
  const std::string body = read_fixture("ecb", kFull);
  const auto expected = parse_ecb_exchange_rates(body);
  auto rows = rows_of(body);
  for (auto& row : rows)
    std::reverse(row.begin(), row.end());
  const auto reversed = parse_ecb_exchange_rates(written(rows));
  ASSERT_EQ(reversed.size(), 1u);
  EXPECT_EQ(reversed.at("USD").rates, expected.at("USD").rates);
  EXPECT_EQ(reversed.at("USD").title, expected.at("USD").title);
}

TEST(EcbCsvParser, ObservationsWithoutAValueAreSkipped) {
  const std::string body =
      "FREQ,CURRENCY,TIME_PERIOD,OBS_VALUE\nD,USD,2024-01-02,1.0956\nD,USD,2024-01-03,NaN\nD,USD,2024-01-04,"
      "\n"
      "D,USD,2024-01-05,1.0921\n";
  EXPECT_EQ(parse_ecb_exchange_rates(body).at("USD").rates,
            (RateSeries{{day("2024-01-02"), 1.0956}, {day("2024-01-05"), 1.0921}}));
}

TEST(EcbCsvParser, AHeaderWithoutRowsHasNoSeries) {
  EXPECT_TRUE(parse_ecb_exchange_rates("KEY,FREQ,CURRENCY,TIME_PERIOD,OBS_VALUE\n").empty());
}

TEST(EcbCsvParser, AnAnswerCutAnywhereInsideALineIsRefused) {
  // Every cut of the full recording: a cut inside a line (the header included) never yields data; a
  // cut right after a line break yields the complete lines before it, which CSV cannot tell from a
  // whole answer (the host's HTTP client refuses a body shorter than its Content-Length).
  const std::string body = read_fixture("ecb", kFull);
  for (std::size_t cut = 0; cut < body.size(); ++cut) {
    const std::string part = body.substr(0, cut);
    if (cut > 0 && body[cut - 1] == '\n') {
      EXPECT_NO_THROW(parse_ecb_exchange_rates(part)) << cut;
    } else {
      EXPECT_THROW(parse_ecb_exchange_rates(part), MalformedAnswer) << "cut at " << cut << ": " << part;
    }
  }
  EXPECT_THAT(message_of(body.substr(0, body.size() - 1)),
              HasSubstr("has no line break: the answer was cut short"));
  EXPECT_THAT(message_of(body.substr(0, body.size() - 60)), HasSubstr("a quoted field is never closed"));
}

TEST(EcbCsvParser, ARowWithTheWrongNumberOfFieldsIsRefused) {
  EXPECT_THAT(message_of("FREQ,CURRENCY,TIME_PERIOD,OBS_VALUE\nD,USD,2024-01-02,1.09,extra\n"),
              HasSubstr("line 2 has 5 fields, the header 4"));
  EXPECT_THAT(message_of("FREQ,CURRENCY,TIME_PERIOD,OBS_VALUE\nD,USD,2024-01-02\n"),
              HasSubstr("line 2 has 3 fields, the header 4"));
}

TEST(EcbCsvParser, SomethingElseThanExchangeRatesIsRefused) {
  EXPECT_THAT(message_of(""), HasSubstr("not an SDMX CSV answer"));
  EXPECT_THAT(message_of("<!DOCTYPE html>\n<html lang=\"en\"><body>Service Unavailable</body></html>\n"),
              HasSubstr("not an SDMX CSV answer"));
  EXPECT_THAT(message_of("No results found."), HasSubstr("not an SDMX CSV answer"));
  EXPECT_THAT(message_of("FREQ,TIME_PERIOD,OBS_VALUE\nD,2024-01-02,1.09\n"),
              HasSubstr("lacks the column(s) CURRENCY"));
}

TEST(EcbCsvParser, RowsOfAnotherSeriesThanDailyEuroSpotRatesAreRefused) {
  EXPECT_THAT(message_of("FREQ,CURRENCY,TIME_PERIOD,OBS_VALUE\nM,USD,2024-01-02,1.09\n"),
              HasSubstr("line 2: FREQ is 'M', expected 'D'"));
  EXPECT_THAT(message_of("CURRENCY,CURRENCY_DENOM,TIME_PERIOD,OBS_VALUE\nUSD,GBP,2024-01-02,1.09\n"),
              HasSubstr("CURRENCY_DENOM is 'GBP', expected 'EUR'"));
  EXPECT_THAT(message_of("CURRENCY,EXR_TYPE,TIME_PERIOD,OBS_VALUE\nUSD,EN00,2024-01-02,1.09\n"),
              HasSubstr("EXR_TYPE is 'EN00', expected 'SP00'"));
  EXPECT_THAT(message_of("CURRENCY,UNIT_MULT,TIME_PERIOD,OBS_VALUE\nUSD,3,2024-01-02,1.09\n"),
              HasSubstr("UNIT_MULT is '3', expected '0'"));
}

TEST(EcbCsvParser, BadValuesDatesAndCodesAreRefusedNamingTheLine) {
  const std::string header = "CURRENCY,TIME_PERIOD,OBS_VALUE\n";
  EXPECT_THAT(message_of(header + "USD,2024-01-02,1,09\n"), HasSubstr("line 2 has 4 fields"));
  EXPECT_THAT(message_of(header + "USD,2024-01-02,1.09x\n"),
              HasSubstr("line 2: OBS_VALUE '1.09x' is not a positive"));
  EXPECT_THAT(message_of(header + "USD,2024-01-02,-1.09\n"), HasSubstr("is not a positive number"));
  EXPECT_THAT(message_of(header + "USD,2024-01-02,0\n"), HasSubstr("is not a positive number"));
  EXPECT_THAT(message_of(header + "USD,2024-01-02,inf\n"), HasSubstr("is not a positive number"));
  EXPECT_THAT(message_of(header + "USD,02/01/2024,1.09\n"),
              HasSubstr("TIME_PERIOD '02/01/2024' is not a date"));
  EXPECT_THAT(message_of(header + "usd,2024-01-02,1.09\n"),
              HasSubstr("CURRENCY 'usd' is not a currency code"));
  EXPECT_THAT(message_of(header + "USD,2024-01-02,1.09\nUSD,2024-01-02,1.10\n"),
              HasSubstr("USD has two observations for 2024-01-02"));
}

TEST(EcbCsvParser, CurrencyNamesComeFromTheSeriesTitle) {
  EXPECT_EQ(currency_name_from_ecb_title("UK pound sterling/Euro ECB reference exchange rate"),
            "UK pound sterling");
  EXPECT_EQ(currency_name_from_ecb_title("Korean won (Republic)/Euro ECB reference exchange rate"),
            "Korean won (Republic)");
  EXPECT_EQ(currency_name_from_ecb_title(""), "");
  EXPECT_EQ(currency_name_from_ecb_title("no slash here"), "");
}

}  // namespace
}  // namespace pricefeed::forex
