#include "tests/sandbox/SymbolDirectory.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <sstream>
#include <utility>

#include "tests/sandbox/Calendar.hpp"
#include "tests/sandbox/Hashing.hpp"

namespace pricefeed::sandbox {

namespace {

// The real rows of tests/fixtures/nasdaqtrader/*.TRIMMED.txt, unchanged.
constexpr std::string_view kFixtureNasdaq =
    R"(AACB|Artius II Acquisition Inc. - Class A Ordinary Shares|G|N|N|100|N|N
AACBR|Artius II Acquisition Inc. - Rights|G|N|N|100|N|N
AACBU|Artius II Acquisition Inc. - Units|G|N|N|100|N|N
AACG|ATA Creativity Global - American Depositary Shares, each representing two common shares|S|N|D|100|N|N
AACI|Armada Acquisition Corp. II - Class A Ordinary Shares|G|N|N|100|N|N
AACIU|Armada Acquisition Corp. II - Units|G|N|N|100|N|N
AACIW|Armada Acquisition Corp. II - Warrant|G|N|N|100|N|N
AADR|AdvisorShares Dorsey Wright ADR ETF|G|N|N|100|Y|N
AAL|American Airlines Group, Inc. - Common Stock|Q|N|N|100|N|N
AALG|Leverage Shares 2X Long AAL Daily ETF|G|N|N|100|Y|N
AAME|Atlantic American Corporation - Common Stock|G|N|N|100|N|N
AAPL|Apple Inc. - Common Stock|Q|N|N|100|N|N
ABVE|Above Food Ingredients Inc. - Common Stock|G|N|E|100|N|N
ACET|Adicet Bio, Inc. - Common Stock|G|N|D|100|N|N
QQQ|Invesco QQQ Trust, Series 1|G|N|N|100|Y|N
ZAZZT|Tick Pilot Test Stock Class A Common Stock|G|Y|N|100||N
ZBZZT|Test Pilot Test Stock Class B Common Stock|G|Y|N|100||N
ZCZZT|Tick Pilot Test Stock Class C |G|Y|N|100||N
ZJZZT|NASDAQ TEST STOCK|Q|Y|N|100||N
ZVZZT|NASDAQ TEST STOCK|G|Y|N|100||N
ZWZZT|NASDAQ TEST STOCK|S|Y|N|100||N
)";

constexpr std::string_view kFixtureOther = R"(A|Agilent Technologies, Inc. Common Stock|N|A|N|100|N|A
AA|Alcoa Corporation Common Stock |N|AA|N|100|N|AA
AAA|Alternative Access First Priority CLO Bond ETF|P|AAA|Y|100|N|AAA
AAAA|EA Series Trust Amplius Aggressive Asset Allocation ETF|Z|AAAA|Y|100|N|AAAA
AAAU|Goldman Sachs Physical Gold ETF Shares|Z|AAAU|Y|100|N|AAAU
AACT|Ares Acquisition Corporation II Class A Ordinary Shares|N|AACT|N|100|N|AACT
AACT.U|Ares Acquisition Corporation II Units, each consisting of one Class A ordinary share and one-half of one redeemable warrant|N|AACT.U|N|100|N|AACT=
AACT.W|Ares Acquisition Corporation II Redeemable Warrants, each whole warrant exercisable for one Class A ordinary share at an exercise price of $11.50|N|AACT.WS|N|100|N|AACT+
ABR$D|Arbor Realty Trust 6.375% Series D Cumulative Redeemable Preferred Stock, Liquidation Preference $25.00 per Share|N|ABRpD|N|100|N|ABR-D
BRK.A|Berkshire Hathaway Inc. Common Stock|N|BRK.A|N|1|N|BRK.A
BRK.B|Berkshire Hathaway Inc. New Common Stock|N|BRK.B|N|100|N|BRK.B
BRKC|Tidal Trust II YieldMax BRK.B Option Income Strategy ETF|P|BRKC|Y|100|N|BRKC
BRKW|Roundhill ETF Trust Roundhill BRKB WeeklyPay ETF|Z|BRKW|Y|100|N|BRKW
GLD|SPDR Gold Trust|P|GLD|Y|100|N|GLD
IBM|International Business Machines Corporation Common Stock|N|IBM|N|100|N|IBM
SPY|SPDR S&P 500|P|SPY|Y|100|N|SPY
ATEST|Tick Pilot Test Control Common Stock|A|ATEST|N|100|Y|ATEST
ATEST.A|Tick Pilot Test Group 1 Common Stock|A|ATEST.A|N|100|Y|ATEST.A
ATEST.B|Tick pilot Test 2 Common Stock|A|ATEST.B|N|100|Y|ATEST.B
ATEST.C|Tick Pilot Test 3 Common Stock|A|ATEST.C|N|100|Y|ATEST.C
CBO|CBO (Listing Market - NYSE - Networks A/E) Common Stock|N|CBO|N|100|Y|CBO
CBX|CBX (Listing Market NYSE Networks AE) Common Stock|N|CBX|N|100|Y|CBX
MTEST|NYSE Texas, Inc. TEST Common Stock|M|MTEST|N|100|Y|MTEST
)";

// Listings the sandbox's Yahoo knows by name (well-known symbols and the quirk symbols).
constexpr std::string_view kExtraNasdaq = R"(AMZN|Amazon.com, Inc. - Common Stock|Q|N|N|100|N|N
DIVY|Sandbox Dividend Test Inc. - Common Stock|G|N|N|100|N|N
GOOGL|Alphabet Inc. - Class A Common Stock|Q|N|N|100|N|N
JUMPY|Sandbox Jump Test Inc. - Common Stock|S|N|N|100|N|N
META|Meta Platforms, Inc. - Class A Common Stock|Q|N|N|100|N|N
MSFT|Microsoft Corporation - Common Stock|Q|N|N|100|N|N
NULLY|Sandbox Null Bars Test Inc. - Common Stock|S|N|N|100|N|N
NVDA|NVIDIA Corporation - Common Stock|Q|N|N|100|N|N
QRKY|Sandbox Quirky Data Corp. - Common Stock|S|N|N|100|N|N
SPLT|Sandbox Split Test Corp. - Common Stock|S|N|N|100|N|N
TSLA|Tesla, Inc. - Common Stock|Q|N|N|100|N|N
BND|Vanguard Total Bond Market ETF|G|N|N|100|Y|N
BNDX|Vanguard Total International Bond ETF|G|N|N|100|Y|N
IEF|iShares 7-10 Year Treasury Bond ETF|G|N|N|100|Y|N
IEI|iShares 3-7 Year Treasury Bond ETF|G|N|N|100|Y|N
SHV|iShares Short Treasury Bond ETF|G|N|N|100|Y|N
SHY|iShares 1-3 Year Treasury Bond ETF|G|N|N|100|Y|N
TLH|iShares 10-20 Year Treasury Bond ETF|G|N|N|100|Y|N
TLT|iShares 20+ Year Treasury Bond ETF|G|N|N|100|Y|N
VCIT|Vanguard Intermediate-Term Corporate Bond ETF|G|N|N|100|Y|N
VCSH|Vanguard Short-Term Corporate Bond ETF|G|N|N|100|Y|N
VGIT|Vanguard Intermediate-Term Treasury ETF|G|N|N|100|Y|N
VGLT|Vanguard Long-Term Treasury ETF|G|N|N|100|Y|N
VGSH|Vanguard Short-Term Treasury ETF|G|N|N|100|Y|N
)";

constexpr std::string_view kExtraOther =
    R"(BABA|Alibaba Group Holding Limited American Depositary Shares each representing eight Ordinary share|N|BABA|N|100|N|BABA
JPM|JP Morgan Chase & Co. Common Stock|N|JPM|N|100|N|JPM
KO|Coca-Cola Company (The) Common Stock|N|KO|N|100|N|KO
V|Visa Inc.|N|V|N|100|N|V
AGG|iShares Core U.S. Aggregate Bond ETF|P|AGG|Y|100|N|AGG
BIL|SPDR Bloomberg 1-3 Month T-Bill ETF|P|BIL|Y|100|N|BIL
GOVT|iShares U.S. Treasury Bond ETF|Z|GOVT|Y|100|N|GOVT
HYG|iShares iBoxx $ High Yield Corporate Bond ETF|P|HYG|Y|100|N|HYG
JNK|SPDR Bloomberg High Yield Bond ETF|P|JNK|Y|100|N|JNK
LQD|iShares iBoxx $ Investment Grade Corporate Bond ETF|P|LQD|Y|100|N|LQD
SCHZ|Schwab U.S. Aggregate Bond ETF|P|SCHZ|Y|100|N|SCHZ
SGOV|iShares 0-3 Month Treasury Bond ETF|P|SGOV|Y|100|N|SGOV
TIP|iShares TIPS Bond ETF|P|TIP|Y|100|N|TIP
)";

constexpr std::size_t kNasdaqRows = 4973;  // as many as the real file of 2025-07-21 (4975 lines)
constexpr std::size_t kOtherRows = 6606;   // 6608 lines

constexpr std::array kPrefixes = {
    "Atlantic", "Pacific",   "Northern", "Southern", "Summit",    "Pioneer",   "Harbor",    "Cedar",
    "Granite",  "Silver",    "Blue",     "Crimson",  "Green",     "Golden",    "Eagle",     "Falcon",
    "Liberty",  "Frontier",  "Horizon",  "Meridian", "Vertex",    "Apex",      "Nova",      "Quantum",
    "Stellar",  "Crescent",  "Sterling", "Keystone", "Beacon",    "Evergreen", "Ironwood",  "Redwood",
    "Bright",   "Clearway",  "Trident",  "Prime",    "United",    "First",     "National",  "American",
    "Global",   "Advanced",  "Allied",   "Dynamic",  "Precision", "Coastal",   "Lakeside",  "Riverbend",
    "Highland", "Westfield", "Aurora",   "Cobalt",   "Orion",     "Sequoia",   "Tidewater", "Zenith"};
constexpr std::array kCores = {
    "Bio",       "Technologies",  "Energy",   "Therapeutics", "Pharmaceuticals", "Financial",     "Bancorp",
    "Realty",    "Semiconductor", "Software", "Networks",     "Health",          "Medical",       "Foods",
    "Brands",    "Logistics",     "Mining",   "Resources",    "Capital",         "Industries",    "Systems",
    "Solutions", "Robotics",      "Genomics", "Materials",    "Communications",  "Entertainment", "Motors",
    "Aerospace", "Retail",        "Water",    "Power",        "Biosciences",     "Diagnostics",   "Insurance",
    "Lending",   "Payments",      "Data",     "Cloud",        "Shipping",        "Minerals",      "Devices"};
constexpr std::array kSuffixes = {
    "Inc.", "Corp.", "Corporation", "Holdings, Inc.", "Group, Inc.",     "Ltd.", "plc", "Co.", "Incorporated",
    "N.V.", "S.A.",  "Limited",     "Holdings Corp.", "Bancshares, Inc."};
constexpr std::array kIssuers = {
    "iShares",         "Vanguard",  "SPDR",      "Invesco",    "Schwab",         "First Trust",
    "Global X",        "ProShares", "Direxion",  "WisdomTree", "VanEck",         "Franklin",
    "JPMorgan",        "Amplify",   "Roundhill", "Defiance",   "Tidal Trust II", "EA Series Trust",
    "Leverage Shares", "Pacer"};
constexpr std::array kThemes = {"Core S&P Mid-Cap",
                                "Short Treasury Bond",
                                "Clean Energy",
                                "Semiconductor",
                                "Dividend Growth",
                                "Emerging Markets",
                                "Small-Cap Value",
                                "Cybersecurity",
                                "Artificial Intelligence",
                                "Gold Miners",
                                "Real Estate",
                                "Aggregate Bond",
                                "High Yield Corporate Bond",
                                "Healthcare",
                                "Biotech",
                                "Water Resources",
                                "Nasdaq-100 Covered Call",
                                "2X Long Daily",
                                "Ultra Short",
                                "Momentum Factor",
                                "Quality Factor",
                                "International Developed",
                                "Japan Hedged Equity",
                                "Municipal Bond",
                                "Floating Rate",
                                "Infrastructure",
                                "Robotics",
                                "Treasury 0-1 Year",
                                "Equal Weight",
                                "Low Volatility"};

template <typename Array>
const char* pick(const Array& a, std::uint64_t h) {
  return a[h % a.size()];
}

std::vector<std::string> split_pipe(std::string_view line) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    std::size_t bar = line.find('|', start);
    out.emplace_back(
        line.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start));
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return out;
}

void parse_rows(std::string_view text, bool nasdaq, std::vector<Listing>& out) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    auto f = split_pipe(line);
    Listing l;
    l.nasdaq_listed = nasdaq;
    l.symbol = f[0];
    l.name = f[1];
    if (nasdaq) {
      l.market = f[2][0];
      l.test_issue = f[3] == "Y";
      l.financial_status = f[4][0];
      l.round_lot = std::stoi(f[5]);
      l.etf = f[6] == "Y";
    } else {
      l.market = f[2][0];
      l.cqs_symbol = f[3];
      l.etf = f[4] == "Y";
      l.round_lot = std::stoi(f[5]);
      l.test_issue = f[6] == "Y";
      l.nasdaq_symbol = f[7];
    }
    out.push_back(std::move(l));
  }
}

std::string random_symbol(SplitMix64& rng, std::size_t length) {
  std::string s;
  for (std::size_t i = 0; i < length; ++i)
    s += static_cast<char>('A' + rng.next() % 26);
  return s;
}

std::string company_name(SplitMix64& rng) {
  std::string name = pick(kPrefixes, rng.next());
  name += ' ';
  name += pick(kCores, rng.next());
  name += ' ';
  name += pick(kSuffixes, rng.next());
  return name;
}

class Generator {
 public:
  explicit Generator(std::set<std::string>& used) : used_(used) {}

  // A fresh base symbol of `length` letters that leaves room for its derived symbols.
  // Short names run out: after a few tries the length grows.
  std::string fresh(std::size_t length) {
    for (int tries = 0;; ++tries) {
      if (tries > 0 && tries % 8 == 0 && length < 5) ++length;
      std::string s = random_symbol(rng_, length);
      if (!used_.count(s) && !used_.count(s + "W") && !used_.count(s + "U") && !used_.count(s + "R")) {
        used_.insert(s);
        return s;
      }
    }
  }
  SplitMix64& rng() { return rng_; }
  std::uint64_t next() { return rng_.next(); }
  bool chance(double p) { return rng_.uniform() < p; }

 private:
  std::set<std::string>& used_;
  SplitMix64 rng_{fnv1a64("nasdaqtrader symbol directory")};
};

void generate_nasdaq(Generator& g, std::set<std::string>& used, std::size_t target,
                     std::vector<Listing>& out) {
  std::size_t count = 0;
  auto add = [&](Listing l) {
    if (count >= target) return;
    used.insert(l.symbol);
    out.push_back(std::move(l));
    ++count;
  };
  while (count < target) {
    double kind = g.rng().uniform();
    char category = "QGS"[g.next() % 3];
    char status = 'N';
    double s = g.rng().uniform();
    if (s < 0.04)
      status = 'D';
    else if (s < 0.05)
      status = 'E';
    else if (s < 0.053)
      status = 'H';
    Listing l;
    l.nasdaq_listed = true;
    l.market = category;
    l.financial_status = status;
    if (kind < 0.20) {  // ETF
      l.symbol = g.fresh(4);
      l.name = std::string(pick(kIssuers, g.next())) + " " + pick(kThemes, g.next()) + " ETF";
      l.etf = true;
      l.market = 'G';
      l.financial_status = 'N';
      add(l);
    } else if (kind < 0.28) {  // SPAC: shares, units, warrants, sometimes rights
      std::string base = g.fresh(4);
      std::string company = std::string(pick(kPrefixes, g.next())) + " Acquisition Corp.";
      if (g.chance(0.4)) company += " II";
      l.market = 'G';
      l.symbol = base;
      l.name = company + " - Class A Ordinary Shares";
      add(l);
      l.symbol = base + "U";
      l.name = company + " - Units";
      add(l);
      l.symbol = base + "W";
      l.name = company + " - Warrant";
      add(l);
      if (g.chance(0.5)) {
        l.symbol = base + "R";
        l.name = company + " - Rights";
        add(l);
      }
    } else if (kind < 0.33) {  // ADS
      l.symbol = g.fresh(4);
      l.name = company_name(g.rng()) + " - American Depositary Shares";
      add(l);
    } else if (kind < 0.36) {  // class shares
      std::string base = g.fresh(4);
      std::string company = company_name(g.rng());
      l.symbol = base;
      l.name = company + " - Class A Common Stock";
      add(l);
      l.symbol = base.substr(0, 3) + "K";
      if (!used.count(l.symbol)) {
        l.name = company + " - Class C Capital Stock";
        add(l);
      }
    } else {
      l.symbol = g.fresh(g.chance(0.8) ? 4 : 3);
      l.name = company_name(g.rng()) + " - Common Stock";
      add(l);
    }
  }
}

void generate_other(Generator& g, std::size_t target, std::vector<Listing>& out) {
  std::size_t count = 0;
  auto add = [&](Listing l) {
    if (count >= target) return;
    out.push_back(std::move(l));
    ++count;
  };
  constexpr std::string_view exchanges = "NNNNNNNNNAAPPPPPPZZV";
  while (count < target) {
    double kind = g.rng().uniform();
    Listing l;
    l.nasdaq_listed = false;
    l.market = exchanges[g.next() % exchanges.size()];
    if (kind < 0.30) {  // ETF on Arca / BZX
      l.symbol = g.fresh(g.chance(0.6) ? 4 : 3);
      l.market = g.chance(0.7) ? 'P' : 'Z';
      l.etf = true;
      l.name = std::string(pick(kIssuers, g.next())) + " " + pick(kThemes, g.next()) + " ETF";
      l.cqs_symbol = l.nasdaq_symbol = l.symbol;
      add(l);
      continue;
    }
    if (l.market == 'P' || l.market == 'Z') l.market = 'N';
    std::string base = g.fresh(1 + g.next() % 4);
    std::string company = company_name(g.rng());
    l.symbol = l.cqs_symbol = l.nasdaq_symbol = base;
    if (kind < 0.36) {  // class shares
      l.symbol = l.cqs_symbol = l.nasdaq_symbol = base + ".A";
      l.name = company + " Class A Common Stock";
      l.round_lot = g.chance(0.3) ? 1 : 100;
      add(l);
      l.symbol = l.cqs_symbol = l.nasdaq_symbol = base + ".B";
      l.name = company + " Class B Common Stock";
      l.round_lot = 100;
      add(l);
      continue;
    }
    l.name = company + " Common Stock";
    add(l);
    if (kind < 0.48) {  // preferreds: ACT ABR$D, CQS ABRpD, NASDAQ ABR-D
      std::size_t series = 1 + g.next() % 3;
      char letter = static_cast<char>('A' + g.next() % 4);
      for (std::size_t i = 0; i < series; ++i, ++letter) {
        Listing p = l;
        std::string suffix(1, letter);
        p.symbol = base + "$" + suffix;
        p.cqs_symbol = base + "p" + suffix;
        p.nasdaq_symbol = base + "-" + suffix;
        double coupon = 4.0 + static_cast<double>(g.next() % 400) / 100.0;
        std::ostringstream name;
        name.setf(std::ios::fixed);
        name.precision(3);
        name << company << " " << coupon << "% Series " << suffix
             << " Cumulative Redeemable Preferred Stock, Liquidation Preference $25.00 per Share";
        p.name = name.str();
        add(p);
      }
    } else if (kind < 0.53) {  // SPAC units and warrants: ACT .U/.W, CQS .U/.WS, NASDAQ =/+
      Listing u = l;
      u.symbol = u.cqs_symbol = base + ".U";
      u.nasdaq_symbol = base + "=";
      u.name = company + " Units, each consisting of one Class A ordinary share and one-half of one warrant";
      add(u);
      Listing w = l;
      w.symbol = base + ".W";
      w.cqs_symbol = base + ".WS";
      w.nasdaq_symbol = base + "+";
      w.name = company + " Redeemable Warrants, each whole warrant exercisable for one Class A share";
      add(w);
    }
  }
}

}  // namespace

std::string SymbolDirectory::yahoo_symbol_for(const Listing& l) {
  if (l.nasdaq_listed) return l.symbol;
  // Units, warrants and rights have suffixes of their own at Yahoo: AACT.U -> AACT-UN, AACT.W -> AACT-WT,
  // AIIA.R -> AIIA-RI.
  for (const auto& [act, yahoo] :
       {std::pair<std::string_view, std::string_view>{".U", "-UN"}, {".W", "-WT"}, {".R", "-RI"}}) {
    if (l.symbol.size() > act.size() &&
        std::string_view(l.symbol).substr(l.symbol.size() - act.size()) == act) {
      return l.symbol.substr(0, l.symbol.size() - act.size()) + std::string(yahoo);
    }
  }
  std::string out;
  for (char c : l.symbol) {
    if (c == '.')
      out += '-';
    else if (c == '$')
      out += "-P";
    else
      out += c;
  }
  return out;
}

SymbolDirectory::SymbolDirectory() {
  std::vector<Listing> nasdaq, other;
  parse_rows(kFixtureNasdaq, true, nasdaq);
  parse_rows(kExtraNasdaq, true, nasdaq);
  parse_rows(kFixtureOther, false, other);
  parse_rows(kExtraOther, false, other);

  std::set<std::string> used;
  for (const auto* list : {&nasdaq, &other}) {
    for (const auto& l : *list) {
      used.insert(l.symbol);
      used.insert(l.symbol.substr(0, l.symbol.find_first_of(".$")));
    }
  }
  // Reserved: the sandbox's unknown symbols, the quirk symbols and the sandbox's well-known ones.
  for (const char* s : {"UNKNOWN", "NOSUCH", "DELISTED", "INVALID", "XXXX", "GOOG", "BRK", "GC", "SI", "CL",
                        "NG", "ES", "NQ", "YM", "ZB", "ZN", "ZC", "ZW", "ZS"}) {
    used.insert(s);
  }
  Generator g(used);
  generate_nasdaq(g, used, kNasdaqRows - nasdaq.size(), nasdaq);
  generate_other(g, kOtherRows - other.size(), other);

  auto by_symbol = [](const Listing& a, const Listing& b) { return a.symbol < b.symbol; };
  std::sort(nasdaq.begin(), nasdaq.end(), by_symbol);
  std::sort(other.begin(), other.end(), by_symbol);
  listings_ = std::move(nasdaq);
  listings_.insert(listings_.end(), other.begin(), other.end());
  for (std::size_t i = 0; i < listings_.size(); ++i) {
    listings_[i].yahoo_symbol = yahoo_symbol_for(listings_[i]);
    by_yahoo_.emplace(listings_[i].yahoo_symbol, i);
  }
}

const Listing* SymbolDirectory::find_yahoo(std::string_view yahoo_symbol) const {
  auto it = by_yahoo_.find(yahoo_symbol);
  return it == by_yahoo_.end() ? nullptr : &listings_[it->second];
}

std::string nasdaqtrader_creation_time(std::chrono::sys_seconds t) {
  auto local = zone("America/New_York")->to_local(t);
  return date::format("%m%d%Y%H:%M", local);
}

std::string SymbolDirectory::nasdaqlisted_txt(std::chrono::sys_seconds created) const {
  std::string out;
  out.reserve(400 * 1024);
  out += kNasdaqHeader;
  out += '\n';
  for (const auto& l : listings_) {
    if (!l.nasdaq_listed) continue;
    out += l.symbol + '|' + l.name + '|' + l.market + '|' + (l.test_issue ? 'Y' : 'N') + '|' +
           l.financial_status + '|' + std::to_string(l.round_lot) + '|';
    // Test issues leave the ETF column empty, as in the real file.
    if (!l.test_issue) out += l.etf ? 'Y' : 'N';
    out += "|N\n";
  }
  out += "File Creation Time: " + nasdaqtrader_creation_time(created) + "|||||||\n";
  return out;
}

std::string SymbolDirectory::otherlisted_txt(std::chrono::sys_seconds created) const {
  std::string out;
  out.reserve(600 * 1024);
  out += kOtherHeader;
  out += '\n';
  for (const auto& l : listings_) {
    if (l.nasdaq_listed) continue;
    out += l.symbol + '|' + l.name + '|' + l.market + '|' + l.cqs_symbol + '|' + (l.etf ? 'Y' : 'N') + '|' +
           std::to_string(l.round_lot) + '|' + (l.test_issue ? 'Y' : 'N') + '|' + l.nasdaq_symbol + '\n';
  }
  out += "File Creation Time: " + nasdaqtrader_creation_time(created) + "||||||\n";
  return out;
}

}  // namespace pricefeed::sandbox
