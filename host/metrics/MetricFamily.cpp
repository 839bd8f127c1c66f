#include "host/metrics/MetricFamily.hpp"

#include <set>

namespace pricefeed::host {
namespace {

bool is_name_start(char c, bool colon_allowed) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon_allowed && c == ':');
}

bool is_name(std::string_view name, bool colon_allowed) {
  if (name.empty() || !is_name_start(name.front(), colon_allowed)) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return is_name_start(c, colon_allowed) || (c >= '0' && c <= '9'); });
}

}  // namespace

MetricFamily::MetricFamily(std::string name, std::string help, std::vector<std::string> label_names)
    : name_(std::move(name)), help_(std::move(help)), label_names_(std::move(label_names)) {
  if (!is_name(name_, true))
    throw std::invalid_argument("metric name \"" + name_ + "\" is not a Prometheus metric name");
  std::set<std::string_view> seen;
  for (const std::string& label : label_names_) {
    if (!is_name(label, false) || label.starts_with("__"))
      throw std::invalid_argument("metric " + name_ + ": label name \"" + label +
                                  "\" is not a Prometheus label name");
    if (!seen.insert(label).second)
      throw std::invalid_argument("metric " + name_ + ": label name \"" + label + "\" is given twice");
  }
}

void MetricFamily::check_label_count(std::size_t count) const {
  if (count != label_names_.size())
    throw std::invalid_argument("metric " + name_ + " has " + std::to_string(label_names_.size()) +
                                " labels, but " + std::to_string(count) + " values were given");
}

}  // namespace pricefeed::host
