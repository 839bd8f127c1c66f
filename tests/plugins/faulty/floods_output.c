/* Hands the host more than it asked for: every quote twice plus a symbol nobody asked for, and a
 * catalog one listing past the host's cap (host/plugins/OutputCaps.hpp). */
#include <math.h>
#include <stdio.h>

#include "faulty_plugin.h"

#define FLOODED_ASSETS 250001 /* kMaxAssetsPerCall + 1 */
#define ASSET_BATCH 1000

static pricefeed_str str_of(const char* text) {
  pricefeed_str s;
  s.data = text;
  s.size = strlen(text);
  return s;
}

static pricefeed_quote quote_of(pricefeed_str symbol, double price) {
  pricefeed_quote q;
  memset(&q, 0, sizeof q);
  q.struct_size = sizeof q;
  q.symbol = symbol;
  q.price = price;
  q.currency = str_of("USD");
  q.ts = 1700000000;
  q.open = q.high = q.low = q.volume = q.previous_close = NAN;
  return q;
}

static pricefeed_status doubled_quotes(pricefeed_instance_plugin_owned* instance,
                                       pricefeed_call_host_owned* call,
                                       const pricefeed_quote_request* request,
                                       const pricefeed_quote_sink* sink) {
  size_t i;
  pricefeed_quote extra;
  (void)instance;
  (void)call;
  for (i = 0; i < request->count; ++i) {
    pricefeed_quote pair[2];
    pair[0] = quote_of(request->symbols[i], 100.0);
    pair[1] = quote_of(request->symbols[i], 999.0);
    if (sink->quotes(sink->host_state, pair, 2, sizeof(pricefeed_quote)) != PRICEFEED_CONTINUE)
      return PRICEFEED_OK;
  }
  extra = quote_of(str_of("NOT-ASKED"), 1.0);
  sink->quotes(sink->host_state, &extra, 1, sizeof extra);
  return PRICEFEED_OK;
}

static pricefeed_status endless_catalog(pricefeed_instance_plugin_owned* instance,
                                        pricefeed_call_host_owned* call, uint32_t asset_classes,
                                        const pricefeed_asset_sink* sink) {
  static char symbols[ASSET_BATCH][16];
  pricefeed_asset batch[ASSET_BATCH];
  int sent = 0;
  (void)instance;
  (void)call;
  (void)asset_classes;
  while (sent < FLOODED_ASSETS) {
    int n = 0;
    for (; n < ASSET_BATCH && sent + n < FLOODED_ASSETS; ++n) {
      snprintf(symbols[n], sizeof symbols[n], "S%d", sent + n);
      memset(&batch[n], 0, sizeof batch[n]);
      batch[n].struct_size = sizeof batch[n];
      batch[n].symbol = str_of(symbols[n]);
      batch[n].source_id = batch[n].symbol;
      batch[n].name = batch[n].symbol;
      batch[n].asset_class = PRICEFEED_CLASS_STOCK;
      batch[n].exchange = str_of("NYSE");
      batch[n].currency = str_of("USD");
    }
    if (sink->assets(sink->host_state, batch, (size_t)n, sizeof(pricefeed_asset)) != PRICEFEED_CONTINUE) {
      return PRICEFEED_OK;
    }
    sent += n;
  }
  return PRICEFEED_OK;
}

/* The first field designated, as in faulty_plugin.h: the fields of ABI 1.1 stay zero without a warning. */
static const pricefeed_source_descriptor descriptor = {.struct_size = sizeof(pricefeed_source_descriptor),
                                                       "floods_output",
                                                       "0.0.1",
                                                       "a test plugin that sends more than it was asked for",
                                                       PRICEFEED_CLASS_STOCK,
                                                       PRICEFEED_CAP_QUOTES | PRICEFEED_CAP_CATALOG,
                                                       PRICEFEED_RES_1D,
                                                       10,
                                                       0,
                                                       0,
                                                       faulty_create,
                                                       faulty_destroy,
                                                       faulty_fetch_history,
                                                       doubled_quotes,
                                                       endless_catalog,
                                                       NULL};

FAULTY_PLUGIN_EXPORTS(descriptor)
