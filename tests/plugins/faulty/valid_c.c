/* The control: a correct plugin in plain C, streaming two bars and one quote. */
#include <math.h>

#include "faulty_plugin.h"

static pricefeed_status two_bars(pricefeed_instance_plugin_owned* instance, pricefeed_call_host_owned* call,
                                 const pricefeed_history_request* request,
                                 const pricefeed_history_sink* sink) {
  pricefeed_bar bars[2];
  int i;
  (void)instance;
  (void)call;
  for (i = 0; i < 2; ++i) {
    bars[i].struct_size = sizeof(pricefeed_bar);
    bars[i].ts = request->start + i * 86400;
    bars[i].open = 10 + i;
    bars[i].high = 12 + i;
    bars[i].low = 9 + i;
    bars[i].close = 11 + i;
    bars[i].adj_close = NAN;
    bars[i].volume = 1000;
  }
  sink->bars(sink->host_state, bars, 2, sizeof(pricefeed_bar));
  return PRICEFEED_OK;
}

static pricefeed_status one_quote(pricefeed_instance_plugin_owned* instance, pricefeed_call_host_owned* call,
                                  const pricefeed_quote_request* request, const pricefeed_quote_sink* sink) {
  pricefeed_quote q;
  (void)instance;
  if (faulty_host->is_cancelled(call)) return PRICEFEED_OK;
  memset(&q, 0, sizeof q);
  q.struct_size = sizeof q;
  q.symbol = request->symbols[0];
  q.price = 123.5;
  q.currency.data = "USD";
  q.currency.size = 3;
  q.ts = faulty_host->now_ms(call) / 1000;
  q.open = q.high = q.low = q.volume = q.previous_close = NAN;
  sink->quotes(sink->host_state, &q, 1, sizeof q);
  return PRICEFEED_OK;
}

static const pricefeed_source_descriptor descriptor = {
    FAULTY_DESCRIPTOR_FIELDS("valid_c"), faulty_create, faulty_destroy, two_bars, one_quote, NULL, NULL};

FAULTY_PLUGIN_EXPORTS(descriptor)
