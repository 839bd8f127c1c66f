// NASDAQ Trader's symbol directory through parse_symbol_directory, read as both files. Only
// pricefeed::Error may escape; every listing kept has a symbol and a Yahoo ticker.

#include <pricefeed/error.hpp>

#include "tests/fuzz/FuzzExpectation.hpp"
#include "yahoo/SymbolDirectoryParser.hpp"

namespace {

void parse_as(pricefeed::yahoo::SymbolDirectoryFile file, std::string_view text) {
  try {
    for (const auto& listing : pricefeed::yahoo::parse_symbol_directory(text, file).listings) {
      pricefeed::fuzz::expect(!listing.symbol.empty());
      pricefeed::fuzz::expect(!listing.ticker.empty());
    }
  } catch (const pricefeed::Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = pricefeed::fuzz::as_text(data, size);
  parse_as(pricefeed::yahoo::SymbolDirectoryFile::nasdaq_listed, text);
  parse_as(pricefeed::yahoo::SymbolDirectoryFile::other_listed, text);
  return 0;
}
