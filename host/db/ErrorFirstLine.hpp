// PostgreSQL's messages run on over several lines (DETAIL, HINT, CONTEXT, the statement); a log
// field, a stored event error or a job's error_message keeps the first, which says what failed.
#pragma once

#include <string>
#include <string_view>

namespace pricefeed::host {

// `message` up to its first line break.
std::string first_line(std::string_view message);

}  // namespace pricefeed::host
