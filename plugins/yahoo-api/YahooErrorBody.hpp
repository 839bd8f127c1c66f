#pragma once

// Yahoo explains most refusals in a JSON error object: chart.error for the chart endpoint,
// finance.error for the crumb, quote and cookie endpoints ({"finance":{"result":null,"error":
// {"code":"Unauthorized","description":"Invalid Crumb"}}}), quoteResponse.error for quotes.

#include <string>
#include <string_view>

namespace pricefeed::yahoo {

// "'Unauthorized': Invalid Crumb" when the body carries such an error object, else the body's first
// bytes (body_excerpt), so that an operator always sees what came back.
std::string yahoo_error_explanation(std::string_view body);

}  // namespace pricefeed::yahoo
