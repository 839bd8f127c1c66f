#include "tests/sandbox/Instruments.hpp"

#include <algorithm>
#include <cmath>

#include "tests/sandbox/Hashing.hpp"

namespace pricefeed::sandbox {

using namespace std::chrono;

namespace {

sys_days parse_day(std::string_view iso) {
  int y = std::stoi(std::string(iso.substr(0, 4)));
  unsigned m = static_cast<unsigned>(std::stoi(std::string(iso.substr(5, 2))));
  unsigned d = static_cast<unsigned>(std::stoi(std::string(iso.substr(8, 2))));
  return sys_days{year{y} / month{m} / day{d}};
}

// Log-uniform in [lo, hi] from a hash.
double log_between(std::uint64_t h, double lo, double hi) {
  return std::exp(std::log(lo) + unit_interval(h) * (std::log(hi) - std::log(lo)));
}

double between(std::uint64_t h, double lo, double hi) {
  return lo + unit_interval(h) * (hi - lo);
}

Session us_equity_session() {
  Session s;
  s.calendar = CalendarKind::nyse;
  s.timezone = "America/New_York";
  s.open_minute = 9 * 60 + 30;
  s.minutes = 390;
  s.pre_minutes = 330;   // 04:00
  s.post_minutes = 240;  // 20:00
  return s;
}

Session all_day(CalendarKind calendar, std::string tz) {
  Session s;
  s.calendar = calendar;
  s.timezone = std::move(tz);
  s.open_minute = 0;
  s.minutes = 1440;
  return s;
}

struct Known {
  const char* symbol;
  double anchor;
  double sigma;
  double volume;
  const char* first_trade;
  const char* long_name;
  const char* short_name;
  const char* exchange;  // Yahoo exchangeName
  const char* full_exchange;
  AssetKind kind;
};

constexpr Known kKnown[] = {
    {"AAPL", 75.09, 0.018, 135e6, "1980-12-12", "Apple Inc.", "Apple Inc.", "NMS", "NasdaqGS",
     AssetKind::equity},
    {"MSFT", 160.62, 0.017, 22e6, "1986-03-13", "Microsoft Corporation", "Microsoft Corporation", "NMS",
     "NasdaqGS", AssetKind::equity},
    {"NVDA", 5.997, 0.030, 400e6, "1999-01-22", "NVIDIA Corporation", "NVIDIA Corporation", "NMS", "NasdaqGS",
     AssetKind::equity},
    {"TSLA", 28.68, 0.035, 140e6, "2010-06-29", "Tesla, Inc.", "Tesla, Inc.", "NMS", "NasdaqGS",
     AssetKind::equity},
    {"GOOGL", 68.43, 0.017, 30e6, "2004-08-19", "Alphabet Inc.", "Alphabet Inc.", "NMS", "NasdaqGS",
     AssetKind::equity},
    {"AMZN", 94.90, 0.019, 80e6, "1997-05-15", "Amazon.com, Inc.", "Amazon.com, Inc.", "NMS", "NasdaqGS",
     AssetKind::equity},
    {"META", 209.78, 0.022, 15e6, "2012-05-18", "Meta Platforms, Inc.", "Meta Platforms, Inc.", "NMS",
     "NasdaqGS", AssetKind::equity},
    {"BABA", 219.77, 0.022, 15e6, "2014-09-19", "Alibaba Group Holding Limited",
     "Alibaba Group Holding Limited", "NYQ", "NYSE", AssetKind::equity},
    {"IBM", 135.42, 0.014, 4e6, "1962-01-02", "International Business Machines Corporation",
     "International Business Machines", "NYQ", "NYSE", AssetKind::equity},
    {"JPM", 141.09, 0.016, 10e6, "1980-03-17", "JPMorgan Chase & Co.", "JP Morgan Chase & Co.", "NYQ", "NYSE",
     AssetKind::equity},
    {"KO", 54.99, 0.011, 12e6, "1962-01-02", "The Coca-Cola Company", "Coca-Cola Company (The)", "NYQ",
     "NYSE", AssetKind::equity},
    {"V", 191.12, 0.015, 7e6, "2008-03-19", "Visa Inc.", "Visa Inc.", "NYQ", "NYSE", AssetKind::equity},
    {"BRK-B", 228.39, 0.012, 4e6, "1996-05-09", "Berkshire Hathaway Inc.", "Berkshire Hathaway Inc. New",
     "NYQ", "NYSE", AssetKind::equity},
    {"BRK-A", 342261, 0.012, 400, "1980-03-17", "Berkshire Hathaway Inc.", "Berkshire Hathaway Inc.", "NYQ",
     "NYSE", AssetKind::equity},
    {"SPY", 324.87, 0.011, 70e6, "1993-01-29", "SPDR S&P 500 ETF Trust", "SPDR S&P 500", "PCX", "NYSEArca",
     AssetKind::etf},
    {"QQQ", 216.16, 0.013, 35e6, "1999-03-10", "Invesco QQQ Trust, Series 1", "Invesco QQQ Trust, Series 1",
     "NMS", "NasdaqGM", AssetKind::etf},
    {"GLD", 143.95, 0.009, 8e6, "2004-11-18", "SPDR Gold Shares", "SPDR Gold Trust", "PCX", "NYSEArca",
     AssetKind::etf},
    {"^GSPC", 3257.85, 0.011, 3.5e9, "1950-01-03", "S&P 500", "S&P 500", "SNP", "SNP", AssetKind::index},
    {"^DJI", 28868.80, 0.011, 3e8, "1992-01-02", "Dow Jones Industrial Average",
     "Dow Jones Industrial Average", "DJI", "DJI", AssetKind::index},
    {"^IXIC", 9092.19, 0.013, 4e9, "1971-02-05", "NASDAQ Composite", "NASDAQ Composite", "NIM", "Nasdaq GIDS",
     AssetKind::index},
    {"^VIX", 12.47, 0.06, 0, "1990-01-02", "CBOE Volatility Index", "CBOE Volatility Index", "CXI",
     "Cboe Indices", AssetKind::index},
    {"SPLT", 40.0, 0.02, 2e6, "2000-01-03", "Sandbox Split Test Corp.", "Sandbox Split Test Corp.", "NCM",
     "NasdaqCM", AssetKind::equity},
    {"DIVY", 50.0, 0.012, 1e6, "2000-01-03", "Sandbox Dividend Test Inc.", "Sandbox Dividend Test Inc.",
     "NGM", "NasdaqGM", AssetKind::equity},
    {"NULLY", 20.0, 0.02, 5e5, "2000-01-03", "Sandbox Null Bars Test Inc.", "Sandbox Null Bars Test Inc.",
     "NCM", "NasdaqCM", AssetKind::equity},
    {"QRKY", 15.0, 0.02, 5e5, "2000-01-03", "Sandbox Quirky Data Corp.", "Sandbox Quirky Data Corp.", "NCM",
     "NasdaqCM", AssetKind::equity},
    {"JUMPY", 10.0, 0.02, 5e5, "2000-01-03", "Sandbox Jump Test Inc.", "Sandbox Jump Test Inc.", "NCM",
     "NasdaqCM", AssetKind::equity},
};

struct Suffix {
  const char* suffix;
  const char* exchange;
  const char* full_exchange;
  const char* currency;
  const char* timezone;
  int open_minute;
  int minutes;
  CalendarKind calendar;
  const char* market;
  double lo, hi;  // plausible price range in the local unit
};

constexpr Suffix kSuffixes[] = {
    {".L", "LSE", "LSE", "GBp", "Europe/London", 8 * 60, 510, CalendarKind::lse, "gb_market", 50, 3000},
    {".DE", "GER", "XETRA", "EUR", "Europe/Berlin", 9 * 60, 510, CalendarKind::europe, "de_market", 5, 300},
    {".PA", "PAR", "Paris", "EUR", "Europe/Paris", 9 * 60, 510, CalendarKind::europe, "fr_market", 5, 300},
    {".AS", "AMS", "Amsterdam", "EUR", "Europe/Amsterdam", 9 * 60, 510, CalendarKind::europe, "nl_market", 5,
     300},
    {".MI", "MIL", "Milan", "EUR", "Europe/Rome", 9 * 60, 510, CalendarKind::europe, "it_market", 1, 100},
    {".MC", "MCE", "MCE", "EUR", "Europe/Madrid", 9 * 60, 510, CalendarKind::europe, "es_market", 1, 100},
    {".SW", "EBS", "Swiss", "CHF", "Europe/Zurich", 9 * 60, 510, CalendarKind::europe, "ch_market", 10, 500},
    {".TO", "TOR", "Toronto", "CAD", "America/Toronto", 9 * 60 + 30, 390, CalendarKind::europe, "ca_market",
     5, 200},
    {".T", "JPX", "Tokyo", "JPY", "Asia/Tokyo", 9 * 60, 360, CalendarKind::europe, "jp_market", 300, 10000},
    {".HK", "HKG", "HKSE", "HKD", "Asia/Hong_Kong", 9 * 60 + 30, 390, CalendarKind::europe, "hk_market", 1,
     500},
    {".AX", "ASX", "ASX", "AUD", "Australia/Sydney", 10 * 60, 360, CalendarKind::europe, "au_market", 1, 100},
};

struct KnownLondon {
  const char* symbol;
  double anchor;
  const char* long_name;
  const char* short_name;
  const char* first_trade;
  double volume;
};
constexpr KnownLondon kLondon[] = {
    {"OCDO.L", 1279, "Ocado Group plc", "OCADO GROUP PLC ORD 2P", "2010-07-21", 8e5},
    {"VOD.L", 148.5, "Vodafone Group Public Limited Company", "VODAFONE GROUP PLC ORD USD0.20 20/21",
     "1988-10-26", 5e7},
    {"BP.L", 475.0, "BP p.l.c.", "BP PLC $0.25", "1988-01-04", 3e7},
    {"HSBA.L", 591.0, "HSBC Holdings plc", "HSBC HLDGS PLC ORD $0.50", "1992-07-10", 2.5e7},
};

struct Currency {
  const char* code;
  double usd;  // value in USD on the anchor day
};
constexpr Currency kCurrencies[] = {
    {"USD", 1.0},    {"EUR", 1.1221},    {"GBP", 1.3150}, {"JPY", 0.009225}, {"CHF", 1.0320},
    {"CAD", 0.7700}, {"AUD", 0.7010},    {"NZD", 0.6730}, {"CNY", 0.1436},   {"HKD", 0.1284},
    {"SGD", 0.7430}, {"SEK", 0.1070},    {"NOK", 0.1138}, {"DKK", 0.1502},   {"PLN", 0.2640},
    {"CZK", 0.0442}, {"HUF", 0.00340},   {"TRY", 0.1680}, {"INR", 0.01400},  {"KRW", 0.000864},
    {"BRL", 0.2490}, {"MXN", 0.0530},    {"ZAR", 0.0712}, {"ILS", 0.2890},   {"THB", 0.0333},
    {"RUB", 0.0162}, {"IDR", 0.0000721}, {"PHP", 0.0197}, {"MYR", 0.2440},   {"TWD", 0.0334},
    {"SAR", 0.2666}, {"AED", 0.2723},
    // The rest of the ECB's reference-rate currencies (EcbReferenceRates): EUR/BGN 1.9558 (the lev's
    // peg), EUR/RON 4.7790 and EUR/ISK 137.0 on the anchor day.
    {"BGN", 0.5737}, {"RON", 0.2348},    {"ISK", 0.008190},
};

struct Coin {
  const char* code;
  double usd;
  const char* name;
  double sigma;
  const char* first_trade;
  double volume;  // USD per day
};
constexpr Coin kCoins[] = {
    {"BTC", 7200.17, "Bitcoin", 0.035, "2014-09-17", 2.0e10},
    {"ETH", 130.80, "Ethereum", 0.045, "2017-11-09", 8e9},
    {"XRP", 0.1930, "XRP", 0.05, "2017-11-09", 1.5e9},
    {"LTC", 41.30, "Litecoin", 0.045, "2017-11-09", 2.5e9},
    {"BCH", 204.4, "Bitcoin Cash", 0.05, "2017-11-09", 1.5e9},
    {"ADA", 0.0330, "Cardano", 0.055, "2017-11-09", 5e8},
    {"DOGE", 0.00203, "Dogecoin", 0.06, "2017-11-09", 4e8},
    {"SOL", 0.95, "Solana", 0.06, "2020-04-10", 1e9},
    {"DOT", 3.00, "Polkadot", 0.055, "2020-08-20", 5e8},
    {"BNB", 13.70, "BNB", 0.045, "2017-11-09", 1e9},
    {"USDT", 1.0, "Tether USDt", 0.0008, "2017-11-09", 3e10},
    {"USDC", 1.0, "USD Coin", 0.0008, "2018-10-08", 3e9},
    {"AVAX", 3.00, "Avalanche", 0.06, "2020-07-13", 4e8},
    {"LINK", 1.80, "Chainlink", 0.055, "2017-11-09", 4e8},
    {"XLM", 0.0450, "Stellar", 0.05, "2017-11-09", 2e8},
    {"TRX", 0.0130, "TRON", 0.05, "2017-11-09", 6e8},
};
constexpr std::string_view kCryptoQuotes[] = {"USD", "EUR",  "GBP",  "JPY", "CAD", "AUD",
                                              "CHF", "USDT", "USDC", "BTC", "ETH"};

struct Future {
  const char* root;
  const char* name;
  const char* exchange;
  const char* full_exchange;
  double anchor;
  double sigma;
  double volume;
  int price_hint;
};
constexpr Future kFutures[] = {
    {"GC", "Gold", "CMX", "COMEX", 1520.0, 0.009, 150e3, 2},
    {"SI", "Silver", "CMX", "COMEX", 18.0, 0.016, 60e3, 3},
    {"HG", "Copper", "CMX", "COMEX", 2.80, 0.013, 50e3, 4},
    {"PL", "Platinum", "NYM", "NY Mercantile", 980.0, 0.014, 15e3, 2},
    {"PA", "Palladium", "NYM", "NY Mercantile", 1950.0, 0.02, 5e3, 2},
    {"CL", "Crude Oil", "NYM", "NY Mercantile", 61.18, 0.025, 400e3, 2},
    {"BZ", "Brent Crude Oil", "NYM", "NY Mercantile", 66.25, 0.022, 20e3, 2},
    {"NG", "Natural Gas", "NYM", "NY Mercantile", 2.122, 0.035, 150e3, 3},
    {"RB", "RBOB Gasoline", "NYM", "NY Mercantile", 1.70, 0.025, 60e3, 4},
    {"HO", "Heating Oil", "NYM", "NY Mercantile", 2.02, 0.022, 50e3, 4},
    {"ZC", "Corn", "CBT", "CBOT", 387.5, 0.013, 200e3, 2},
    {"ZW", "Wheat", "CBT", "CBOT", 560.0, 0.017, 80e3, 2},
    {"ZS", "Soybean", "CBT", "CBOT", 948.0, 0.011, 120e3, 2},
    {"KC", "Coffee", "NYB", "ICE Futures", 125.0, 0.02, 20e3, 2},
    {"CC", "Cocoa", "NYB", "ICE Futures", 2550.0, 0.018, 20e3, 0},
    {"SB", "Sugar #11", "NYB", "ICE Futures", 13.5, 0.018, 100e3, 2},
    {"CT", "Cotton", "NYB", "ICE Futures", 69.5, 0.014, 25e3, 2},
    {"ES", "E-Mini S&P 500", "CME", "CME", 3259.0, 0.011, 1.5e6, 2},
    {"NQ", "Nasdaq 100", "CME", "CME", 8870.0, 0.013, 500e3, 2},
    {"YM", "Mini Dow Jones Indus.-$5", "CBT", "CBOT", 28869.0, 0.011, 150e3, 0},
    {"RTY", "E-mini Russell 2000 Index", "CME", "CME", 1668.0, 0.014, 150e3, 1},
    {"ZB", "U.S. Treasury Bond Futures", "CBT", "CBOT", 158.1, 0.006, 300e3, 3},
    {"ZN", "10-Year T-Note Futures", "CBT", "CBOT", 128.4, 0.003, 1.2e6, 3},
    {"ZF", "Five-Year US Treasury Note", "CBT", "CBOT", 118.9, 0.002, 600e3, 3},
    {"ZT", "2-Year T-Note Futures", "CBT", "CBOT", 107.7, 0.001, 400e3, 3},
    {"LE", "Live Cattle", "CME", "CME", 125.0, 0.01, 40e3, 3},
    {"HE", "Lean Hogs", "CME", "CME", 71.0, 0.02, 30e3, 3},
};

const Currency* find_currency(std::string_view code) {
  for (const auto& c : kCurrencies) {
    if (code == c.code) return &c;
  }
  return nullptr;
}

const Coin* find_coin(std::string_view code) {
  for (const auto& c : kCoins) {
    if (code == c.code) return &c;
  }
  return nullptr;
}

int hint_for(double price) {
  if (price >= 20) return 2;
  if (price >= 0.1) return 4;
  if (price >= 0.001) return 6;
  return 8;
}

void add_corporate_actions(Instrument& in) {
  const std::string& s = in.symbol;
  auto rule = [](unsigned weekday, unsigned from_day, double amount, int base_year, unsigned raise_month,
                 double growth, const char* first, unsigned months) {
    DividendRule r;
    r.weekday = weekday;
    r.from_day = from_day;
    r.base_amount = amount;
    r.base_year = base_year;
    r.raise_month = raise_month;
    r.growth = growth;
    r.first_day = parse_day(first);
    r.months = months;
    return r;
  };
  constexpr unsigned feb_may_aug_nov = (1u << 2) | (1u << 5) | (1u << 8) | (1u << 11);
  constexpr unsigned mar_jun_sep_dec = (1u << 3) | (1u << 6) | (1u << 9) | (1u << 12);
  if (s == "AAPL") {
    in.splits = {{parse_day("2014-06-09"), 7, 1}, {parse_day("2020-08-31"), 4, 1}};
    // Ex-dates: the first Friday on or after the 5th of Feb, May, Aug, Nov (2020-11-06: $0.205).
    in.dividends = rule(5, 5, 0.205, 2020, 5, 0.073, "2012-08-09", feb_may_aug_nov);
  } else if (s == "MSFT") {
    // The third Wednesday of Feb, May, Aug, Nov; raised each November (0.56 in 2021, 0.62 from Nov 2021).
    in.dividends = rule(3, 15, 0.56, 2020, 11, 0.107, "2003-02-19", feb_may_aug_nov);
  } else if (s == "NVDA") {
    in.splits = {{parse_day("2021-07-20"), 4, 1}, {parse_day("2024-06-10"), 10, 1}};
  } else if (s == "TSLA") {
    in.splits = {{parse_day("2020-08-31"), 5, 1}, {parse_day("2022-08-25"), 3, 1}};
  } else if (s == "GOOGL") {
    in.splits = {{parse_day("2022-07-18"), 20, 1}};
  } else if (s == "AMZN") {
    in.splits = {{parse_day("2022-06-06"), 20, 1}};
  } else if (s == "SPLT") {
    in.splits = {{parse_day("2021-07-20"), 4, 1}};
  } else if (s == "DIVY") {
    in.dividends = rule(1, 10, 0.50, 2020, 3, 0.05, "2000-01-03", mar_jun_sep_dec);
  } else if (s == "KO") {
    in.dividends = rule(5, 10, 0.41, 2020, 3, 0.04, "1990-01-02", mar_jun_sep_dec);
  } else if (s == "JPM") {
    in.dividends =
        rule(4, 1, 0.90, 2020, 9, 0.08, "1990-01-02", (1u << 1) | (1u << 4) | (1u << 7) | (1u << 10));
  } else if (s == "SPY") {
    in.dividends = rule(5, 15, 1.41, 2020, 3, 0.03, "1993-03-19", mar_jun_sep_dec);
  } else if (s == "JUMPY") {
    in.jumps = {{parse_day("2021-03-15"), std::log(1.8)}};  // +80% in one day
  }
}

void us_equity_defaults(Instrument& in) {
  in.kind = AssetKind::equity;
  in.instrument_type = "EQUITY";
  in.type_disp = "Equity";
  in.currency = "USD";
  in.session = us_equity_session();
  in.has_pre_post = true;
  in.market = "us_market";
  in.quote_source_name = "Nasdaq Real Time Price";
  in.exchange_name = "NMS";
  in.full_exchange_name = "NasdaqGS";
}

void exchange_from_listing(Instrument& in, const Listing& l) {
  if (l.nasdaq_listed) {
    switch (l.market) {
      case 'G':
        in.exchange_name = "NGM", in.full_exchange_name = "NasdaqGM";
        break;
      case 'S':
        in.exchange_name = "NCM", in.full_exchange_name = "NasdaqCM";
        break;
      default:
        in.exchange_name = "NMS", in.full_exchange_name = "NasdaqGS";
    }
  } else {
    switch (l.market) {
      case 'A':
        in.exchange_name = "ASE", in.full_exchange_name = "NYSE American";
        break;
      case 'P':
        in.exchange_name = "PCX", in.full_exchange_name = "NYSEArca";
        break;
      case 'Z':
        in.exchange_name = "BTS", in.full_exchange_name = "Cboe US";
        break;
      case 'V':
        in.exchange_name = "IEX", in.full_exchange_name = "IEX";
        break;
      default:
        in.exchange_name = "NYQ", in.full_exchange_name = "NYSE";
    }
  }
}

// "Apple Inc. - Common Stock" -> "Apple Inc."; "Alcoa Corporation Common Stock " -> "Alcoa Corporation".
std::string company_of(std::string name) {
  if (auto dash = name.find(" - "); dash != std::string::npos) name.resize(dash);
  for (std::string_view tail : {" Common Stock", " New Common Stock", " Class A Common Stock"}) {
    while (!name.empty() && name.back() == ' ')
      name.pop_back();
    if (name.size() > tail.size() && name.ends_with(tail)) name.resize(name.size() - tail.size());
  }
  while (!name.empty() && name.back() == ' ')
    name.pop_back();
  return name;
}

}  // namespace

std::string to_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

Instruments::Instruments(InstrumentConfig config, const SymbolDirectory* directory)
    : config_(std::move(config)), directory_(directory) {}

bool Instruments::well_formed(std::string_view s) {
  if (s.empty() || s.size() > 12) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '=' ||
              (c == '^' && i == 0);
    if (!ok) return false;
  }
  if (s == "^") return false;
  auto eq = s.find('=');
  if (eq != std::string_view::npos) {
    if (eq + 2 != s.size() || (s.back() != 'F' && s.back() != 'X') || eq == 0) return false;
    if (s.substr(0, eq).find_first_of(".-^") != std::string_view::npos) return false;
  }
  return true;
}

std::optional<Instrument> Instruments::find(std::string_view raw) const {
  auto in = find_unquirked(raw);
  if (!in) return in;
  if (in->exchange_timezone.empty()) in->exchange_timezone = in->session.timezone;
  if (auto q = config_.quirky.find(in->symbol); q != config_.quirky.end()) in->null_one_in = q->second;
  return in;
}

std::optional<Instrument> Instruments::find_unquirked(std::string_view raw) const {
  std::string s = to_upper(raw);
  if (!well_formed(s) || config_.delisted.count(s)) return std::nullopt;

  Instrument in;
  in.symbol = s;
  in.key = fnv1a64(s);
  const std::uint64_t h = in.key;
  in.first_trade_day = sys_days{year{1985} / January / 2} + days{h % 7305};  // 1985 .. 2005
  in.first_trade_day = trading_day_on_or_after(us_equity_session(), in.first_trade_day);

  // Forex: EURUSD=X, JPY=X (USD/JPY).
  if (s.ends_with("=X")) {
    std::string_view root = std::string_view(s).substr(0, s.size() - 2);
    std::string from, to;
    if (root.size() == 3) {
      from = "USD", to = std::string(root);
    } else if (root.size() == 6) {
      from = std::string(root.substr(0, 3)), to = std::string(root.substr(3));
    } else {
      return std::nullopt;
    }
    const Currency* a = find_currency(from);
    const Currency* b = find_currency(to);
    if (!a || !b || from == to) return std::nullopt;
    in.kind = AssetKind::forex;
    in.instrument_type = "CURRENCY";
    in.type_disp = "Currency";
    in.currency = to;
    in.from_currency = from;
    in.to_currency = to;
    in.exchange_name = in.full_exchange_name = "CCY";
    in.long_name = in.short_name = from + "/" + to;
    in.market = "ccy_market";
    in.quote_source_name = "Delayed Quote";
    in.session = all_day(CalendarKind::weekdays, "UTC");
    in.exchange_timezone = "Europe/London";
    in.anchor_price = a->usd / b->usd;
    in.sigma = 0.005;
    in.price_hint = in.anchor_price >= 20 ? 3 : (in.anchor_price >= 0.1 ? 4 : 6);
    in.base_volume = 0;
    in.first_trade_day = sys_days{year{2003} / December / 1};
    return in;
  }

  // Futures: GC=F.
  if (s.ends_with("=F")) {
    std::string_view root = std::string_view(s).substr(0, s.size() - 2);
    if (root.size() > 4) return std::nullopt;
    in.kind = AssetKind::future;
    in.instrument_type = "FUTURE";
    in.type_disp = "Futures";
    in.currency = "USD";
    in.market = "us24_market";
    in.quote_source_name = "Delayed Quote";
    in.session = all_day(CalendarKind::nyse, "America/New_York");
    in.first_trade_day = sys_days{year{2000} / August / 30};
    in.exchange_name = "CME";
    in.full_exchange_name = "CME";
    in.short_name = std::string(root) + " Futures";
    in.anchor_price = log_between(h, 20, 2000);
    in.sigma = 0.015;
    in.base_volume = 50e3;
    for (const auto& f : kFutures) {
      if (root == f.root) {
        in.exchange_name = f.exchange;
        in.full_exchange_name = f.full_exchange;
        in.short_name = f.name;
        in.anchor_price = f.anchor;
        in.sigma = f.sigma;
        in.base_volume = f.volume;
        in.price_hint = f.price_hint;
        return in;
      }
    }
    in.price_hint = 2;
    return in;
  }

  // Crypto: BTC-USD.
  if (auto dash = s.find('-'); dash != std::string::npos && s[0] != '^') {
    std::string_view base = std::string_view(s).substr(0, dash);
    std::string_view quote = std::string_view(s).substr(dash + 1);
    bool crypto_quote =
        std::find(std::begin(kCryptoQuotes), std::end(kCryptoQuotes), quote) != std::end(kCryptoQuotes);
    if (crypto_quote && base.size() >= 2 && base.find_first_of(".-") == std::string_view::npos) {
      // A coin quoted in dollars or in a dollar stablecoin is one market: BTC-USD (CoinGecko, Yahoo) and
      // BTC-USDT (Binance) follow one walk, so two sources of one coin agree as the real ones do.
      if (quote == "USD" || quote == "USDT" || quote == "USDC") in.key = fnv1a64(std::string(base) + "-USD");
      const std::uint64_t hk = in.key;
      const Coin* coin = find_coin(base);
      double base_usd = coin ? coin->usd : log_between(hk, 0.01, 50);
      double quote_usd = 1.0;
      if (const Coin* q = find_coin(quote))
        quote_usd = q->usd;
      else if (const Currency* c = find_currency(quote))
        quote_usd = c->usd;
      in.kind = AssetKind::crypto;
      in.instrument_type = "CRYPTOCURRENCY";
      in.type_disp = "Cryptocurrency";
      in.currency = std::string(quote);
      in.from_currency = std::string(base);
      in.to_currency = std::string(quote);
      in.exchange_name = in.full_exchange_name = "CCC";
      in.long_name = in.short_name = std::string(coin ? coin->name : base) + " " + std::string(quote);
      in.market = "ccc_market";
      in.quote_source_name = "CoinMarketCap";
      in.session = all_day(CalendarKind::every_day, "UTC");
      in.anchor_price = base_usd / quote_usd;
      in.sigma = coin ? coin->sigma : 0.06;
      if (quote == "USDT" || quote == "USDC" || base == "USDT" || base == "USDC")
        in.sigma = std::max(in.sigma, 0.0008);
      in.price_hint = hint_for(in.anchor_price);
      in.base_volume = (coin ? coin->volume : log_between(hk >> 7, 1e7, 1e9)) / quote_usd;
      in.first_trade_day = coin ? parse_day(coin->first_trade) : sys_days{year{2017} / November / 9};
      return in;
    }
  }

  // Exchange suffixes: OCDO.L.
  if (auto dot = s.rfind('.'); dot != std::string::npos) {
    std::string_view suffix = std::string_view(s).substr(dot);
    const Suffix* found = nullptr;
    for (const auto& x : kSuffixes) {
      if (suffix == x.suffix) found = &x;
    }
    if (!found || dot == 0) return std::nullopt;  // BRK.B: Yahoo spells it BRK-B
    in.kind = AssetKind::equity;
    in.instrument_type = "EQUITY";
    in.type_disp = "Equity";
    in.currency = found->currency;
    in.exchange_name = found->exchange;
    in.full_exchange_name = found->full_exchange;
    in.market = found->market;
    in.quote_source_name = "Delayed Quote";
    in.session.calendar = found->calendar;
    in.session.timezone = found->timezone;
    in.session.open_minute = found->open_minute;
    in.session.minutes = found->minutes;
    in.session.pre_minutes = 45;
    in.session.post_minutes = 45;
    in.has_pre_post = false;
    in.anchor_price = log_between(h, found->lo, found->hi);
    in.sigma = between(h >> 13, 0.012, 0.025);
    in.base_volume = log_between(h >> 21, 1e5, 2e7);
    in.long_name = in.short_name = std::string(std::string_view(s).substr(0, dot)) + " plc";
    for (const auto& k : kLondon) {
      if (s == k.symbol) {
        in.anchor_price = k.anchor;
        in.long_name = k.long_name;
        in.short_name = k.short_name;
        in.first_trade_day = parse_day(k.first_trade);
        in.base_volume = k.volume;
      }
    }
    in.first_trade_day = trading_day_on_or_after(in.session, in.first_trade_day);
    in.price_hint = 2;
    return in;
  }

  // US equities, ETFs and indices.
  us_equity_defaults(in);
  in.anchor_price = log_between(h, 8, 400);
  in.sigma = between(h >> 13, 0.012, 0.03);
  in.base_volume = log_between(h >> 21, 1e5, 2e7);
  in.long_name = in.short_name = s + " Inc.";
  if (s[0] == '^') {
    in.kind = AssetKind::index;
    in.instrument_type = "INDEX";
    in.type_disp = "Index";
    in.exchange_name = in.full_exchange_name = "SNP";
    in.quote_source_name = "Delayed Quote";
    in.has_pre_post = false;
    in.long_name = in.short_name = s.substr(1) + " Index";
    in.anchor_price = log_between(h, 100, 20000);
    in.sigma = 0.011;
    in.base_volume = 0;
    if (s == "^FTSE") {
      in.currency = "GBP";
      in.exchange_name = "FGI";
      in.full_exchange_name = "FTSE Index";
      in.long_name = in.short_name = "FTSE 100";
      in.market = "gb_market";
      in.session.calendar = CalendarKind::lse;
      in.session.timezone = "Europe/London";
      in.session.open_minute = 8 * 60;
      in.session.minutes = 510;
      in.session.pre_minutes = in.session.post_minutes = 45;
      in.anchor_price = 7604.3;
      in.base_volume = 8e8;
      in.first_trade_day = sys_days{year{1984} / January / 3};
    }
  } else if (directory_) {
    if (const Listing* l = directory_->find_yahoo(s)) {
      exchange_from_listing(in, *l);
      in.long_name = in.short_name = company_of(l->name);
      if (l->etf) {
        in.kind = AssetKind::etf;
        in.instrument_type = "ETF";
        in.type_disp = "ETF";
        in.sigma = between(h >> 13, 0.006, 0.016);
        in.base_volume = log_between(h >> 21, 1e4, 5e6);
      }
    }
  }
  for (const auto& k : kKnown) {
    if (s == k.symbol) {
      in.anchor_price = k.anchor;
      in.sigma = k.sigma;
      in.base_volume = k.volume;
      in.first_trade_day = parse_day(k.first_trade);
      in.long_name = k.long_name;
      in.short_name = k.short_name;
      in.exchange_name = k.exchange;
      in.full_exchange_name = k.full_exchange;
      if (k.kind == AssetKind::etf) {
        in.kind = AssetKind::etf;
        in.instrument_type = "ETF";
        in.type_disp = "ETF";
      }
    }
  }
  in.price_hint = hint_for(in.anchor_price) == 2 || in.anchor_price >= 1 ? 2 : 4;
  add_corporate_actions(in);
  return in;
}

}  // namespace pricefeed::sandbox
