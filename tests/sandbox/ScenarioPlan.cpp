#include "tests/sandbox/ScenarioPlan.hpp"

#include <algorithm>
#include <stdexcept>

#include "tests/sandbox/Calendar.hpp"

namespace pricefeed::sandbox {

namespace {

using nlohmann::json;

struct KindName {
  ScenarioKind kind;
  std::string_view name;
};
constexpr KindName kKinds[] = {{ScenarioKind::spike, "spike"},
                               {ScenarioKind::disagree, "disagree"},
                               {ScenarioKind::missing, "missing"},
                               {ScenarioKind::split, "split"}};

// The route families whose answers scenarios change (a typo would otherwise change nothing, silently).
constexpr std::string_view kFamilies[] = {"yahoo", "binance", "coingecko"};

bool covers(const Scenario& s, sys_days day) {
  if (s.kind == ScenarioKind::spike || s.kind == ScenarioKind::split) return s.date == day;
  return (!s.from || *s.from <= day) && (!s.to || day <= *s.to);
}

bool names(const Scenario& s, const Instrument& in) {
  return s.symbol == in.symbol || (in.kind == AssetKind::crypto && s.symbol == in.from_currency);
}

double scaled(double value, double factor, int decimals) {
  return PriceModel::serve_price(value * factor, decimals);
}

std::optional<std::string> text(const json& j, const char* key) {
  if (!j.contains(key) || j[key].is_null()) return std::nullopt;
  if (!j[key].is_string())
    throw std::invalid_argument(std::string("scenario: '") + key + "' must be a string");
  return j[key].get<std::string>();
}

std::optional<sys_days> date(const json& j, const char* key) {
  auto t = text(j, key);
  if (!t) return std::nullopt;
  auto d = parse_iso_date(*t);
  if (!d)
    throw std::invalid_argument(std::string("scenario: '") + key + "' must be a date YYYY-MM-DD, got '" + *t +
                                "'");
  return d;
}

double positive(const json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_number())
    throw std::invalid_argument(std::string("scenario: '") + key + "' (a number > 0) is required");
  double v = j[key].get<double>();
  if (!(v > 0)) throw std::invalid_argument(std::string("scenario: '") + key + "' must be > 0");
  return v;
}

int positive_int(const json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_number_integer() || j[key].get<std::int64_t>() < 1 ||
      j[key].get<std::int64_t>() > 1000)
    throw std::invalid_argument(std::string("scenario: '") + key + "' (an integer 1..1000) is required");
  return j[key].get<int>();
}

}  // namespace

std::string_view ScenarioPlan::name(ScenarioKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "?";
}

std::uint64_t ScenarioPlan::add(Scenario scenario) {
  std::lock_guard lock(mutex_);
  scenario.id = next_id_++;
  scenario.symbol = to_upper(scenario.symbol);
  scenarios_.push_back(std::move(scenario));
  ++generation_;
  return scenarios_.back().id;
}

std::vector<Scenario> ScenarioPlan::list() const {
  std::lock_guard lock(mutex_);
  return scenarios_;
}

bool ScenarioPlan::remove(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  ++generation_;
  return std::erase_if(scenarios_, [&](const Scenario& s) { return s.id == id; }) > 0;
}

void ScenarioPlan::clear() {
  std::lock_guard lock(mutex_);
  scenarios_.clear();
  ++generation_;
}

std::vector<Scenario> ScenarioPlan::matching(const Instrument& in,
                                             std::optional<std::string_view> family) const {
  std::lock_guard lock(mutex_);
  std::vector<Scenario> out;
  for (const auto& s : scenarios_) {
    if (!names(s, in)) continue;
    if (s.route && (!family || *s.route != *family)) continue;
    out.push_back(s);
  }
  return out;
}

double ScenarioPlan::factor(std::string_view family, const Instrument& in, sys_days day) const {
  double f = 1.0;
  for (const auto& s : matching(in, family)) {
    if ((s.kind == ScenarioKind::spike || s.kind == ScenarioKind::disagree) && covers(s, day)) f *= s.factor;
  }
  return f;
}

double ScenarioPlan::price(std::string_view family, const Instrument& in, sys_days day, double value) const {
  const double f = factor(family, in, day);
  return f == 1.0 ? value : scaled(value, f, in.price_hint);
}

void ScenarioPlan::apply(std::string_view family, const Instrument& in, std::vector<Bar>& bars) const {
  const auto active = matching(in, family);
  if (active.empty()) return;
  std::erase_if(bars, [&](const Bar& b) {
    return std::any_of(active.begin(), active.end(), [&](const Scenario& s) {
      return s.kind == ScenarioKind::missing && covers(s, b.day);
    });
  });
  for (Bar& b : bars) {
    double f = 1.0;
    for (const auto& s : active) {
      if ((s.kind == ScenarioKind::spike || s.kind == ScenarioKind::disagree) && covers(s, b.day))
        f *= s.factor;
    }
    if (f == 1.0) continue;
    b.open = scaled(b.open, f, in.price_hint);
    b.high = scaled(b.high, f, in.price_hint);
    b.low = scaled(b.low, f, in.price_hint);
    b.close = scaled(b.close, f, in.price_hint);
    b.adj_close = static_cast<double>(static_cast<float>(b.adj_close * f));
  }
}

void ScenarioPlan::apply(std::string_view family, const Instrument& in, Snapshot& snapshot) const {
  const double today = factor(family, in, snapshot.day);
  const double before =
      factor(family, in, trading_day_on_or_before(in.session, snapshot.day - std::chrono::days{1}));
  if (today != 1.0) {
    snapshot.price = scaled(snapshot.price, today, in.price_hint);
    snapshot.open = scaled(snapshot.open, today, in.price_hint);
    snapshot.day_high = scaled(snapshot.day_high, today, in.price_hint);
    snapshot.day_low = scaled(snapshot.day_low, today, in.price_hint);
  }
  if (before != 1.0) snapshot.previous_close = scaled(snapshot.previous_close, before, in.price_hint);
}

void ScenarioPlan::apply_truth(const Instrument& in, std::vector<Bar>& bars) const {
  // A correct pipeline stores the market (spikes) and cannot store what no source serves; a single
  // route's disagreement or gap is not the market.
  auto every_route = matching(in, std::nullopt);
  std::erase_if(every_route, [](const Scenario& s) {
    return s.kind != ScenarioKind::spike && s.kind != ScenarioKind::missing;
  });
  if (every_route.empty()) return;
  ScenarioPlan market;
  for (auto& s : every_route)
    market.scenarios_.push_back(std::move(s));
  market.apply("", in, bars);
}

Instrument ScenarioPlan::with_splits(Instrument in) const {
  for (const auto& s : matching(in, std::nullopt)) {
    if (s.kind == ScenarioKind::split) in.splits.push_back({s.date, s.numerator, s.denominator});
  }
  return in;
}

Scenario ScenarioPlan::from_json(const json& j) {
  if (!j.is_object()) throw std::invalid_argument("scenario: expected a JSON object");
  Scenario s;
  auto kind = text(j, "kind");
  if (!kind) throw std::invalid_argument("scenario: 'kind' is required (spike, disagree, missing, split)");
  bool known = false;
  for (const auto& k : kKinds) {
    if (k.name == *kind) {
      s.kind = k.kind;
      known = true;
    }
  }
  if (!known)
    throw std::invalid_argument("scenario: unknown kind '" + *kind + "' (spike, disagree, missing, split)");
  auto symbol = text(j, "symbol");
  if (!symbol || symbol->empty()) throw std::invalid_argument("scenario: 'symbol' is required");
  s.symbol = to_upper(*symbol);
  s.route = text(j, "route");
  if (s.route && std::find(std::begin(kFamilies), std::end(kFamilies), *s.route) == std::end(kFamilies))
    throw std::invalid_argument("scenario: unknown route '" + *s.route + "' (yahoo, binance, coingecko)");
  switch (s.kind) {
    case ScenarioKind::spike:
    case ScenarioKind::split: {
      if (s.route)
        throw std::invalid_argument("scenario: a " + *kind + " happens in every route; drop 'route'");
      auto d = date(j, "date");
      if (!d) throw std::invalid_argument("scenario: 'date' is required for a " + *kind);
      s.date = *d;
      if (s.kind == ScenarioKind::spike) {
        s.factor = positive(j, "factor");
      } else {
        s.numerator = positive_int(j, "numerator");
        s.denominator = positive_int(j, "denominator");
        if (s.numerator == s.denominator)
          throw std::invalid_argument("scenario: a split of 1:1 changes nothing");
      }
      break;
    }
    case ScenarioKind::disagree:
    case ScenarioKind::missing:
      if (s.kind == ScenarioKind::disagree && !s.route)
        throw std::invalid_argument("scenario: 'route' is required for disagree (the source that deviates)");
      s.from = date(j, "from");
      s.to = date(j, "to");
      if (s.kind == ScenarioKind::missing && (!s.from || !s.to))
        throw std::invalid_argument("scenario: 'from' and 'to' are required for missing");
      if (s.from && s.to && *s.from > *s.to) throw std::invalid_argument("scenario: 'from' is after 'to'");
      if (s.kind == ScenarioKind::disagree) s.factor = positive(j, "factor");
      break;
  }
  return s;
}

json ScenarioPlan::to_json(const Scenario& s) {
  json j = {{"id", s.id}, {"kind", name(s.kind)}, {"symbol", s.symbol}};
  j["route"] = s.route ? json(*s.route) : json(nullptr);
  switch (s.kind) {
    case ScenarioKind::spike:
      j["date"] = iso_date(s.date);
      j["factor"] = s.factor;
      break;
    case ScenarioKind::split:
      j["date"] = iso_date(s.date);
      j["numerator"] = s.numerator;
      j["denominator"] = s.denominator;
      break;
    case ScenarioKind::disagree:
    case ScenarioKind::missing:
      j["from"] = s.from ? json(iso_date(*s.from)) : json(nullptr);
      j["to"] = s.to ? json(iso_date(*s.to)) : json(nullptr);
      if (s.kind == ScenarioKind::disagree) j["factor"] = s.factor;
      break;
  }
  return j;
}

}  // namespace pricefeed::sandbox
