#include "binance/BinanceStreamSubscription.hpp"

namespace pricefeed::binance {

std::string binance_mini_ticker_stream(std::string_view pair) {
  std::string out;
  out.reserve(pair.size() + 11);
  for (char c : pair)
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  return out + "@miniTicker";
}

std::string binance_stream_request(std::string_view method, const std::vector<std::string>& pairs,
                                   std::uint64_t id) {
  // Pairs are A-Z 0-9 only, so nothing in a stream's name needs escaping.
  std::string out = R"({"method":")";
  out += method;
  out += R"(","params":[)";
  for (std::size_t i = 0; i < pairs.size(); ++i) {
    if (i > 0) out += ',';
    out += '"';
    out += binance_mini_ticker_stream(pairs[i]);
    out += '"';
  }
  out += R"(],"id":)";
  out += std::to_string(id);
  out += '}';
  return out;
}

}  // namespace pricefeed::binance
