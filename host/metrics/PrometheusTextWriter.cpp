#include "host/metrics/PrometheusTextWriter.hpp"

#include <charconv>
#include <cmath>

namespace pricefeed::host {

std::string escape_label_value(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string escape_help(std::string_view help) {
  std::string out;
  out.reserve(help.size());
  for (char c : help) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  return out;
}

std::string format_sample_value(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

void PrometheusTextWriter::family_header(std::string_view name, std::string_view help,
                                         std::string_view type) {
  out_ += "# HELP ";
  out_ += name;
  out_ += ' ';
  out_ += escape_help(help);
  out_ += "\n# TYPE ";
  out_ += name;
  out_ += ' ';
  out_ += type;
  out_ += '\n';
}

void PrometheusTextWriter::labels(std::span<const std::string> names, std::span<const std::string> values,
                                  std::string_view le) {
  if (names.empty() && le.empty()) return;
  out_ += '{';
  bool first = true;
  for (std::size_t i = 0; i < names.size() && i < values.size(); ++i) {
    if (!first) out_ += ',';
    first = false;
    out_ += names[i];
    out_ += "=\"";
    out_ += escape_label_value(values[i]);
    out_ += '"';
  }
  if (!le.empty()) {
    if (!first) out_ += ',';
    out_ += "le=\"";
    out_ += le;
    out_ += '"';
  }
  out_ += '}';
}

void PrometheusTextWriter::sample(std::string_view name, std::span<const std::string> label_names,
                                  std::span<const std::string> label_values, double value) {
  out_ += name;
  labels(label_names, label_values);
  out_ += ' ';
  out_ += format_sample_value(value);
  out_ += '\n';
}

void PrometheusTextWriter::histogram(std::string_view name, std::span<const std::string> label_names,
                                     std::span<const std::string> label_values,
                                     const HistogramSnapshot& snapshot) {
  const std::string bucket = std::string(name) + "_bucket";
  for (std::size_t i = 0; i < snapshot.cumulative.size(); ++i) {
    const std::string le =
        i < snapshot.upper_bounds.size() ? format_sample_value(snapshot.upper_bounds[i]) : "+Inf";
    out_ += bucket;
    labels(label_names, label_values, le);
    out_ += ' ';
    out_ += std::to_string(snapshot.cumulative[i]);
    out_ += '\n';
  }
  sample(std::string(name) + "_sum", label_names, label_values, snapshot.sum);
  sample(std::string(name) + "_count", label_names, label_values, static_cast<double>(snapshot.count));
}

}  // namespace pricefeed::host
