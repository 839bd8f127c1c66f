// ABI 1.0 as released, frozen: every record's size and every field's offset on an LP64 platform
// (x86_64, aarch64), written down once and never regenerated. A record may grow only by appending
// under a later minor version's comment (it is then at least its 1.0 size); a change to sdk.h that
// moves, resizes or removes a 1.0 field fails here before it breaks every plugin already built
// (docs/architecture.md, "The SDK ABI").
#include <cstddef>

#include <gtest/gtest.h>

#include "pricefeed/sdk.h"

namespace {

#if defined(__LP64__)
#define PRICEFEED_FROZEN_SIZE(record, bytes) static_assert(sizeof(record) >= (bytes), #record " shrank")
#define PRICEFEED_FROZEN_OFFSET(record, field, at) \
  static_assert(offsetof(record, field) == (at), #record "." #field " moved")

PRICEFEED_FROZEN_SIZE(pricefeed_str, 16);
PRICEFEED_FROZEN_OFFSET(pricefeed_str, data, 0);
PRICEFEED_FROZEN_OFFSET(pricefeed_str, size, 8);

PRICEFEED_FROZEN_SIZE(pricefeed_kv, 32);
PRICEFEED_FROZEN_OFFSET(pricefeed_kv, key, 0);
PRICEFEED_FROZEN_OFFSET(pricefeed_kv, value, 16);

PRICEFEED_FROZEN_SIZE(pricefeed_bar, 64);
PRICEFEED_FROZEN_OFFSET(pricefeed_bar, struct_size, 0);
PRICEFEED_FROZEN_OFFSET(pricefeed_bar, ts, 8);
PRICEFEED_FROZEN_OFFSET(pricefeed_bar, open, 16);
PRICEFEED_FROZEN_OFFSET(pricefeed_bar, high, 24);
PRICEFEED_FROZEN_OFFSET(pricefeed_bar, low, 32);
PRICEFEED_FROZEN_OFFSET(pricefeed_bar, close, 40);
PRICEFEED_FROZEN_OFFSET(pricefeed_bar, adj_close, 48);
PRICEFEED_FROZEN_OFFSET(pricefeed_bar, volume, 56);

PRICEFEED_FROZEN_SIZE(pricefeed_action, 40);
PRICEFEED_FROZEN_OFFSET(pricefeed_action, struct_size, 0);
PRICEFEED_FROZEN_OFFSET(pricefeed_action, kind, 4);
PRICEFEED_FROZEN_OFFSET(pricefeed_action, ts, 8);
PRICEFEED_FROZEN_OFFSET(pricefeed_action, amount, 16);
PRICEFEED_FROZEN_OFFSET(pricefeed_action, numerator, 24);
PRICEFEED_FROZEN_OFFSET(pricefeed_action, denominator, 32);

PRICEFEED_FROZEN_SIZE(pricefeed_quote, 96);
PRICEFEED_FROZEN_OFFSET(pricefeed_quote, struct_size, 0);
PRICEFEED_FROZEN_OFFSET(pricefeed_quote, symbol, 8);
PRICEFEED_FROZEN_OFFSET(pricefeed_quote, price, 24);
PRICEFEED_FROZEN_OFFSET(pricefeed_quote, currency, 32);
PRICEFEED_FROZEN_OFFSET(pricefeed_quote, ts, 48);
PRICEFEED_FROZEN_OFFSET(pricefeed_quote, open, 56);
PRICEFEED_FROZEN_OFFSET(pricefeed_quote, high, 64);
PRICEFEED_FROZEN_OFFSET(pricefeed_quote, low, 72);
PRICEFEED_FROZEN_OFFSET(pricefeed_quote, volume, 80);
PRICEFEED_FROZEN_OFFSET(pricefeed_quote, previous_close, 88);

PRICEFEED_FROZEN_SIZE(pricefeed_asset, 104);
PRICEFEED_FROZEN_OFFSET(pricefeed_asset, struct_size, 0);
PRICEFEED_FROZEN_OFFSET(pricefeed_asset, symbol, 8);
PRICEFEED_FROZEN_OFFSET(pricefeed_asset, source_id, 24);
PRICEFEED_FROZEN_OFFSET(pricefeed_asset, name, 40);
PRICEFEED_FROZEN_OFFSET(pricefeed_asset, asset_class, 56);
PRICEFEED_FROZEN_OFFSET(pricefeed_asset, exchange, 64);
PRICEFEED_FROZEN_OFFSET(pricefeed_asset, currency, 80);
PRICEFEED_FROZEN_OFFSET(pricefeed_asset, rank, 96);

PRICEFEED_FROZEN_SIZE(pricefeed_history_sink, 40);
PRICEFEED_FROZEN_OFFSET(pricefeed_history_sink, struct_size, 0);
PRICEFEED_FROZEN_OFFSET(pricefeed_history_sink, host_state, 8);
PRICEFEED_FROZEN_OFFSET(pricefeed_history_sink, bars, 16);
PRICEFEED_FROZEN_OFFSET(pricefeed_history_sink, action, 24);
PRICEFEED_FROZEN_OFFSET(pricefeed_history_sink, unavailable, 32);

PRICEFEED_FROZEN_SIZE(pricefeed_quote_sink, 24);
PRICEFEED_FROZEN_OFFSET(pricefeed_quote_sink, struct_size, 0);
PRICEFEED_FROZEN_OFFSET(pricefeed_quote_sink, host_state, 8);
PRICEFEED_FROZEN_OFFSET(pricefeed_quote_sink, quotes, 16);

PRICEFEED_FROZEN_SIZE(pricefeed_asset_sink, 24);
PRICEFEED_FROZEN_OFFSET(pricefeed_asset_sink, struct_size, 0);
PRICEFEED_FROZEN_OFFSET(pricefeed_asset_sink, host_state, 8);
PRICEFEED_FROZEN_OFFSET(pricefeed_asset_sink, assets, 16);

PRICEFEED_FROZEN_SIZE(pricefeed_history_request, 64);
PRICEFEED_FROZEN_OFFSET(pricefeed_history_request, struct_size, 0);
PRICEFEED_FROZEN_OFFSET(pricefeed_history_request, symbol, 8);
PRICEFEED_FROZEN_OFFSET(pricefeed_history_request, source_id, 24);
PRICEFEED_FROZEN_OFFSET(pricefeed_history_request, asset_class, 40);
PRICEFEED_FROZEN_OFFSET(pricefeed_history_request, resolution, 44);
PRICEFEED_FROZEN_OFFSET(pricefeed_history_request, start, 48);
PRICEFEED_FROZEN_OFFSET(pricefeed_history_request, end, 56);

PRICEFEED_FROZEN_SIZE(pricefeed_quote_request, 40);
PRICEFEED_FROZEN_OFFSET(pricefeed_quote_request, struct_size, 0);
PRICEFEED_FROZEN_OFFSET(pricefeed_quote_request, symbols, 8);
PRICEFEED_FROZEN_OFFSET(pricefeed_quote_request, source_ids, 16);
PRICEFEED_FROZEN_OFFSET(pricefeed_quote_request, count, 24);
PRICEFEED_FROZEN_OFFSET(pricefeed_quote_request, asset_class, 32);

PRICEFEED_FROZEN_SIZE(pricefeed_http_request, 80);
PRICEFEED_FROZEN_OFFSET(pricefeed_http_request, struct_size, 0);
PRICEFEED_FROZEN_OFFSET(pricefeed_http_request, method, 8);
PRICEFEED_FROZEN_OFFSET(pricefeed_http_request, url, 24);
PRICEFEED_FROZEN_OFFSET(pricefeed_http_request, headers, 40);
PRICEFEED_FROZEN_OFFSET(pricefeed_http_request, header_count, 48);
PRICEFEED_FROZEN_OFFSET(pricefeed_http_request, body, 56);
PRICEFEED_FROZEN_OFFSET(pricefeed_http_request, cost, 72);
PRICEFEED_FROZEN_OFFSET(pricefeed_http_request, timeout_ms, 76);

PRICEFEED_FROZEN_SIZE(pricefeed_http_response_host_owned, 48);
PRICEFEED_FROZEN_OFFSET(pricefeed_http_response_host_owned, struct_size, 0);
PRICEFEED_FROZEN_OFFSET(pricefeed_http_response_host_owned, status_code, 4);
PRICEFEED_FROZEN_OFFSET(pricefeed_http_response_host_owned, body, 8);
PRICEFEED_FROZEN_OFFSET(pricefeed_http_response_host_owned, headers, 24);
PRICEFEED_FROZEN_OFFSET(pricefeed_http_response_host_owned, header_count, 32);
PRICEFEED_FROZEN_OFFSET(pricefeed_http_response_host_owned, elapsed_ms, 40);

PRICEFEED_FROZEN_SIZE(pricefeed_host_api, 80);
PRICEFEED_FROZEN_OFFSET(pricefeed_host_api, struct_size, 0);
PRICEFEED_FROZEN_OFFSET(pricefeed_host_api, abi_version, 4);
PRICEFEED_FROZEN_OFFSET(pricefeed_host_api, log, 8);
PRICEFEED_FROZEN_OFFSET(pricefeed_host_api, set_error, 16);
PRICEFEED_FROZEN_OFFSET(pricefeed_host_api, set_retry_after, 24);
PRICEFEED_FROZEN_OFFSET(pricefeed_host_api, http, 32);
PRICEFEED_FROZEN_OFFSET(pricefeed_host_api, http_release, 40);
PRICEFEED_FROZEN_OFFSET(pricefeed_host_api, now_ms, 48);
PRICEFEED_FROZEN_OFFSET(pricefeed_host_api, is_cancelled, 56);
PRICEFEED_FROZEN_OFFSET(pricefeed_host_api, cache_get, 64);
PRICEFEED_FROZEN_OFFSET(pricefeed_host_api, cache_put, 72);

PRICEFEED_FROZEN_SIZE(pricefeed_source_descriptor, 112);
PRICEFEED_FROZEN_OFFSET(pricefeed_source_descriptor, struct_size, 0);
PRICEFEED_FROZEN_OFFSET(pricefeed_source_descriptor, name, 8);
PRICEFEED_FROZEN_OFFSET(pricefeed_source_descriptor, version, 16);
PRICEFEED_FROZEN_OFFSET(pricefeed_source_descriptor, description, 24);
PRICEFEED_FROZEN_OFFSET(pricefeed_source_descriptor, asset_classes, 32);
PRICEFEED_FROZEN_OFFSET(pricefeed_source_descriptor, capabilities, 36);
PRICEFEED_FROZEN_OFFSET(pricefeed_source_descriptor, resolutions, 40);
PRICEFEED_FROZEN_OFFSET(pricefeed_source_descriptor, max_quote_batch, 44);
PRICEFEED_FROZEN_OFFSET(pricefeed_source_descriptor, max_history_span_seconds, 48);
PRICEFEED_FROZEN_OFFSET(pricefeed_source_descriptor, thread_safe, 56);
PRICEFEED_FROZEN_OFFSET(pricefeed_source_descriptor, create, 64);
PRICEFEED_FROZEN_OFFSET(pricefeed_source_descriptor, destroy, 72);
PRICEFEED_FROZEN_OFFSET(pricefeed_source_descriptor, fetch_history, 80);
PRICEFEED_FROZEN_OFFSET(pricefeed_source_descriptor, fetch_quotes, 88);
PRICEFEED_FROZEN_OFFSET(pricefeed_source_descriptor, list_assets, 96);
PRICEFEED_FROZEN_OFFSET(pricefeed_source_descriptor, resolve_symbol, 104);
#endif

// The static_asserts above are the test; this says in the test list that the layout was checked.
TEST(SdkAbiLayout, EveryOneZeroRecordKeepsItsSizeAndFieldOffsets) {
  EXPECT_EQ(PRICEFEED_ABI_MAJOR, 1u);
}

}  // namespace
