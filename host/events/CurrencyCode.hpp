#pragma once

// The currency of an event's price. ISO 4217 codes are three upper-case letters (USD, GBP, JPY).
// Prices on some exchanges are quoted in the minor unit, and Yahoo and the brokers write those codes
// with case that carries meaning: GBp (pence, London), ZAc (cents, Johannesburg), next to the
// all-capital GBX and ILA (agorot, Tel Aviv). GBp and ZAc are accepted exactly as spelled; any other
// mixed or lower case is refused rather than upper-cased, because "gbp" folded to GBP could be a
// mis-typed GBp and make a price 100 times too large.

#include <optional>
#include <string>
#include <string_view>

namespace pricefeed::host {

// Why `code` is not an accepted currency code, or nothing when it is.
std::optional<std::string> currency_problem(std::string_view code);

}  // namespace pricefeed::host
