// The yahoo plugin's quotes through its real C ABI: the cookie + crumb handshake, the session kept in
// the host's cache, a refused crumb renewed once, batches, and symbols Yahoo does not know. The test
// host answers like Yahoo: a cookie host, /v1/test/getcrumb, and /v7/finance/quote built from the
// recorded quote answers.

#include <atomic>
#include <cmath>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/plugins/support/Fixtures.hpp"
#include "tests/plugins/support/PluginFixture.hpp"
#include "tests/plugins/support/PluginTestHost.hpp"

namespace pricefeed::yahoo {
namespace {

using namespace plugins::test;
using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

const std::string kBase = "http://yahoo.test";
const std::string kConfig = R"({"plugin":"yahoo","base_url":"http://yahoo.test"})";
const std::string kCookie =
    "A3=d=AQABBKx1ZmcCEFoUn4k5G8mSpVkFhEgHyJUFEgEBAQHMZ2dzaAAAAAAA_eMAAA&S=AQAAAs3Zx0yq";
const std::string kSetCookie = kCookie +
                               "; Expires=Sun, 21 Feb 2026 14:00:00 GMT; Max-Age=31557600; Path=/; "
                               "Domain=.yahoo.com; Secure; SameSite=None";

std::string percent_decoded(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      out += static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// The decoded value of one query parameter of a URL ("" when absent).
std::string query_value(const std::string& url, const std::string& key) {
  const auto question = url.find('?');
  if (question == std::string::npos) return "";
  std::size_t start = question + 1;
  for (;;) {
    const auto end = url.find('&', start);
    const std::string pair = url.substr(start, end - start);
    if (pair.rfind(key + "=", 0) == 0) return percent_decoded(pair.substr(key.size() + 1));
    if (end == std::string::npos) return "";
    start = end + 1;
  }
}

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    const auto comma = text.find(',', start);
    out.push_back(text.substr(start, comma - start));
    if (comma == std::string::npos) return out;
    start = comma + 1;
  }
}

// Yahoo, as far as quotes go. Instruments are the recorded quote entries, plus any added by a test.
class FakeYahoo {
 public:
  FakeYahoo() {
    for (const std::string& name : fixture_names("yahoo", "quote-", ".json")) {
      const json recorded = json::parse(read_yahoo_fixture(name));
      for (const json& entry : recorded["quoteResponse"]["result"]) {
        instruments_[entry["symbol"].get<std::string>()] = entry;
      }
    }
  }

  void add(const std::string& ticker, json entry) {
    std::lock_guard lock(mutex_);
    entry["symbol"] = ticker;
    instruments_[ticker] = std::move(entry);
  }
  json entry(const std::string& ticker) const {
    std::lock_guard lock(mutex_);
    return instruments_.at(ticker);
  }
  // Yahoo drops every crumb it issued: the next quote is refused until a new handshake.
  void revoke_crumbs() { ++generation_; }
  void refuse_every_crumb() { refuse_all_ = true; }
  std::string crumb() const {
    return generation_ == 0 ? "haT3oykhHqZ" : "crumb" + std::to_string(generation_);
  }

  CannedAnswer answer(const std::string& url) {
    if (url == kBase + "/") {
      return {404,
              "<html><body>Not Found</body></html>",
              {{"Set-Cookie", kSetCookie}, {"Content-Type", "text/html"}}};
    }
    if (url == kBase + "/v1/test/getcrumb") {
      issued_ = generation_.load();
      return {200, crumb(), {{"Content-Type", "text/plain"}}};
    }
    if (url.rfind(kBase + "/v7/finance/quote?", 0) == 0) {
      ++quote_requests_;
      if (refuse_all_ || query_value(url, "crumb") != crumb() || issued_ != generation_) {
        return {401, read_yahoo_fixture("401-invalid-crumb.FROM-LOG.json")};
      }
      json result = json::array();
      std::lock_guard lock(mutex_);
      for (const std::string& symbol : split_commas(query_value(url, "symbols"))) {
        if (const auto it = instruments_.find(symbol); it != instruments_.end()) result.push_back(it->second);
      }
      return {200, json{{"quoteResponse", {{"result", result}, {"error", nullptr}}}}.dump()};
    }
    return {599, "no such Yahoo endpoint: " + url};
  }

  int quote_requests() const { return quote_requests_; }

 private:
  mutable std::mutex mutex_;
  std::map<std::string, json> instruments_;
  std::atomic<int> generation_{0};
  std::atomic<int> issued_{-1};
  std::atomic<bool> refuse_all_{false};
  std::atomic<int> quote_requests_{0};
};

class YahooQuotes : public PluginFixture {
 protected:
  void SetUp() override {
    load(YAHOO_PLUGIN_PATH, utc_midnight(2025, 2, 18) + 15 * 3600);
    host_->otherwise([this](const std::string& url) { return yahoo_.answer(url); });
    instance_ = create(kConfig);
    ASSERT_NE(instance_, nullptr);
  }

  pricefeed_status quotes(TestCall& call, const std::vector<std::string>& symbols,
                          std::uint32_t asset_class = PRICEFEED_CLASS_STOCK,
                          pricefeed_instance_plugin_owned* instance = nullptr) {
    const pricefeed_status status =
        host_->fetch_quotes(instance != nullptr ? instance : instance_, call, symbols, {}, asset_class);
    EXPECT_EQ(call.responses_released, call.responses.size()) << "every HTTP answer must be released";
    return status;
  }

  std::string quote_url(const std::string& symbols_escaped, const std::string& crumb = "haT3oykhHqZ") {
    return kBase + "/v7/finance/quote?symbols=" + symbols_escaped + "&crumb=" + crumb;
  }

  FakeYahoo yahoo_;
};

TEST_F(YahooQuotes, CookieThenCrumbThenOneQuoteRequest) {
  TestCall call;
  ASSERT_EQ(quotes(call, {"AAPL", "BABA"}), PRICEFEED_OK) << call.last_error();

  ASSERT_EQ(call.requests.size(), 3u);
  // 1. The cookie host (here base_url itself: not Yahoo's own host): a 404 that sets the cookie.
  EXPECT_EQ(call.requests[0].url, kBase + "/");
  EXPECT_THAT(call.requests[0].header("User-Agent").value_or(""), StartsWith("Mozilla/5.0"));
  EXPECT_EQ(call.requests[0].header("Cookie"), std::nullopt);
  // 2. The crumb for that cookie: only the name=value part of Set-Cookie goes back.
  EXPECT_EQ(call.requests[1].url, kBase + "/v1/test/getcrumb");
  EXPECT_EQ(call.requests[1].header("Cookie"), kCookie);
  // 3. Both symbols in one request, with the cookie and the crumb.
  EXPECT_EQ(call.requests[2].url, quote_url("AAPL%2CBABA"));
  EXPECT_EQ(call.requests[2].header("Cookie"), kCookie);
  EXPECT_EQ(call.requests[2].header("Accept"), "application/json");

  ASSERT_EQ(call.quotes.size(), 2u);
  EXPECT_EQ(call.quote_symbols, (std::vector<std::string>{"AAPL", "BABA"}));
  EXPECT_EQ(call.quote_currencies, (std::vector<std::string>{"USD", "USD"}));
  const pricefeed_quote& apple = call.quotes[0];
  EXPECT_EQ(apple.struct_size, sizeof(pricefeed_quote));
  EXPECT_DOUBLE_EQ(apple.price, 244.6);
  EXPECT_EQ(apple.ts, 1739566800);
  EXPECT_DOUBLE_EQ(apple.open, 241.07);
  EXPECT_DOUBLE_EQ(apple.high, 245.41);
  EXPECT_DOUBLE_EQ(apple.low, 241);
  EXPECT_DOUBLE_EQ(apple.volume, 40896227);
  EXPECT_DOUBLE_EQ(apple.previous_close, 241.53);
  EXPECT_DOUBLE_EQ(call.quotes[1].price, 124.73);
  EXPECT_TRUE(call.errors.empty());
}

TEST_F(YahooQuotes, TheSessionIsKeptInTheHostCacheForLaterCalls) {
  TestCall first;
  ASSERT_EQ(quotes(first, {"AAPL"}), PRICEFEED_OK) << first.last_error();
  ASSERT_EQ(first.requests.size(), 3u);
  const auto cache = host_->cache();
  ASSERT_EQ(cache.count("yahoo.quote-session"), 1u);
  EXPECT_EQ(cache.at("yahoo.quote-session"), kCookie + "\nhaT3oykhHqZ");

  for (int i = 0; i < 3; ++i) {
    TestCall later;
    ASSERT_EQ(quotes(later, {"BABA"}), PRICEFEED_OK) << later.last_error();
    ASSERT_EQ(later.requests.size(), 1u);  // no handshake
    EXPECT_EQ(later.requests[0].url, quote_url("BABA"));
    EXPECT_EQ(later.requests[0].header("Cookie"), kCookie);
  }
  // Another instance of the plugin (another source) with the same host cache finds it too.
  TestCall other;
  ASSERT_EQ(quotes(other, {"AAPL"}, PRICEFEED_CLASS_STOCK, create(kConfig)), PRICEFEED_OK);
  EXPECT_EQ(other.requests.size(), 1u);
}

TEST_F(YahooQuotes, ARefusedCrumbIsRenewedOnceAndTheQuoteAskedAgain) {
  TestCall first;
  ASSERT_EQ(quotes(first, {"AAPL"}), PRICEFEED_OK) << first.last_error();
  yahoo_.revoke_crumbs();

  TestCall call;
  ASSERT_EQ(quotes(call, {"AAPL"}), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.requests.size(), 4u);
  EXPECT_EQ(call.requests[0].url, quote_url("AAPL"));  // the cached crumb: 401
  EXPECT_EQ(call.requests[1].url, kBase + "/");
  EXPECT_EQ(call.requests[2].url, kBase + "/v1/test/getcrumb");
  EXPECT_EQ(call.requests[3].url, quote_url("AAPL", "crumb1"));
  ASSERT_EQ(call.quotes.size(), 1u);
  EXPECT_TRUE(call.errors.empty());
  EXPECT_EQ(host_->cache().at("yahoo.quote-session"), kCookie + "\ncrumb1");
  EXPECT_THAT(call.logs, testing::Contains(HasSubstr("renewing the session")));
}

TEST_F(YahooQuotes, ASecondRefusalIsPermanentAndNeverShowsTheCrumb) {
  yahoo_.refuse_every_crumb();
  TestCall call;
  EXPECT_EQ(quotes(call, {"AAPL"}), PRICEFEED_PERMANENT);
  // Handshake, quote (401), handshake again, quote (401): then it stops.
  ASSERT_EQ(call.requests.size(), 6u);
  EXPECT_EQ(yahoo_.quote_requests(), 2);
  EXPECT_THAT(call.last_error(), HasSubstr("answered HTTP 401 again"));
  EXPECT_THAT(call.last_error(), HasSubstr("'Unauthorized': Invalid Crumb"));
  EXPECT_THAT(call.last_error(), HasSubstr(kBase + "/v7/finance/quote?symbols=AAPL&crumb=REDACTED"));
  EXPECT_THAT(call.last_error(), Not(HasSubstr("haT3oykhHqZ")));
  EXPECT_THAT(call.last_error(), Not(HasSubstr("AQABBK")));
}

TEST_F(YahooQuotes, FiftySymbolsGoInOneRequestInTheOrderAsked) {
  std::vector<std::string> symbols;
  std::string escaped;
  for (int i = 0; i < 50; ++i) {
    const std::string symbol = "S" + std::to_string(100 + i);
    json entry = yahoo_.entry("AAPL");
    entry["regularMarketPrice"] = 100.0 + i;
    yahoo_.add(symbol, entry);
    symbols.push_back(symbol);
    escaped += (i == 0 ? "" : "%2C") + symbol;
  }
  EXPECT_EQ(host_->descriptor().max_quote_batch, 50u);
  TestCall call;
  ASSERT_EQ(quotes(call, symbols), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.requests.size(), 3u);
  EXPECT_EQ(call.requests[2].url, quote_url(escaped));
  ASSERT_EQ(call.quotes.size(), 50u);
  for (std::size_t i = 0; i < 50; ++i) {
    EXPECT_EQ(call.quote_symbols[i], symbols[i]);
    EXPECT_DOUBLE_EQ(call.quotes[i].price, 100.0 + static_cast<double>(i));
  }
}

TEST_F(YahooQuotes, MoreThanABatchIsSplitIntoRequestsOfFifty) {
  // The host never asks for more than max_quote_batch; if it did, Yahoo would still see at most 50.
  std::vector<std::string> symbols;
  for (int i = 0; i < 120; ++i) {
    const std::string symbol = "T" + std::to_string(1000 + i);
    yahoo_.add(symbol, yahoo_.entry("AAPL"));
    symbols.push_back(symbol);
  }
  TestCall call;
  ASSERT_EQ(quotes(call, symbols), PRICEFEED_OK) << call.last_error();
  EXPECT_EQ(yahoo_.quote_requests(), 3);
  EXPECT_EQ(call.quotes.size(), 120u);
  for (const RecordedRequest& request : call.requests) {
    if (request.url.find("/v7/finance/quote") == std::string::npos) continue;
    EXPECT_LE(split_commas(query_value(request.url, "symbols")).size(), 50u);
  }
}

TEST_F(YahooQuotes, SymbolsYahooDoesNotKnowGetNoQuoteAndTheOthersDo) {
  TestCall call;
  ASSERT_EQ(quotes(call, {"AAPL", "NOSUCH", "BABA", "DELISTED"}), PRICEFEED_OK) << call.last_error();
  EXPECT_EQ(call.quote_symbols, (std::vector<std::string>{"AAPL", "BABA"}));
  EXPECT_TRUE(call.errors.empty());
  EXPECT_THAT(call.logs, testing::Contains(AllOf(HasSubstr("no Yahoo quote for"), HasSubstr("'NOSUCH'"),
                                                 HasSubstr("'DELISTED'"))));
}

TEST_F(YahooQuotes, NoQuoteAtAllIsNotFoundNamingTheSymbols) {
  TestCall call;
  EXPECT_EQ(quotes(call, {"NOSUCH", "XXXX"}), PRICEFEED_NOT_FOUND);
  EXPECT_THAT(call.last_error(), HasSubstr("no Yahoo quote for 'NOSUCH', 'XXXX'"));
  EXPECT_TRUE(call.quotes.empty());
}

TEST_F(YahooQuotes, SymbolsBecomeYahooTickersAndQuotesKeepTheAskedSymbol) {
  struct Case {
    std::string symbol;
    std::uint32_t asset_class;
    std::string escaped_ticker;
    std::string currency;
  };
  yahoo_.add("BRK-B", yahoo_.entry("AAPL"));
  for (const Case& c : std::vector<Case>{
           {"BRK.B", PRICEFEED_CLASS_STOCK, "BRK-B", "USD"},
           {"GOLD", PRICEFEED_CLASS_COMMODITY, "GC%3DF", "USD"},
           {"EURUSD", PRICEFEED_CLASS_FOREX, "EURUSD%3DX", "USD"},
           {"BTC", PRICEFEED_CLASS_CRYPTO, "BTC-USD", "USD"},
       }) {
    SCOPED_TRACE(c.symbol);
    TestCall call;
    ASSERT_EQ(quotes(call, {c.symbol}, c.asset_class), PRICEFEED_OK) << call.last_error();
    EXPECT_EQ(call.requests.back().url, quote_url(c.escaped_ticker));
    ASSERT_EQ(call.quote_symbols, std::vector<std::string>{c.symbol});
    EXPECT_EQ(call.quote_currencies[0], c.currency);
  }
}

TEST_F(YahooQuotes, TheCatalogsSourceIdWins) {
  TestCall call;
  ASSERT_EQ(host_->fetch_quotes(instance_, call, {"GOLD"}, {"GC=F"}, PRICEFEED_CLASS_COMMODITY),
            PRICEFEED_OK);
  EXPECT_EQ(call.requests.back().url, quote_url("GC%3DF"));
  EXPECT_EQ(call.quote_symbols, std::vector<std::string>{"GOLD"});
}

TEST_F(YahooQuotes, TwoSymbolsForOneTickerAreAskedOnceAndBothAnswered) {
  TestCall call;
  ASSERT_EQ(quotes(call, {"GOLD", "GC=F"}, PRICEFEED_CLASS_COMMODITY), PRICEFEED_OK) << call.last_error();
  EXPECT_EQ(call.requests.back().url, quote_url("GC%3DF"));
  EXPECT_EQ(call.quote_symbols, (std::vector<std::string>{"GOLD", "GC=F"}));
  EXPECT_DOUBLE_EQ(call.quotes[0].price, 2910.3);
  EXPECT_DOUBLE_EQ(call.quotes[1].price, 2910.3);
}

TEST_F(YahooQuotes, ACommodityWithoutATickerCostsNoRequest) {
  TestCall call;
  EXPECT_EQ(quotes(call, {"UNOBTAINIUM"}, PRICEFEED_CLASS_COMMODITY), PRICEFEED_NOT_FOUND);
  EXPECT_TRUE(call.requests.empty());
  EXPECT_THAT(call.last_error(), HasSubstr("'UNOBTAINIUM'"));

  TestCall mixed;
  ASSERT_EQ(quotes(mixed, {"UNOBTAINIUM", "SILVER", "GOLD"}, PRICEFEED_CLASS_COMMODITY), PRICEFEED_OK);
  EXPECT_EQ(mixed.requests.back().url, quote_url("SI%3DF%2CGC%3DF"));
  EXPECT_EQ(mixed.quote_symbols, std::vector<std::string>{"GOLD"});  // this fake Yahoo knows no SI=F
}

TEST_F(YahooQuotes, AbsentSessionValuesReachTheHostAsNaN) {
  json entry = yahoo_.entry("AAPL");
  for (const char* key : {"regularMarketOpen", "regularMarketDayHigh", "regularMarketDayLow",
                          "regularMarketVolume", "regularMarketPreviousClose"}) {
    entry.erase(key);
  }
  entry["currency"] = "GBp";
  yahoo_.add("OCDO.L", entry);
  TestCall call;
  ASSERT_EQ(quotes(call, {"OCDO.L"}), PRICEFEED_OK) << call.last_error();
  ASSERT_EQ(call.quotes.size(), 1u);
  EXPECT_DOUBLE_EQ(call.quotes[0].price, 244.6);
  EXPECT_EQ(call.quote_currencies[0], "GBp");
  EXPECT_TRUE(std::isnan(call.quotes[0].open));
  EXPECT_TRUE(std::isnan(call.quotes[0].high));
  EXPECT_TRUE(std::isnan(call.quotes[0].low));
  EXPECT_TRUE(std::isnan(call.quotes[0].volume));
  EXPECT_TRUE(std::isnan(call.quotes[0].previous_close));
}

TEST_F(YahooQuotes, ACookieHostThatSetsNoCookieIsExplained) {
  host_->answer(kBase + "/", {404, "<html>Not Found</html>"});
  TestCall call;
  EXPECT_EQ(quotes(call, {"AAPL"}), PRICEFEED_PERMANENT);
  EXPECT_EQ(call.requests.size(), 1u);
  EXPECT_THAT(call.last_error(),
              HasSubstr("GET " + kBase + "/ answered HTTP 404 without a usable Set-Cookie"));
  EXPECT_THAT(call.last_error(), HasSubstr("crumb_base_url"));

  host_->answer(kBase + "/", {503, "Service Unavailable"});
  TestCall failing;
  EXPECT_EQ(quotes(failing, {"AAPL"}), PRICEFEED_TRANSIENT);
}

TEST_F(YahooQuotes, ARefusedOrOddCrumbAnswerIsPermanent) {
  host_->answer(
      kBase + "/v1/test/getcrumb",
      {401, R"({"finance":{"result":null,"error":{"code":"Unauthorized","description":"Invalid Cookie"}}})"});
  TestCall refused;
  EXPECT_EQ(quotes(refused, {"AAPL"}), PRICEFEED_PERMANENT);
  EXPECT_THAT(refused.last_error(), HasSubstr("Yahoo refused the cookie from " + kBase));
  EXPECT_THAT(refused.last_error(), HasSubstr("Invalid Cookie"));
  EXPECT_THAT(refused.last_error(), Not(HasSubstr("AQABBK")));

  host_->answer(kBase + "/v1/test/getcrumb", {200, "<html><body>Please accept our cookies</body></html>"});
  TestCall page;
  EXPECT_EQ(quotes(page, {"AAPL"}), PRICEFEED_PERMANENT);
  EXPECT_THAT(page.last_error(), HasSubstr("something that is not a crumb"));
  EXPECT_TRUE(host_->cache().empty());

  host_->answer(kBase + "/v1/test/getcrumb", {502, "Bad Gateway"});
  TestCall failing;
  EXPECT_EQ(quotes(failing, {"AAPL"}), PRICEFEED_TRANSIENT);
}

TEST_F(YahooQuotes, QuoteStatusesMapToTheHostsOutcomes) {
  TestCall warm;
  ASSERT_EQ(quotes(warm, {"AAPL"}), PRICEFEED_OK);
  struct Case {
    int status;
    std::string body;
    pricefeed_status expected;
  };
  for (const Case& c : std::vector<Case>{
           {503, R"({"finance":{"result":null,"error":{"code":"Service Unavailable","description":"down"}}})",
            PRICEFEED_TRANSIENT},
           {500, "oops", PRICEFEED_TRANSIENT},
           {400,
            R"({"finance":{"result":null,"error":{"code":"Bad Request","description":"Missing value"}}})",
            PRICEFEED_PERMANENT},
           {404,
            R"({"finance":{"result":null,"error":{"code":"Not Found","description":"Quote not found"}}})",
            PRICEFEED_NOT_FOUND},
           {200, "<html>Oops", PRICEFEED_TRANSIENT},
           {200, R"({"quoteResponse":{"result":null,"error":{"code":"Bad","description":"no"}}})",
            PRICEFEED_PERMANENT},
       }) {
    SCOPED_TRACE(std::to_string(c.status) + " " + c.body);
    host_->answer(quote_url("AAPL"), {c.status, c.body});
    TestCall call;
    EXPECT_EQ(quotes(call, {"AAPL"}), c.expected);
    EXPECT_THAT(call.last_error(), HasSubstr(kBase + "/v7/finance/quote?symbols=AAPL&crumb=REDACTED"));
  }
}

TEST_F(YahooQuotes, RateLimitsArePassedOnUntouched) {
  host_->rate_limit_everything(12000);
  TestCall call;
  EXPECT_EQ(quotes(call, {"AAPL"}), PRICEFEED_RATE_LIMITED);
  ASSERT_EQ(call.errors.size(), 1u);
  EXPECT_EQ(call.retry_after_ms, 12000);
}

TEST_F(YahooQuotes, TheCookieComesFromYahoosCookieHostUnlessConfigured) {
  TestCall real;
  pricefeed_instance_plugin_owned* yahoo = create(R"({"base_url":"https://query1.finance.yahoo.com"})");
  EXPECT_EQ(quotes(real, {"AAPL"}, PRICEFEED_CLASS_STOCK, yahoo), PRICEFEED_TRANSIENT);  // 599: no such host
  ASSERT_FALSE(real.requests.empty());
  EXPECT_EQ(real.requests[0].url, "https://fc.yahoo.com/");

  TestCall configured;
  pricefeed_instance_plugin_owned* own =
      create(R"({"base_url":"https://query2.finance.yahoo.com","crumb_base_url":"http://cookies.test"})");
  quotes(configured, {"AAPL"}, PRICEFEED_CLASS_STOCK, own);
  ASSERT_FALSE(configured.requests.empty());
  EXPECT_EQ(configured.requests[0].url, "http://cookies.test/");
}

TEST_F(YahooQuotes, OneInstanceQuotesFromSeveralThreadsAtOnce) {
  const CallsAtOnce at_once = call_from_threads(4, 10, [&](std::size_t, TestCall& call) {
    return host_->fetch_quotes(instance_, call, {"AAPL", "BABA"}, {}, PRICEFEED_CLASS_STOCK);
  });
  for (std::size_t i = 0; i < at_once.calls.size(); ++i) {
    EXPECT_EQ(at_once.statuses[i], PRICEFEED_OK) << at_once.calls[i].last_error();
    EXPECT_EQ(at_once.calls[i].quotes.size(), 2u);
  }
}

}  // namespace
}  // namespace pricefeed::yahoo
