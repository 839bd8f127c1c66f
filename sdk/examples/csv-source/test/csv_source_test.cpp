// The csv example plugin, tested the way the host uses it: dlopen the built csv.so, check its ABI
// version, call its entry point with a small test host table, and drive an instance through the C ABI
// against CSV files in a temporary directory. Nothing of the plugin's C++ is linked in.
//
// PRICEFEED_CSV_PLUGIN=<path to csv.so> runs the same tests against another build of the plugin
// (one built with clang and libc++, say).
#include <dlfcn.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include "pricefeed/sdk.h"

namespace {

namespace fs = std::filesystem;

constexpr std::int64_t kDay = 86400;
constexpr std::int64_t kJan1st2024 = 1704067200;  // 2024-01-01T00:00:00Z
constexpr std::int64_t jan(int day) {
  return kJan1st2024 + (day - 1) * kDay;
}
constexpr std::int64_t kForever = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kEver = std::numeric_limits<std::int64_t>::min();
constexpr std::uint32_t kAllClasses = PRICEFEED_CLASS_STOCK | PRICEFEED_CLASS_CRYPTO |
                                      PRICEFEED_CLASS_COMMODITY | PRICEFEED_CLASS_FOREX |
                                      PRICEFEED_CLASS_BOND;

std::string str(pricefeed_str s) {
  return s.data ? std::string(s.data, s.size) : std::string();
}
pricefeed_str borrow(const std::string& s) {
  return pricefeed_str{s.data(), s.size()};
}

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// ---- A minimal host: each call into the plugin gets a Call that collects what it was told ---------

struct Call {
  std::vector<std::string> errors;
  std::vector<std::string> logs;  // "<level> <message> key=value ..."

  std::string error() const {
    std::string all;
    for (const std::string& e : errors)
      all += (all.empty() ? "" : " | ") + e;
    return all;
  }
};

Call& call_of(pricefeed_call_host_owned* call) {
  return *reinterpret_cast<Call*>(call);
}
pricefeed_call_host_owned* handle(Call& call) {
  return reinterpret_cast<pricefeed_call_host_owned*>(&call);
}

pricefeed_host_api make_host() {
  pricefeed_host_api api{};
  api.struct_size = sizeof(api);
  api.abi_version = PRICEFEED_ABI_VERSION;
  api.log = [](pricefeed_call_host_owned* call, std::int32_t level, pricefeed_str message,
               const pricefeed_kv* fields, std::size_t count) {
    std::string line = std::to_string(level) + " " + str(message);
    for (std::size_t i = 0; i < count; ++i)
      line += " " + str(fields[i].key) + "=" + str(fields[i].value);
    call_of(call).logs.push_back(line);
  };
  api.set_error = [](pricefeed_call_host_owned* call, pricefeed_str message) {
    call_of(call).errors.push_back(str(message));
  };
  api.set_retry_after = [](pricefeed_call_host_owned*, std::int64_t) {};
  api.http = [](pricefeed_call_host_owned* call, const pricefeed_http_request*,
                pricefeed_http_response_host_owned** response) -> pricefeed_status {
    *response = nullptr;
    call_of(call).errors.push_back("the test host has no network");
    return PRICEFEED_TRANSIENT;
  };
  api.http_release = [](pricefeed_call_host_owned*, pricefeed_http_response_host_owned*) {};
  api.now_ms = [](pricefeed_call_host_owned*) -> std::int64_t { return 1735689600000; };
  api.is_cancelled = [](pricefeed_call_host_owned*) -> std::int32_t { return 0; };
  api.cache_get = [](pricefeed_call_host_owned*, pricefeed_str, pricefeed_receive_str,
                     void*) -> std::int32_t { return 0; };
  api.cache_put = [](pricefeed_call_host_owned*, pricefeed_str, pricefeed_str, std::int64_t) {};
  return api;
}

const pricefeed_host_api kHost = make_host();

// ---- Loading: once per process, in the host's order (the version, then the entry) ----------------

struct Plugin {
  std::uint32_t abi_version = 0;
  const pricefeed_source_descriptor* descriptor = nullptr;
  std::string error;
};

const char* plugin_path() {
  const char* path = std::getenv("PRICEFEED_CSV_PLUGIN");
  return path && *path ? path : CSV_PLUGIN_PATH;
}

// Another build may be named otherwise (CSV_SOURCE_NAME): CI's clang/libc++ build is "csv_libcxx".
const char* plugin_name() {
  const char* name = std::getenv("PRICEFEED_CSV_PLUGIN_NAME");
  return name && *name ? name : "csv";
}

const Plugin& plugin() {
  static const Plugin loaded = [] {
    Plugin p;
    void* library = dlopen(plugin_path(), RTLD_NOW | RTLD_LOCAL);  // kept loaded, as the host does
    if (library == nullptr) {
      p.error = dlerror();
      return p;
    }
    auto version = reinterpret_cast<pricefeed_abi_version_fn>(dlsym(library, PRICEFEED_ABI_VERSION_SYMBOL));
    auto entry = reinterpret_cast<pricefeed_plugin_entry_fn>(dlsym(library, PRICEFEED_PLUGIN_ENTRY_SYMBOL));
    if (version == nullptr || entry == nullptr) {
      p.error = "an entry symbol is missing";
      return p;
    }
    p.abi_version = version();
    if (PRICEFEED_ABI_MAJOR_OF(p.abi_version) != PRICEFEED_ABI_MAJOR ||
        PRICEFEED_ABI_MINOR_OF(p.abi_version) > PRICEFEED_ABI_MINOR) {
      p.error = "ABI version " + std::to_string(p.abi_version) + " is not this host's";
      return p;
    }
    if (entry(&kHost, &p.descriptor) != 0 || p.descriptor == nullptr) p.error = "the entry point failed";
    return p;
  }();
  return loaded;
}

// ---- Sinks that copy what they are given, as the host's do --------------------------------------

struct Quote {
  std::string symbol, currency;
  double price, open, high, low, volume, previous_close;
  std::int64_t ts;
};

struct Asset {
  std::string symbol, source_id, name, currency;
  std::uint32_t asset_class;
};

struct Collected {
  pricefeed_flow answer = PRICEFEED_CONTINUE;  // what the sinks answer: CONTINUE, or STOP
  int batches = 0;
  std::vector<pricefeed_bar> bars;
  std::vector<Quote> quotes;
  std::vector<Asset> assets;
};

template <class T>
const T& element(const T* items, std::size_t i, std::size_t element_size) {
  EXPECT_EQ(element_size, sizeof(T));
  return *reinterpret_cast<const T*>(reinterpret_cast<const char*>(items) + i * element_size);
}

Collected& collected(void* state) {
  return *static_cast<Collected*>(state);
}

pricefeed_history_sink history_sink(Collected& into) {
  pricefeed_history_sink sink{};
  sink.struct_size = sizeof(sink);
  sink.host_state = &into;
  sink.bars = [](void* state, const pricefeed_bar* bars, std::size_t count, std::size_t size) {
    ++collected(state).batches;
    for (std::size_t i = 0; i < count; ++i)
      collected(state).bars.push_back(element(bars, i, size));
    return collected(state).answer;
  };
  sink.action = [](void* state, const pricefeed_action*) { return collected(state).answer; };
  sink.unavailable = [](void* state, std::int64_t, std::int64_t, pricefeed_str) {
    return collected(state).answer;
  };
  return sink;
}

pricefeed_quote_sink quote_sink(Collected& into) {
  pricefeed_quote_sink sink{};
  sink.struct_size = sizeof(sink);
  sink.host_state = &into;
  sink.quotes = [](void* state, const pricefeed_quote* quotes, std::size_t count, std::size_t size) {
    ++collected(state).batches;
    for (std::size_t i = 0; i < count; ++i) {
      const pricefeed_quote& q = element(quotes, i, size);
      collected(state).quotes.push_back(Quote{str(q.symbol), str(q.currency), q.price, q.open, q.high, q.low,
                                              q.volume, q.previous_close, q.ts});
    }
    return collected(state).answer;
  };
  return sink;
}

pricefeed_asset_sink asset_sink(Collected& into) {
  pricefeed_asset_sink sink{};
  sink.struct_size = sizeof(sink);
  sink.host_state = &into;
  sink.assets = [](void* state, const pricefeed_asset* assets, std::size_t count, std::size_t size) {
    ++collected(state).batches;
    for (std::size_t i = 0; i < count; ++i) {
      const pricefeed_asset& a = element(assets, i, size);
      collected(state).assets.push_back(
          Asset{str(a.symbol), str(a.source_id), str(a.name), str(a.currency), a.asset_class});
    }
    return collected(state).answer;
  };
  return sink;
}

// ---- The fixture: a temporary price directory and one instance ----------------------------------

struct Result {
  pricefeed_status status = -1;
  Call call;
};

class CsvSource : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NE(plugin().descriptor, nullptr) << plugin_path() << ": " << plugin().error;
    d_ = plugin().descriptor;
    std::string dir = (fs::temp_directory_path() / "csv-source-test-XXXXXX").string();
    ASSERT_NE(mkdtemp(dir.data()), nullptr);
    dir_ = dir;
  }

  void TearDown() override {
    if (instance_ != nullptr) d_->destroy(instance_);
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }

  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }

  Result create(const std::string& config_json) {
    if (instance_ != nullptr) d_->destroy(instance_);
    instance_ = nullptr;
    Result r;
    r.status = d_->create(handle(r.call), borrow(config_json), &instance_);
    return r;
  }

  // An instance over dir_ (or `dir`) with the host's own keys around it, as the host hands them over.
  Result create_over(const std::string& more = "", const fs::path& dir = {}) {
    return create(R"({"plugin": "csv", "requests_per_minute": 60, "dir": )" +
                  json_string((dir.empty() ? dir_ : dir).string()) + more + "}");
  }

  bool ready(const std::string& more = "", const fs::path& dir = {}) {
    Result r = create_over(more, dir);
    EXPECT_EQ(r.status, PRICEFEED_OK) << r.call.error();
    return r.status == PRICEFEED_OK;
  }

  Result history(const std::string& symbol, std::int64_t start = kEver, std::int64_t end = kForever,
                 std::uint32_t asset_class = PRICEFEED_CLASS_STOCK,
                 std::uint32_t resolution = PRICEFEED_RES_1D, const std::string& source_id = "") {
    fresh();
    pricefeed_history_request request{};
    request.struct_size = sizeof(request);
    request.symbol = borrow(symbol);
    request.source_id = borrow(source_id);
    request.asset_class = asset_class;
    request.resolution = resolution;
    request.start = start;
    request.end = end;
    pricefeed_history_sink sink = history_sink(got_);
    Result r;
    r.status = d_->fetch_history(instance_, handle(r.call), &request, &sink);
    return r;
  }

  Result quotes(const std::vector<std::string>& symbols, std::uint32_t asset_class = PRICEFEED_CLASS_STOCK) {
    fresh();
    std::vector<pricefeed_str> names, ids(symbols.size(), pricefeed_str{"", 0});
    for (const std::string& s : symbols)
      names.push_back(borrow(s));
    pricefeed_quote_request request{};
    request.struct_size = sizeof(request);
    request.symbols = names.data();
    request.source_ids = ids.data();
    request.count = names.size();
    request.asset_class = asset_class;
    pricefeed_quote_sink sink = quote_sink(got_);
    Result r;
    r.status = d_->fetch_quotes(instance_, handle(r.call), &request, &sink);
    return r;
  }

  Result assets(std::uint32_t asset_classes = kAllClasses) {
    fresh();
    pricefeed_asset_sink sink = asset_sink(got_);
    Result r;
    r.status = d_->list_assets(instance_, handle(r.call), asset_classes, &sink);
    return r;
  }

  // Forgets what the last call collected, but not what the sinks are to answer.
  void fresh() {
    pricefeed_flow answer = got_.answer;
    got_ = Collected();
    got_.answer = answer;
  }

  std::vector<std::int64_t> dates() const {
    std::vector<std::int64_t> out;
    for (const pricefeed_bar& b : got_.bars)
      out.push_back(b.ts);
    return out;
  }

  std::string file(const std::string& name) const { return (dir_ / name).string(); }

  const pricefeed_source_descriptor* d_ = nullptr;
  pricefeed_instance_plugin_owned* instance_ = nullptr;
  fs::path dir_;
  Collected got_;
};

// ---- The descriptor --------------------------------------------------------------------------------

TEST_F(CsvSource, DeclaresItselfAsDocumented) {
  EXPECT_EQ(plugin().abi_version, PRICEFEED_ABI_VERSION);
  EXPECT_EQ(d_->struct_size, sizeof(pricefeed_source_descriptor));
  EXPECT_STREQ(d_->name, plugin_name());
  EXPECT_STREQ(d_->version, "1.0.0");
  EXPECT_EQ(d_->asset_classes, kAllClasses);
  EXPECT_EQ(d_->capabilities, PRICEFEED_CAP_HISTORY | PRICEFEED_CAP_QUOTES | PRICEFEED_CAP_CATALOG);
  EXPECT_EQ(d_->resolutions, PRICEFEED_RES_1D);
  EXPECT_EQ(d_->max_quote_batch, 100u);
  EXPECT_EQ(d_->max_history_span_seconds, 0);
  EXPECT_EQ(d_->thread_safe, 1u);
  EXPECT_NE(d_->list_assets, nullptr);
  EXPECT_EQ(d_->resolve_symbol, nullptr);
}

// ---- Configuration -----------------------------------------------------------------------------

TEST_F(CsvSource, ConfigWithoutDirIsInvalidConfigNamingTheKey) {
  Result r = create(R"({"plugin": "csv", "currency": "EUR"})");
  EXPECT_EQ(r.status, PRICEFEED_INVALID_CONFIG);
  EXPECT_EQ(r.call.error(), "dir: is required");
  EXPECT_EQ(instance_, nullptr);

  r = create(R"({"dir": 5})");
  EXPECT_EQ(r.status, PRICEFEED_INVALID_CONFIG);
  EXPECT_EQ(r.call.error(), "dir: expected a string, got a number");
}

TEST_F(CsvSource, ConfigNamingNoDirectoryIsInvalidConfig) {
  Result r = create_over("", dir_ / "nowhere");
  EXPECT_EQ(r.status, PRICEFEED_INVALID_CONFIG);
  EXPECT_EQ(r.call.error(), "dir: \"" + file("nowhere") + "\" is not a directory");

  write("file.csv", "date,close\n");
  EXPECT_EQ(create_over("", dir_ / "file.csv").status, PRICEFEED_INVALID_CONFIG);
}

TEST_F(CsvSource, ConfigWithUnknownAssetClassIsInvalidConfigNamingIt) {
  Result r = create_over(R"(, "asset_classes": ["stock", "fund"])");
  EXPECT_EQ(r.status, PRICEFEED_INVALID_CONFIG);
  EXPECT_EQ(r.call.error(), "asset_classes: \"fund\" is not stock, crypto, commodity, forex or bond");

  r = create_over(R"(, "asset_classes": [])");
  EXPECT_EQ(r.status, PRICEFEED_INVALID_CONFIG);
  EXPECT_NE(r.call.error().find("asset_classes"), std::string::npos) << r.call.error();

  r = create_over(R"(, "asset_classes": "stock")");
  EXPECT_EQ(r.status, PRICEFEED_INVALID_CONFIG);
  EXPECT_EQ(r.call.error(), "asset_classes: expected an array, got a string");
}

TEST_F(CsvSource, ConfigWithEmptyCurrencyOrBrokenJsonIsInvalidConfig) {
  Result r = create_over(R"(, "currency": "")");
  EXPECT_EQ(r.status, PRICEFEED_INVALID_CONFIG);
  EXPECT_EQ(r.call.error(), "currency: must not be empty");

  r = create("{\"dir\": ");
  EXPECT_EQ(r.status, PRICEFEED_INVALID_CONFIG);
  EXPECT_NE(r.call.error().find("not valid JSON"), std::string::npos) << r.call.error();
}

// ---- History -----------------------------------------------------------------------------------

TEST_F(CsvSource, ServesHistoryWithinStartAndEndSortedByDate) {
  write("ACME.csv",
        "date,close\n2024-01-05,105\n2024-01-02,102\n2024-01-04,104\n2024-01-03,103\n2024-01-01,101\n");
  ASSERT_TRUE(ready());
  Result r = history("ACME", jan(2), jan(5));  // [start, end): the 5th is out
  ASSERT_EQ(r.status, PRICEFEED_OK) << r.call.error();
  EXPECT_EQ(dates(), (std::vector<std::int64_t>{jan(2), jan(3), jan(4)}));
  ASSERT_EQ(got_.bars.size(), 3u);
  EXPECT_EQ(got_.bars[0].close, 102);
  EXPECT_EQ(got_.bars[2].close, 104);
  EXPECT_EQ(got_.bars[0].struct_size, sizeof(pricefeed_bar));

  ASSERT_EQ(history("ACME", jan(10), jan(20)).status, PRICEFEED_OK);
  EXPECT_TRUE(got_.bars.empty());
}

TEST_F(CsvSource, StampsEachDailyBarAtMidnightUtcOfItsDate) {
  write("OLD.csv", "date,close\n2024-02-29,3\n1969-12-31,1\n2000-02-29,2\n");
  ASSERT_TRUE(ready());
  ASSERT_EQ(history("OLD").status, PRICEFEED_OK);
  EXPECT_EQ(dates(), (std::vector<std::int64_t>{-kDay, 951782400, 1709164800}));
}

TEST_F(CsvSource, EmptyCellsAreAbsentNeverZero) {
  write("FUND.csv",
        "date,open,high,low,close,adj_close,volume\n"
        "2024-01-02,,11,,10.5,,\n"
        "2024-01-03,10.5,10.75,10.25,10.6,10.55,0\n");
  write("BARE.csv", "date,close\n2024-01-02,7\n");
  ASSERT_TRUE(ready());
  ASSERT_EQ(history("FUND").status, PRICEFEED_OK);
  ASSERT_EQ(got_.bars.size(), 2u);
  const pricefeed_bar& sparse = got_.bars[0];
  EXPECT_TRUE(std::isnan(sparse.open));
  EXPECT_EQ(sparse.high, 11);
  EXPECT_TRUE(std::isnan(sparse.low));
  EXPECT_EQ(sparse.close, 10.5);
  EXPECT_TRUE(std::isnan(sparse.adj_close));
  EXPECT_TRUE(std::isnan(sparse.volume));
  EXPECT_EQ(got_.bars[1].volume, 0);  // a written 0 stays 0
  EXPECT_EQ(got_.bars[1].adj_close, 10.55);

  ASSERT_EQ(history("BARE").status, PRICEFEED_OK);
  ASSERT_EQ(got_.bars.size(), 1u);
  EXPECT_EQ(got_.bars[0].close, 7);
  for (double v : {got_.bars[0].open, got_.bars[0].high, got_.bars[0].low, got_.bars[0].adj_close,
                   got_.bars[0].volume}) {
    EXPECT_TRUE(std::isnan(v));
  }
}

TEST_F(CsvSource, FindsColumnsByNameInAnyOrderAndCase) {
  write("ACME.csv", "Volume, CLOSE ,Note,Date\n1200, 10.25 ,\"bought, at last\",2024-01-03\n");
  ASSERT_TRUE(ready());
  Result r = history("ACME");
  ASSERT_EQ(r.status, PRICEFEED_OK) << r.call.error();
  ASSERT_EQ(got_.bars.size(), 1u);
  EXPECT_EQ(got_.bars[0].ts, jan(3));
  EXPECT_EQ(got_.bars[0].close, 10.25);
  EXPECT_EQ(got_.bars[0].volume, 1200);
}

TEST_F(CsvSource, ReadsPlainDecimalNumbersOnly) {
  write("ACME.csv",
        "date,open,high,low,close,volume\n"
        "2024-01-02,1.,.5,+2,-3.5e2,1E3\n");
  ASSERT_TRUE(ready());
  Result r = history("ACME");
  ASSERT_EQ(r.status, PRICEFEED_OK) << r.call.error();
  ASSERT_EQ(got_.bars.size(), 1u);
  EXPECT_EQ(got_.bars[0].open, 1);
  EXPECT_EQ(got_.bars[0].high, 0.5);
  EXPECT_EQ(got_.bars[0].low, 2);
  EXPECT_EQ(got_.bars[0].close, -350);
  EXPECT_EQ(got_.bars[0].volume, 1000);

  for (const char* text : {"0x10", "inf", "nan", "1,5", "1.5.2", "e5", ".", "-", "1e", "5 kg", "1_000"}) {
    SCOPED_TRACE(text);
    write("BAD.csv", std::string("date,close,volume\n2024-01-02,1,\"") + text + "\"\n");
    r = history("BAD");
    EXPECT_EQ(r.status, PRICEFEED_PERMANENT);
    EXPECT_EQ(r.call.error(), file("BAD.csv") + ":2: volume \"" + text + "\" is not a number");
  }
}

TEST_F(CsvSource, SkipsCommentsBlankLinesAndWindowsLineEnds) {
  write("ACME.csv",
        "\xEF\xBB\xBF# exported from a spreadsheet\r\n"
        "\r\n"
        "date,close\r\n"
        "# the January statement\r\n"
        "2024-01-02,1.5\r\n"
        "   \r\n"
        "2024-01-03,1.25\r\n");
  ASSERT_TRUE(ready());
  Result r = history("ACME");
  ASSERT_EQ(r.status, PRICEFEED_OK) << r.call.error();
  EXPECT_EQ(dates(), (std::vector<std::int64_t>{jan(2), jan(3)}));
  ASSERT_EQ(got_.bars.size(), 2u);
  EXPECT_EQ(got_.bars[1].close, 1.25);
}

TEST_F(CsvSource, MalformedLineIsPermanentErrorNamingFileAndLine) {
  write("HOUSE.csv", "# valuations\ndate,close\n2024-01-01,415000\n\n2024-01-02,abc\n");
  ASSERT_TRUE(ready());
  Result r = history("HOUSE");
  EXPECT_EQ(r.status, PRICEFEED_PERMANENT);
  EXPECT_EQ(r.call.error(), file("HOUSE.csv") + ":5: close \"abc\" is not a number");
}

TEST_F(CsvSource, ExplainsEachKindOfMalformedFile) {
  const struct {
    const char* text;
    const char* error;  // after "<file>:"
  } cases[] = {
      {"date,close\n2024-02-30,1\n", "2: date \"2024-02-30\" is not a YYYY-MM-DD date"},
      {"date,close\n24-1-2,1\n", "2: date \"24-1-2\" is not a YYYY-MM-DD date"},
      {"date,close\n,1\n", "2: date \"\" is not a YYYY-MM-DD date"},
      {"date,close\n2024-01-02,\n", "2: close is empty"},
      {"date,close\n2024-01-02,1e999\n", "2: close \"1e999\" is not a number"},
      {"date,close\n2024-01-02,nan\n", "2: close \"nan\" is not a number"},
      {"date,close,volume\n2024-01-02,1,0x10\n", "2: volume \"0x10\" is not a number"},
      {"date,close\n2024-01-02,1,2\n", "2: expected 2 cells as in the header, found 3"},
      {"date,close\n2024-01-02\n", "2: expected 2 cells as in the header, found 1"},
      {"date,close\n2024-01-02,\"1\n", "2: unterminated quote"},
      {"# no close\ndate,price\n2024-01-02,1\n", "2: the header has no \"close\" column"},
      {"date,close,Date\n", "1: column \"Date\" appears twice"},
      {"date,close\n2024-01-03,1\n2024-01-02,1\n2024-01-03,2\n", "4: same date as line 2"},
  };
  ASSERT_TRUE(ready());
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    write("BAD.csv", c.text);
    Result r = history("BAD");
    EXPECT_EQ(r.status, PRICEFEED_PERMANENT);
    EXPECT_EQ(r.call.error(), file("BAD.csv") + ":" + c.error);
  }
  write("EMPTY.csv", "# nothing yet\n");
  Result r = history("EMPTY");
  EXPECT_EQ(r.status, PRICEFEED_PERMANENT);
  EXPECT_EQ(r.call.error(), file("EMPTY.csv") + ": no header row");
}

TEST_F(CsvSource, HeaderOnlyFileHasNoBars) {
  write("NEW.csv", "date,close\n");
  ASSERT_TRUE(ready());
  EXPECT_EQ(history("NEW").status, PRICEFEED_OK);
  EXPECT_TRUE(got_.bars.empty());
}

TEST_F(CsvSource, MissingFileIsNotFound) {
  ASSERT_TRUE(ready());
  Result r = history("NOPE");
  EXPECT_EQ(r.status, PRICEFEED_NOT_FOUND);
  EXPECT_EQ(r.call.error(), file("NOPE.csv") + ": no such file");
}

TEST_F(CsvSource, SymbolThatCouldLeaveTheDirectoryIsRefusedAsNotFound) {
  // The configured directory is a subfolder; a price file sits beside it, in its parent.
  fs::create_directory(dir_ / "prices");
  write("secret.csv", "date,close\n2024-01-02,1\n");
  write("prices/.hidden.csv", "date,close\n2024-01-02,1\n");
  write("prices/catalog.csv", "symbol,name\n");
  ASSERT_TRUE(ready("", dir_ / "prices"));
  const std::string symbols[] = {"../secret",
                                 "..%2Fsecret",
                                 "/tmp/secret",
                                 "prices/../../secret",
                                 ".hidden",
                                 "",
                                 std::string(33, 'A'),
                                 "catalog",
                                 "a b",
                                 "x\\y",
                                 std::string("se\0cret", 7)};
  for (const std::string& symbol : symbols) {
    SCOPED_TRACE(symbol);
    Result r = history(symbol);
    EXPECT_EQ(r.status, PRICEFEED_NOT_FOUND);
    std::string shown = symbol;  // as the message shows it: no control characters
    std::replace(shown.begin(), shown.end(), '\0', '?');
    EXPECT_NE(r.call.error().find("\"" + shown + "\" is not a valid symbol"), std::string::npos)
        << r.call.error();
    EXPECT_TRUE(got_.bars.empty());
  }
  Result r = history(std::string(100000, 'A'));
  EXPECT_EQ(r.status, PRICEFEED_NOT_FOUND);
  EXPECT_LT(r.call.error().size(), 200u);  // the message quotes 40 characters of it, not all

  // Every character the pattern allows, at its full length.
  const std::string widest = "Ab9._=^-Ab9._=^-Ab9._=^-Ab9._=^-";
  ASSERT_EQ(widest.size(), 32u);
  write("prices/" + widest + ".csv", "date,close\n2024-01-02,1\n");
  r = history(widest);
  EXPECT_EQ(r.status, PRICEFEED_OK) << r.call.error();
  EXPECT_EQ(got_.bars.size(), 1u);
}

TEST_F(CsvSource, ReadsTheSourceIdWhenTheHostKnowsOne) {
  write("HOUSE.csv", "date,close\n2024-01-02,1\n");
  ASSERT_TRUE(ready());
  Result r = history("MYHOUSE", kEver, kForever, PRICEFEED_CLASS_STOCK, PRICEFEED_RES_1D, "HOUSE");
  EXPECT_EQ(r.status, PRICEFEED_OK) << r.call.error();
  EXPECT_EQ(got_.bars.size(), 1u);
}

TEST_F(CsvSource, ServesOnlyDailyBars) {
  write("ACME.csv", "date,close\n2024-01-02,1\n");
  ASSERT_TRUE(ready());
  Result r = history("ACME", kEver, kForever, PRICEFEED_CLASS_STOCK, PRICEFEED_RES_1H);
  EXPECT_EQ(r.status, PRICEFEED_UNSUPPORTED);
  EXPECT_EQ(r.call.error(), std::string("resolution 1h is not served by ") + plugin_name());
}

TEST_F(CsvSource, ClassTheConfigLeavesOutIsNotFound) {
  write("ACME.csv", "date,close\n2024-01-02,1\n");
  ASSERT_TRUE(ready(R"(, "asset_classes": ["bond", "Commodity"])"));
  Result r = history("ACME", kEver, kForever, PRICEFEED_CLASS_STOCK);
  EXPECT_EQ(r.status, PRICEFEED_NOT_FOUND);
  EXPECT_EQ(r.call.error(), "this csv source serves no stock");
  EXPECT_EQ(history("ACME", kEver, kForever, PRICEFEED_CLASS_BOND).status, PRICEFEED_OK);
  EXPECT_EQ(history("ACME", kEver, kForever, PRICEFEED_CLASS_COMMODITY).status, PRICEFEED_OK);
}

TEST_F(CsvSource, StopsSendingWhenTheHostSaysStop) {
  std::string text = "date,close\n";
  for (int year = 2000; year < 2004; ++year)
    for (int month = 1; month <= 12; ++month)
      for (int day = 1; day <= 28; ++day) {
        char line[48];  // room for any int, so -Wformat-truncation holds at every optimisation level
        std::snprintf(line, sizeof line, "%04d-%02d-%02d,1\n", year, month, day);
        text += line;
      }
  write("LONG.csv", text);  // 1344 rows: three batches of bars
  ASSERT_TRUE(ready());
  got_.answer = PRICEFEED_STOP;
  Result r = history("LONG");
  EXPECT_EQ(r.status, PRICEFEED_OK) << r.call.error();
  EXPECT_EQ(got_.batches, 1);
  EXPECT_LT(got_.bars.size(), 1344u);

  got_.answer = PRICEFEED_CONTINUE;
  ASSERT_EQ(history("LONG").status, PRICEFEED_OK);
  EXPECT_EQ(got_.bars.size(), 1344u);
}

// ---- Quotes ------------------------------------------------------------------------------------

TEST_F(CsvSource, QuoteIsTheLatestRowInTheConfiguredCurrency) {
  write("ACME.csv",
        "date,open,high,low,close,volume\n"
        "2024-01-04,,,,10.4,\n"
        "2024-01-02,9.9,10.3,9.8,10.2,1500\n"
        "2024-01-03,10.2,10.5,10.1,10.3,900\n");
  ASSERT_TRUE(ready(R"(, "currency": "EUR")"));
  Result r = quotes({"ACME"});
  ASSERT_EQ(r.status, PRICEFEED_OK) << r.call.error();
  ASSERT_EQ(got_.quotes.size(), 1u);
  const Quote& q = got_.quotes[0];
  EXPECT_EQ(q.symbol, "ACME");
  EXPECT_EQ(q.price, 10.4);
  EXPECT_EQ(q.currency, "EUR");
  EXPECT_EQ(q.ts, jan(4));
  EXPECT_EQ(q.previous_close, 10.3);
  EXPECT_TRUE(std::isnan(q.open));
  EXPECT_TRUE(std::isnan(q.volume));
}

TEST_F(CsvSource, CurrencyDefaultsToUsdAndCatalogOverridesIt) {
  write("ACME.csv", "date,close\n2024-01-02,1\n");
  write("HOUSE.csv", "date,close\n2024-01-02,415000\n");
  write("catalog.csv", "symbol,currency\nHOUSE,GBP\n");
  ASSERT_TRUE(ready());
  ASSERT_EQ(quotes({"ACME", "HOUSE"}).status, PRICEFEED_OK);
  ASSERT_EQ(got_.quotes.size(), 2u);
  EXPECT_EQ(got_.quotes[0].currency, "USD");
  EXPECT_EQ(got_.quotes[1].currency, "GBP");
  EXPECT_TRUE(std::isnan(got_.quotes[0].previous_close));
}

TEST_F(CsvSource, SymbolsWithoutAFileAreLeftOutOfQuotes) {
  write("ACME.csv", "date,close\n2024-01-02,1\n");
  write("NEW.csv", "date,close\n");
  ASSERT_TRUE(ready());
  Result r = quotes({"NOPE", "ACME", "../ACME", "NEW"});
  ASSERT_EQ(r.status, PRICEFEED_OK) << r.call.error();
  ASSERT_EQ(got_.quotes.size(), 1u);
  EXPECT_EQ(got_.quotes[0].symbol, "ACME");

  r = quotes({"NOPE"});
  EXPECT_EQ(r.status, PRICEFEED_OK);
  EXPECT_TRUE(got_.quotes.empty());
}

TEST_F(CsvSource, MalformedFileIsLoggedAndLeftOutOfQuotesUnlessNothingElseIsServed) {
  write("ACME.csv", "date,close\n2024-01-02,1\n");
  write("BAD.csv", "date,close\n2024-01-02,x\n");
  ASSERT_TRUE(ready());
  Result r = quotes({"BAD", "ACME"});
  ASSERT_EQ(r.status, PRICEFEED_OK) << r.call.error();
  ASSERT_EQ(got_.quotes.size(), 1u);
  EXPECT_EQ(got_.quotes[0].symbol, "ACME");
  ASSERT_EQ(r.call.logs.size(), 1u);
  EXPECT_EQ(r.call.logs[0], std::to_string(PRICEFEED_LOG_WARN) + " " + file("BAD.csv") +
                                ":2: close \"x\" is not a number symbol=BAD");

  r = quotes({"BAD", "NOPE"});
  EXPECT_EQ(r.status, PRICEFEED_PERMANENT);
  EXPECT_EQ(r.call.error(), file("BAD.csv") + ":2: close \"x\" is not a number");
}

TEST_F(CsvSource, QuotesForAClassTheConfigLeavesOutAreEmpty) {
  write("ACME.csv", "date,close\n2024-01-02,1\n");
  ASSERT_TRUE(ready(R"(, "asset_classes": ["crypto"])"));
  EXPECT_EQ(quotes({"ACME"}, PRICEFEED_CLASS_STOCK).status, PRICEFEED_OK);
  EXPECT_TRUE(got_.quotes.empty());
  EXPECT_EQ(quotes({"ACME"}, PRICEFEED_CLASS_CRYPTO).status, PRICEFEED_OK);
  EXPECT_EQ(got_.quotes.size(), 1u);
}

// ---- Catalog -----------------------------------------------------------------------------------

TEST_F(CsvSource, ListsOneAssetPerCsvFileNamedByTheCatalog) {
  write("HOUSE.csv", "date,close\n");
  write("ACME.csv", "date,close\n");
  write("bad name.csv", "date,close\n");
  write("notes.txt", "not prices\n");
  write("catalog.csv",
        "# the catalog itself is not an asset\n"
        "Symbol,Name,Asset_Class,Currency\n"
        "HOUSE,\"12 Acacia Avenue, Bristol\",bond,GBP\n"
        "GONE,Sold last year,stock,USD\n");
  fs::create_directory(dir_ / "old.csv");
  ASSERT_TRUE(ready(R"(, "currency": "EUR")"));
  Result r = assets();
  ASSERT_EQ(r.status, PRICEFEED_OK) << r.call.error();
  ASSERT_EQ(got_.assets.size(), 2u);
  const Asset& acme = got_.assets[0];
  EXPECT_EQ(acme.symbol, "ACME");
  EXPECT_EQ(acme.source_id, "ACME");
  EXPECT_EQ(acme.name, "ACME");
  EXPECT_EQ(acme.asset_class, PRICEFEED_CLASS_STOCK);
  EXPECT_EQ(acme.currency, "EUR");
  const Asset& house = got_.assets[1];
  EXPECT_EQ(house.symbol, "HOUSE");
  EXPECT_EQ(house.name, "12 Acacia Avenue, Bristol");
  EXPECT_EQ(house.asset_class, PRICEFEED_CLASS_BOND);
  EXPECT_EQ(house.currency, "GBP");
  ASSERT_EQ(r.call.logs.size(), 1u);
  EXPECT_NE(r.call.logs[0].find("file=" + file("bad name.csv")), std::string::npos) << r.call.logs[0];
}

TEST_F(CsvSource, ListsOnlyClassesBothAskedForAndConfigured) {
  for (const char* symbol : {"COIN", "GILT", "PLAIN"})
    write(std::string(symbol) + ".csv", "date,close\n");
  write("catalog.csv", "symbol,asset_class\nCOIN,crypto\nGILT,bond\n");
  ASSERT_TRUE(ready(R"(, "asset_classes": ["bond", "forex"])"));
  ASSERT_EQ(assets().status, PRICEFEED_OK);
  ASSERT_EQ(got_.assets.size(), 2u);  // COIN is crypto, which this instance does not serve
  EXPECT_EQ(got_.assets[0].symbol, "GILT");
  EXPECT_EQ(got_.assets[1].symbol, "PLAIN");
  EXPECT_EQ(got_.assets[1].asset_class, PRICEFEED_CLASS_FOREX);  // the first configured class

  ASSERT_EQ(assets(PRICEFEED_CLASS_BOND).status, PRICEFEED_OK);
  ASSERT_EQ(got_.assets.size(), 1u);
  EXPECT_EQ(got_.assets[0].symbol, "GILT");
}

TEST_F(CsvSource, MalformedCatalogIsPermanentErrorNamingFileAndLine) {
  write("ACME.csv", "date,close\n");
  write("catalog.csv", "symbol,name,asset_class\nACME,Acme,stock\nFUND,A fund,fund\n");
  ASSERT_TRUE(ready());
  Result r = assets();
  EXPECT_EQ(r.status, PRICEFEED_PERMANENT);
  EXPECT_EQ(r.call.error(),
            file("catalog.csv") + ":3: asset_class \"fund\" is not stock, crypto, commodity, forex or bond");

  write("catalog.csv", "name\nAcme\n");
  r = assets();
  EXPECT_EQ(r.status, PRICEFEED_PERMANENT);
  EXPECT_EQ(r.call.error(), file("catalog.csv") + ":1: the header has no \"symbol\" column");
}

// ---- Thread safety and the shipped example -----------------------------------------------------

TEST_F(CsvSource, OneInstanceServesSeveralThreadsAtOnce) {
  std::string text = "date,close\n";
  for (int day = 1; day <= 28; ++day)
    text += "2024-02-" + std::string(day < 10 ? "0" : "") + std::to_string(day) + ",1\n";
  write("ACME.csv", text);
  write("HOUSE.csv", "date,close\n2024-01-02,2\n");
  write("catalog.csv", "symbol,name\nHOUSE,House\n");
  ASSERT_TRUE(ready());
  const std::string acme = "ACME";
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        Collected got;
        Call call;
        pricefeed_history_request request{sizeof(request),  borrow(acme), {nullptr, 0}, PRICEFEED_CLASS_STOCK,
                                          PRICEFEED_RES_1D, kEver,        kForever};
        pricefeed_history_sink hs = history_sink(got);
        if (d_->fetch_history(instance_, handle(call), &request, &hs) != PRICEFEED_OK ||
            got.bars.size() != 28)
          ++wrong;
        pricefeed_asset_sink as = asset_sink(got);
        if (d_->list_assets(instance_, handle(call), kAllClasses, &as) != PRICEFEED_OK ||
            got.assets.size() != 2 || got.assets[1].name != "House")
          ++wrong;
      }
    });
  }
  for (std::thread& t : threads)
    t.join();
  EXPECT_EQ(wrong.load(), 0);
}

TEST_F(CsvSource, ServesTheShippedExampleData) {
  ASSERT_TRUE(ready(R"(, "currency": "CHF")", CSV_EXAMPLE_DATA_DIR));
  Result r = assets();
  ASSERT_EQ(r.status, PRICEFEED_OK) << r.call.error();
  ASSERT_EQ(got_.assets.size(), 2u);
  EXPECT_EQ(got_.assets[0].symbol, "ACME-GROWTH");
  EXPECT_EQ(got_.assets[0].currency, "EUR");
  EXPECT_EQ(got_.assets[1].name, "12 Acacia Avenue, Bristol");

  for (const char* symbol : {"ACME-GROWTH", "HOUSE"}) {
    r = history(symbol);
    ASSERT_EQ(r.status, PRICEFEED_OK) << r.call.error();
    EXPECT_GE(got_.bars.size(), 4u);
    const std::vector<std::int64_t> got = dates();
    EXPECT_TRUE(std::is_sorted(got.begin(), got.end()));
  }
  r = quotes({"ACME-GROWTH", "HOUSE"});
  ASSERT_EQ(r.status, PRICEFEED_OK) << r.call.error();
  ASSERT_EQ(got_.quotes.size(), 2u);
  EXPECT_EQ(got_.quotes[1].price, 441000);
  EXPECT_EQ(got_.quotes[1].currency, "GBP");
}

}  // namespace
