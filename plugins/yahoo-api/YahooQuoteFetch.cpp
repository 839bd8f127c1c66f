#include "yahoo-api/YahooQuoteFetch.hpp"

#include <algorithm>
#include <map>
#include <vector>

#include <pricefeed/error.hpp>

namespace pricefeed::yahoo {

namespace {

// Yahoo answers with its own spelling of the ticker (upper case): match case-insensitively.
std::string upper(std::string text) {
  for (char& c : text)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return text;
}

// "'A', 'B', 'C' and 7 more": enough to act on without flooding a log line.
std::string some_of(const std::vector<std::string>& names) {
  constexpr std::size_t kShown = 10;
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < kShown; ++i) {
    if (i > 0) out += ", ";
    out += "'" + names[i] + "'";
  }
  if (names.size() > kShown) out += " and " + std::to_string(names.size() - kShown) + " more";
  return out;
}

}  // namespace

void fetch_yahoo_quotes(const Host& host, const YahooQuoteClient& client, const QuoteRequest& request,
                        QuoteSink& sink, const YahooTickerOf& ticker_of) {
  const std::string& label = client.label();
  if (request.source_ids.size() != request.symbols.size()) {
    throw Error::permanent(label + ": quote request with " + std::to_string(request.symbols.size()) +
                           " symbols but " + std::to_string(request.source_ids.size()) + " source ids");
  }

  // Distinct tickers in the order first asked, and the asked symbols (indexes) each one answers.
  std::vector<std::string> tickers;
  std::map<std::string, std::vector<std::size_t>> asked_by_ticker;
  std::vector<std::string> unmapped;
  for (std::size_t i = 0; i < request.symbols.size(); ++i) {
    std::string ticker;
    try {
      ticker = ticker_of(request.symbols[i], request.source_ids[i]);
    } catch (const Error& e) {
      if (e.status() != Status::not_found) throw;
      unmapped.push_back(request.symbols[i]);
      host.log(LogLevel::info, e.what(), {{"symbol", request.symbols[i]}});
      continue;
    }
    auto& asked = asked_by_ticker[upper(ticker)];
    if (asked.empty()) tickers.push_back(ticker);
    asked.push_back(i);
  }

  std::size_t quotes_sent = 0;
  std::vector<std::string> not_found_answers;
  for (std::size_t from = 0; from < tickers.size(); from += YahooQuoteClient::kMaxBatch) {
    if (host.cancelled()) {
      throw Error::transient(label + ": quotes cancelled after " + std::to_string(from) + " of " +
                             std::to_string(tickers.size()) + " tickers");
    }
    const std::vector<std::string> batch(
        tickers.begin() + static_cast<std::ptrdiff_t>(from),
        tickers.begin() +
            static_cast<std::ptrdiff_t>(std::min(tickers.size(), from + YahooQuoteClient::kMaxBatch)));
    YahooQuoteAnswer answer;
    try {
      answer = client.fetch(host, batch);
    } catch (const Error& e) {
      if (e.status() != Status::not_found) throw;
      not_found_answers.push_back(e.what());  // none of this batch is known: the others may be
      continue;
    }
    for (const std::string& warning : answer.warnings) {
      host.log(LogLevel::warn, label + ": " + warning);
    }
    for (const YahooQuote& quote : answer.quotes) {
      const auto asked = asked_by_ticker.find(upper(quote.ticker));
      if (asked == asked_by_ticker.end()) continue;  // not asked for (Yahoo does not add any, but still)
      for (std::size_t index : asked->second) {
        Quote out;
        out.symbol = request.symbols[index];
        out.price = quote.price;
        out.currency = quote.currency;
        out.ts = quote.ts;
        out.open = quote.open;
        out.high = quote.high;
        out.low = quote.low;
        out.volume = quote.volume;
        out.previous_close = quote.previous_close;
        sink.push(std::move(out));
        ++quotes_sent;
      }
      asked_by_ticker.erase(asked);  // answered: what is left at the end has no quote
    }
    sink.flush();
    if (sink.stopped()) return;
  }

  std::vector<std::string> missing = unmapped;
  for (const auto& [ticker, asked] : asked_by_ticker) {
    for (std::size_t index : asked)
      missing.push_back(request.symbols[index]);
  }
  if (missing.empty()) return;
  const std::string what = "no Yahoo quote for " + some_of(missing);
  if (quotes_sent == 0) {
    throw Error::not_found(label + ": " + what +
                           (not_found_answers.empty() ? std::string(" (Yahoo left them out of its answer)")
                                                      : " (" + not_found_answers.front() + ")"));
  }
  host.log(LogLevel::info,
           label + ": " + what + "; the other " + std::to_string(quotes_sent) + " quotes are in");
}

}  // namespace pricefeed::yahoo
