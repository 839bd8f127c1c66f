// PostgreSQL array literals for passing lists as one parameter ($1::bigint[], $1::text[]): libpqxx 6
// has no array parameters, and one parameter keeps a statement's text the same whatever the list.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pricefeed::host {

std::string bigint_array_literal(const std::vector<std::int64_t>& values);  // {1,2,3}
std::string text_array_literal(const std::vector<std::string>& values);     // {"a","b \"c\""}

}  // namespace pricefeed::host
