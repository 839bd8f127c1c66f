// The ECB Data Portal's CSV answers (EcbRoutes.cpp) against the recorded ones in tests/fixtures/ecb:
// the full answer's 32 columns row for row, the trimmed recording's dates (TARGET days), values equal
// to the model's, and the API's answers to queries that match nothing.
#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/sandbox/EcbReferenceRates.hpp"
#include "tests/sandbox/SandboxSuite.hpp"
#include "tests/sandbox/TestSupport.hpp"

namespace pricefeed::sandbox {
namespace {

using testing::read_fixture;

constexpr const char* kFullFixture = "ecb/EXR-D.USD.EUR.SP00.A-csvdata-fullcolumns.THIRD-PARTY.csv";
constexpr const char* kTrimmedFixture = "ecb/EXR-D..EUR.SP00.A-csvdata-startPeriod-2026-02-17.TRIMMED.csv";

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    out.push_back(line);
  return out;
}

// The fields of one CSV line (quoted fields may hold commas; none of these holds a line break).
std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (c == '"' && quoted && i + 1 < line.size() && line[i + 1] == '"') {
      out.back() += '"';
      ++i;
    } else if (c == '"') {
      quoted = !quoted;
    } else if (c == ',' && !quoted) {
      out.emplace_back();
    } else {
      out.back() += c;
    }
  }
  return out;
}

std::size_t column(const std::vector<std::string>& header, const std::string& name) {
  for (std::size_t i = 0; i < header.size(); ++i)
    if (header[i] == name) return i;
  ADD_FAILURE() << "no column " << name;
  return 0;
}

// After the recordings: 2026-09-08 12:00 UTC, a Tuesday.
class EcbFormatTest : public testing::SandboxSuite {
 protected:
  static void SetUpTestSuite() { start_sandbox("2026-09-08T12:00:00Z"); }
  void SetUp() override { sandbox_->sandbox().reset(); }

  static HttpResult get(const std::string& target,
                        const std::vector<std::pair<std::string, std::string>>& headers = {}) {
    return sandbox_->get(target, headers);
  }
  static double truth(const std::string& currency, const std::string& date) {
    const auto bars =
        sandbox_->get_json("/__sandbox/truth/EUR" + currency + "=X?from=" + date + "&to=" + date);
    const int decimals =
        EcbReferenceRates(sandbox_->sandbox().model(), sandbox_->sandbox().instruments()).decimals(currency);
    const double scale = std::pow(10.0, decimals);
    return std::round(bars["bars"].at(0)["close"].get<double>() * scale) / scale;
  }
};

TEST_F(EcbFormatTest, FullAnswerHasTheRecordedColumnsAndRowsButForTheValue) {
  const std::vector<std::string> recorded = lines_of(read_fixture(kFullFixture));
  const auto answer =
      get("/service/data/EXR/D.USD.EUR.SP00.A?startPeriod=2026-09-03&endPeriod=2026-09-07&format=csvdata");
  ASSERT_EQ(answer.status, 200u) << answer.body;
  EXPECT_EQ(answer.headers.at("content-type").find("text/csv"), 0u);
  const std::vector<std::string> served = lines_of(answer.body);
  ASSERT_EQ(served.size(), recorded.size()) << answer.body;
  EXPECT_EQ(served[0], recorded[0]);
  const std::size_t value = column(fields_of(recorded[0]), "OBS_VALUE");
  for (std::size_t i = 1; i < recorded.size(); ++i) {
    std::vector<std::string> ours = fields_of(served[i]), theirs = fields_of(recorded[i]);
    ASSERT_EQ(ours.size(), 32u);
    ASSERT_EQ(theirs.size(), 32u);
    EXPECT_DOUBLE_EQ(std::stod(ours[value]), truth("USD", ours[column(fields_of(served[0]), "TIME_PERIOD")]));
    ours[value] = theirs[value] = "(value)";
    EXPECT_EQ(ours, theirs) << "line " << i;
  }
  EXPECT_EQ(answer.body.back(), '\n') << "every line ends with a line break";
}

TEST_F(EcbFormatTest, DataOnlyAnswerHasTheFirstEightColumns) {
  const std::vector<std::string> full = fields_of(lines_of(read_fixture(kFullFixture))[0]);
  const auto answer =
      get("/service/data/EXR/"
          "D.USD.EUR.SP00.A?startPeriod=2026-09-03&endPeriod=2026-09-07&format=csvdata&detail=dataonly");
  ASSERT_EQ(answer.status, 200u);
  const std::vector<std::string> lines = lines_of(answer.body);
  EXPECT_EQ(fields_of(lines[0]), std::vector<std::string>(full.begin(), full.begin() + 8));
  // KEY ... TIME_PERIOD as recorded; OBS_VALUE is the model's.
  const std::vector<std::string> recorded_row = fields_of(lines_of(read_fixture(kFullFixture))[1]);
  const std::vector<std::string> row = fields_of(lines[1]);
  ASSERT_EQ(row.size(), 8u);
  EXPECT_EQ(std::vector<std::string>(row.begin(), row.begin() + 7),
            std::vector<std::string>(recorded_row.begin(), recorded_row.begin() + 7));
}

TEST_F(EcbFormatTest, SeveralCurrenciesComeAsTheRecordedSeriesOnTheRecordedDays) {
  // The trimmed recording: GBP, JPY and USD from 2026-02-17, rows grouped by series, oldest first.
  const std::vector<std::string> recorded = lines_of(read_fixture(kTrimmedFixture));
  const std::vector<std::string> header = fields_of(recorded[0]);
  const auto answer =
      get("/service/data/EXR/D.GBP+JPY+USD.EUR.SP00.A?startPeriod=2026-02-17&endPeriod=2026-02-24"
          "&format=csvdata");
  ASSERT_EQ(answer.status, 200u);
  const std::vector<std::string> served = lines_of(answer.body);
  const std::vector<std::string> served_header = fields_of(served[0]);
  ASSERT_EQ(served.size(), recorded.size());
  for (std::size_t i = 1; i < recorded.size(); ++i) {
    const std::vector<std::string> theirs = fields_of(recorded[i]), ours = fields_of(served[i]);
    for (const char* name : {"FREQ", "CURRENCY", "TIME_PERIOD"}) {
      EXPECT_EQ(ours[column(served_header, name)], theirs[column(header, name)]) << name << " line " << i;
    }
    EXPECT_DOUBLE_EQ(
        std::stod(ours[column(served_header, "OBS_VALUE")]),
        truth(ours[column(served_header, "CURRENCY")], ours[column(served_header, "TIME_PERIOD")]));
  }
}

TEST_F(EcbFormatTest, AllCurrenciesAndTheLastObservation) {
  const auto answer =
      get("/service/data/EXR/D..EUR.SP00.A?lastNObservations=1&format=csvdata&detail=dataonly");
  ASSERT_EQ(answer.status, 200u);
  const std::vector<std::string> lines = lines_of(answer.body);
  ASSERT_EQ(lines.size(), ecb_currencies().size() + 1);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    EXPECT_EQ(fields_of(lines[i])[6], "2026-09-07") << lines[i];  // 8 September's is not out at 12:00 UTC
  }
  // Accept: text/csv stands for format=csvdata.
  EXPECT_EQ(get("/service/data/EXR/D.USD.EUR.SP00.A?lastNObservations=2", {{"Accept", "text/csv"}}).status,
            200u);
}

TEST_F(EcbFormatTest, QueriesMatchingNothingAreNoResultsFound) {
  for (const char*
           target : {
               "/service/data/EXR/D.XXX.EUR.SP00.A?format=csvdata",  // unknown
               "/service/data/EXR/"
               "D.USD.EUR.SP00.A?startPeriod=2026-09-05&endPeriod=2026-09-06&format=csvdata",  // weekend
               "/service/data/EXR/"
               "D.USD.EUR.SP00.A?startPeriod=1998-01-01&endPeriod=1998-12-31&format=csvdata",  // before
               "/service/data/EXR/M.USD.EUR.SP00.A?format=csvdata"}) {                         // monthly
    const auto answer = get(target);
    EXPECT_EQ(answer.status, 404u) << target;
    EXPECT_EQ(answer.body, "No results found.") << target;
  }
  EXPECT_EQ(get("/service/data/EXR/D.USD.EUR?format=csvdata").status, 400u);
  EXPECT_EQ(get("/service/data/EXR/D.USD.EUR.SP00.A?startPeriod=yesterday&format=csvdata").status, 400u);
  EXPECT_EQ(get("/service/data/EXR/D.USD.EUR.SP00.A").status, 406u) << "only CSV is served";
}

TEST_F(EcbFormatTest, MalformedFaultCutsTheAnswerInsideARow) {
  sandbox_->post("/__sandbox/faults", R"({"route":"ecb.exr","kind":"malformed","symbol":"USD"})");
  const auto answer =
      get("/service/data/EXR/D.USD.EUR.SP00.A?startPeriod=2026-09-01&endPeriod=2026-09-07&format=csvdata");
  EXPECT_EQ(answer.status, 200u);
  ASSERT_FALSE(answer.body.empty());
  EXPECT_NE(answer.body.back(), '\n');
}

}  // namespace
}  // namespace pricefeed::sandbox
