/* Declares stream (ABI 1.1) with stream_subscribe but no stream_frame: the host cannot read what its
 * connections receive, so it refuses the plugin rather than open a stream it cannot use. */
#include "faulty_plugin.h"

static pricefeed_status subscribe(pricefeed_instance_plugin_owned* instance, pricefeed_call_host_owned* call,
                                  const pricefeed_stream_request* request,
                                  const pricefeed_stream_control_sink* sink) {
  (void)instance;
  (void)call;
  (void)request;
  (void)sink;
  return PRICEFEED_OK;
}

static pricefeed_source_descriptor descriptor = {FAULTY_DESCRIPTOR_FIELDS("stream_without_frame"),
                                                 faulty_create,
                                                 faulty_destroy,
                                                 faulty_fetch_history,
                                                 faulty_fetch_quotes,
                                                 NULL,
                                                 NULL,
                                                 1024,
                                                 5,
                                                 86400,
                                                 subscribe,
                                                 NULL};

PRICEFEED_EXPORT uint32_t pricefeed_abi_version(void) {
  return PRICEFEED_ABI_VERSION;
}

PRICEFEED_EXPORT int32_t pricefeed_plugin_entry(const pricefeed_host_api* host,
                                                const pricefeed_source_descriptor** out) {
  faulty_host = host;
  descriptor.capabilities |= PRICEFEED_CAP_STREAM;
  *out = &descriptor;
  return 0;
}
