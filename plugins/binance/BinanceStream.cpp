#include "binance/BinanceStream.hpp"

#include <algorithm>
#include <iterator>

#include <pricefeed/error.hpp>

#include "binance/BinanceFormatError.hpp"
#include "binance/BinancePair.hpp"
#include "binance/BinanceStreamFrame.hpp"
#include "binance/BinanceStreamSubscription.hpp"
#include "upstream/BodyExcerpt.hpp"

namespace pricefeed::binance {

namespace {

std::string without_trailing_slash(std::string url) {
  while (url.ends_with('/'))
    url.pop_back();
  return url;
}

}  // namespace

void BinanceStream::subscribe(const Host& host, const StreamRequest& request, StreamControl& out) {
  if (request.asset_class != AssetClass::crypto) {
    throw Error::unsupported(std::string("binance: streams crypto only, not ") +
                             asset_class_name(request.asset_class));
  }
  // The pair of each symbol ("" for a symbol that cannot be one).
  std::vector<std::string> pair_of_symbol(request.symbols.size());
  std::string not_pairs;
  for (std::size_t i = 0; i < request.symbols.size(); ++i) {
    try {
      pair_of_symbol[i] = binance_pair(request.symbols[i], request.source_ids[i], config_.quote_asset);
    } catch (const Error& e) {
      if (e.status() != Status::not_found) throw;
      not_pairs += (not_pairs.empty() ? "'" : ", '") + request.symbols[i] + "'";
    }
  }
  if (!not_pairs.empty()) {
    host.log(LogLevel::warn, "binance: not streaming " + not_pairs + ": not a symbol Binance could list");
  }
  // Several of pricefeed's symbols may name one pair (BTC, and BTCUSDT as a source id): one stream.
  std::vector<std::string> pairs;
  std::copy_if(pair_of_symbol.begin(), pair_of_symbol.end(), std::back_inserter(pairs),
               [](const std::string& pair) { return !pair.empty(); });
  std::sort(pairs.begin(), pairs.end());
  pairs.erase(std::unique(pairs.begin(), pairs.end()), pairs.end());

  const bool open = request.action == StreamRequest::Action::open;
  if (pairs.empty()) {
    if (open) throw Error::not_found("binance: no symbol to stream: " + not_pairs + " name no Binance pair");
    return;
  }
  if (request.action == StreamRequest::Action::remove) {
    out.send(binance_stream_request("UNSUBSCRIBE", pairs, request.message_id));
    return;
  }
  remember_quote_assets(host, pairs);
  if (open) out.connect_to(without_trailing_slash(config_.stream_url) + "/stream");
  // Frames name the pair (BTCUSDT) where pricefeed asked for BTC: the host maps one to the other.
  for (std::size_t i = 0; i < pair_of_symbol.size(); ++i) {
    if (!pair_of_symbol[i].empty()) out.frame_name(i, pair_of_symbol[i]);
  }
  out.send(binance_stream_request("SUBSCRIBE", pairs, request.message_id));
}

void BinanceStream::remember_quote_assets(const Host& host, const std::vector<std::string>& pairs) {
  const bool all_known = std::all_of(pairs.begin(), pairs.end(), [&](const std::string& pair) {
    return quote_asset_of_pair_.contains(pair);
  });
  if (all_known) return;
  const std::optional<BinanceExchangeInfo> info = exchange_info_.cached(host);
  if (!info) return;
  for (const std::string& pair : pairs) {
    if (const BinancePairInfo* listed = info->find(pair)) quote_asset_of_pair_[pair] = listed->quote;
  }
}

std::string BinanceStream::currency_of(std::string_view pair) const {
  if (const auto it = quote_asset_of_pair_.find(pair); it != quote_asset_of_pair_.end()) return it->second;
  if (pair.size() > config_.quote_asset.size() && pair.ends_with(config_.quote_asset)) {
    return config_.quote_asset;
  }
  return {};
}

void BinanceStream::frame(std::string_view text, StreamSink& sink) const {
  BinanceStreamFrame frame;
  try {
    frame = parse_binance_stream_frame(text);
  } catch (const BinanceFormatError& e) {
    throw Error::permanent(std::string("binance: a stream frame that cannot be read: ") + e.what() +
                           " (frame: " + upstream::body_excerpt(text) + ")");
  }
  switch (frame.kind) {
    case BinanceStreamFrame::Kind::mini_ticker: {
      Quote quote;
      quote.symbol = frame.pair;
      quote.price = frame.close;
      quote.currency = currency_of(frame.pair);
      quote.ts = frame.event_ms / 1000;
      quote.ts_ms = frame.event_ms;
      sink.push(std::move(quote));
      return;
    }
    case BinanceStreamFrame::Kind::acknowledgement:
      return;
    case BinanceStreamFrame::Kind::refusal:
      throw Error::permanent("binance: the stream refused request " + std::string(frame.request_id) +
                             ": code " + std::to_string(frame.code) + ", " + std::string(frame.message));
    case BinanceStreamFrame::Kind::server_shutdown:
      sink.resubscribe("binance: serverShutdown (event time " + std::to_string(frame.event_ms) +
                       "): the server is about to close this connection");
      return;
  }
}

}  // namespace pricefeed::binance
