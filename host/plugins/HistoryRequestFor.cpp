#include "host/plugins/HistoryRequestFor.hpp"

#include "host/assets/SourceSymbol.hpp"
#include "host/time/UnixTime.hpp"

namespace pricefeed::host {

HistoryRequest history_request_for(std::string_view source, const std::string& symbol,
                                   const nlohmann::json& source_ids, AssetClass asset_class,
                                   Resolution resolution, std::chrono::sys_days first,
                                   std::chrono::sys_days last) {
  HistoryRequest request;
  request.symbol = symbol;
  request.source_id = request_source_id(source_ids, source, symbol);
  request.asset_class = asset_class;
  request.resolution = resolution;
  request.start = unix_seconds(first);
  request.end = unix_seconds(last + std::chrono::days(1));
  return request;
}

}  // namespace pricefeed::host
