#include "tests/sandbox/FaultPlan.hpp"

#include <stdexcept>

#include "tests/sandbox/Hashing.hpp"
#include "tests/sandbox/Instruments.hpp"

namespace pricefeed::sandbox {

namespace {

struct KindName {
  FaultKind kind;
  std::string_view name;
};
constexpr KindName kKinds[] = {
    {FaultKind::http401, "401"},         {FaultKind::http418, "418"},
    {FaultKind::http429, "429"},         {FaultKind::http500, "500"},
    {FaultKind::http503, "503"},         {FaultKind::slow, "slow"},
    {FaultKind::malformed, "malformed"}, {FaultKind::truncated, "truncated"},
    {FaultKind::reset, "reset"},         {FaultKind::unknown_symbol, "unknown_symbol"},
};

int parse_int(std::string_view s, std::string_view what) {
  try {
    std::size_t used = 0;
    int v = std::stoi(std::string(s), &used);
    if (used != s.size()) throw std::invalid_argument("trailing");
    return v;
  } catch (const std::exception&) {
    throw std::invalid_argument("fault: " + std::string(what) + " must be an integer, got '" +
                                std::string(s) + "'");
  }
}

double parse_probability(std::string_view s) {
  double v = 0;
  try {
    std::size_t used = 0;
    v = std::stod(std::string(s), &used);
    if (used != s.size()) throw std::invalid_argument("trailing");
  } catch (const std::exception&) {
    throw std::invalid_argument("fault: 'probability' must be a number in (0, 1], got '" + std::string(s) +
                                "'");
  }
  // Written so that NaN fails too.
  if (!(v > 0.0 && v <= 1.0))
    throw std::invalid_argument("fault: 'probability' must be in (0, 1], got " + std::string(s));
  return v;
}

std::uint64_t parse_seed(std::string_view s) {
  try {
    std::size_t used = 0;
    if (s.empty() || s.front() == '-') throw std::invalid_argument("negative");
    std::uint64_t v = std::stoull(std::string(s), &used);
    if (used != s.size()) throw std::invalid_argument("trailing");
    return v;
  } catch (const std::exception&) {
    throw std::invalid_argument("fault: 'seed' must be a non-negative integer, got '" + std::string(s) + "'");
  }
}

// Draw number `draw` of fault `id` under `seed`: uniform in [0, 1), a pure function of the three, so a
// run with the same seed and the same order of requests hits the same ones.
double random_draw(std::uint64_t seed, std::uint64_t id, std::uint64_t draw) {
  SplitMix64 rng(mix64(seed ^ mix64(id * 0x9e3779b97f4a7c15ULL + draw)));
  return rng.uniform();
}

}  // namespace

std::optional<FaultKind> FaultPlan::kind_from(std::string_view name) {
  for (const auto& k : kKinds) {
    if (k.name == name) return k.kind;
  }
  return std::nullopt;
}

std::string_view FaultPlan::name(FaultKind kind) {
  for (const auto& k : kKinds) {
    if (k.kind == kind) return k.name;
  }
  return "?";
}

std::uint64_t FaultPlan::add(Fault fault) {
  std::lock_guard lock(mutex_);
  fault.id = next_id_++;
  if (fault.symbol) fault.symbol = to_upper(*fault.symbol);
  faults_.push_back(std::move(fault));
  return faults_.back().id;
}

std::optional<Fault> FaultPlan::take(std::string_view route_id, std::string_view family,
                                     const std::vector<std::string>& symbols) {
  std::lock_guard lock(mutex_);
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (it->route != "*" && it->route != route_id && it->route != family) continue;
    if (it->symbol) {
      bool hit = false;
      for (const auto& s : symbols)
        hit = hit || to_upper(s) == *it->symbol;
      if (!hit) continue;
    }
    if (it->probability && random_draw(it->seed.value_or(seed_), it->id, it->draws++) >= *it->probability)
      continue;
    ++it->applied;
    Fault out = *it;
    if (it->count > 0 && --it->count == 0) faults_.erase(it);
    return out;
  }
  return std::nullopt;
}

std::vector<Fault> FaultPlan::list() const {
  std::lock_guard lock(mutex_);
  return faults_;
}

bool FaultPlan::remove(std::uint64_t id) {
  std::lock_guard lock(mutex_);
  auto n = std::erase_if(faults_, [&](const Fault& f) { return f.id == id; });
  return n > 0;
}

void FaultPlan::clear() {
  std::lock_guard lock(mutex_);
  faults_.clear();
}

Fault FaultPlan::from_json(const nlohmann::json& j) {
  if (!j.is_object()) throw std::invalid_argument("fault: expected a JSON object");
  Fault f;
  auto text = [&](const char* key) -> std::optional<std::string> {
    if (!j.contains(key) || j[key].is_null()) return std::nullopt;
    if (j[key].is_string()) return j[key].get<std::string>();
    if (j[key].is_number()) return j[key].dump();
    throw std::invalid_argument(std::string("fault: '") + key + "' must be a string or a number");
  };
  auto kind = text("kind");
  if (!kind) throw std::invalid_argument("fault: 'kind' is required");
  auto k = kind_from(*kind);
  if (!k) throw std::invalid_argument("fault: unknown kind '" + *kind + "'");
  f.kind = *k;
  if (auto r = text("route")) f.route = *r;
  f.symbol = text("symbol");
  f.retry_after = text("retry_after");
  if (auto d = text("delay_ms")) f.delay_ms = parse_int(*d, "delay_ms");
  if (auto c = text("count")) f.count = parse_int(*c, "count");
  if (auto p = text("probability")) f.probability = parse_probability(*p);
  if (auto s = text("seed")) f.seed = parse_seed(*s);
  if (f.count == 0 || f.count < -1) throw std::invalid_argument("fault: count must be > 0 or -1 (forever)");
  if (f.delay_ms < 0) throw std::invalid_argument("fault: delay_ms must be >= 0");
  return f;
}

Fault FaultPlan::from_spec(std::string_view spec) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= spec.size()) {
    std::size_t colon = spec.find(':', start);
    if (colon == std::string_view::npos) colon = spec.size();
    parts.emplace_back(spec.substr(start, colon - start));
    start = colon + 1;
  }
  if (parts.size() < 2) throw std::invalid_argument("--fault expects route:kind[:count][:key=value...]");
  nlohmann::json j;
  j["route"] = parts[0];
  j["kind"] = parts[1];
  for (std::size_t i = 2; i < parts.size(); ++i) {
    auto eq = parts[i].find('=');
    if (eq == std::string::npos) {
      j["count"] = parts[i];
    } else {
      // An HTTP-date holds colons: everything after retry_after= is its value.
      std::string key = parts[i].substr(0, eq);
      std::string value = parts[i].substr(eq + 1);
      if (key == "retry_after") {
        for (std::size_t k = i + 1; k < parts.size(); ++k)
          value += ":" + parts[k];
        j[key] = value;
        break;
      }
      j[key] = value;
    }
  }
  return from_json(j);
}

nlohmann::json FaultPlan::to_json(const Fault& f) {
  nlohmann::json j = {{"id", f.id},       {"route", f.route},     {"kind", name(f.kind)},
                      {"count", f.count}, {"applied", f.applied}, {"delay_ms", f.delay_ms}};
  j["symbol"] = f.symbol ? nlohmann::json(*f.symbol) : nlohmann::json(nullptr);
  j["retry_after"] = f.retry_after ? nlohmann::json(*f.retry_after) : nlohmann::json(nullptr);
  j["probability"] = f.probability ? nlohmann::json(*f.probability) : nlohmann::json(nullptr);
  j["seed"] = f.seed ? nlohmann::json(*f.seed) : nlohmann::json(nullptr);
  j["draws"] = f.draws;
  return j;
}

}  // namespace pricefeed::sandbox
