/* Hands the host a bar array whose element_size is smaller than any real pricefeed_bar, and a
 * quote batch with a null array: the host must refuse both without reading past what it was given. */
#include "faulty_plugin.h"

static pricefeed_status bad_history(pricefeed_instance_plugin_owned* instance,
                                    pricefeed_call_host_owned* call, const pricefeed_history_request* request,
                                    const pricefeed_history_sink* sink) {
  int64_t too_small[2] = {0, 0};
  (void)instance;
  (void)call;
  (void)request;
  sink->bars(sink->host_state, (const pricefeed_bar*)too_small, 1, sizeof too_small);
  return PRICEFEED_OK;
}

static pricefeed_status bad_quotes(pricefeed_instance_plugin_owned* instance, pricefeed_call_host_owned* call,
                                   const pricefeed_quote_request* request, const pricefeed_quote_sink* sink) {
  (void)instance;
  (void)call;
  (void)request;
  sink->quotes(sink->host_state, NULL, 3, sizeof(pricefeed_quote));
  return PRICEFEED_OK;
}

static const pricefeed_source_descriptor descriptor = {FAULTY_DESCRIPTOR_FIELDS("misuses_sink"),
                                                       faulty_create,
                                                       faulty_destroy,
                                                       bad_history,
                                                       bad_quotes,
                                                       NULL,
                                                       NULL};

FAULTY_PLUGIN_EXPORTS(descriptor)
