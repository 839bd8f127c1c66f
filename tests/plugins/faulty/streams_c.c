/* A second control: a correct ABI 1.1 plugin in plain C that declares stream, so that the listing of
 * `pricefeed plugins` shows a stream capability under ABI 1.1. Its stream goes nowhere real: OPEN
 * names a local URL and sends nothing, and every frame is passed over. */
#include "faulty_plugin.h"

static pricefeed_status subscribe(pricefeed_instance_plugin_owned* instance, pricefeed_call_host_owned* call,
                                  const pricefeed_stream_request* request,
                                  const pricefeed_stream_control_sink* sink) {
  static const char url[] = "ws://127.0.0.1:9/stream";
  pricefeed_str to;
  (void)instance;
  (void)call;
  if (request->action == PRICEFEED_STREAM_OPEN) {
    to.data = url;
    to.size = sizeof url - 1;
    sink->connect_to(sink->host_state, to);
  }
  return PRICEFEED_OK;
}

static pricefeed_status pass_over(pricefeed_instance_plugin_owned* instance, pricefeed_call_host_owned* call,
                                  pricefeed_str frame, const pricefeed_stream_sink* sink) {
  (void)instance;
  (void)call;
  (void)frame;
  (void)sink;
  return PRICEFEED_OK;
}

static const pricefeed_source_descriptor descriptor = {sizeof(pricefeed_source_descriptor),
                                                       "streams_c",
                                                       "0.0.1",
                                                       "a test plugin that declares stream",
                                                       PRICEFEED_CLASS_CRYPTO,
                                                       PRICEFEED_CAP_QUOTES | PRICEFEED_CAP_STREAM,
                                                       0,
                                                       10,
                                                       0,
                                                       1,
                                                       faulty_create,
                                                       faulty_destroy,
                                                       NULL,
                                                       faulty_fetch_quotes,
                                                       NULL,
                                                       NULL,
                                                       1024,
                                                       5,
                                                       86400,
                                                       subscribe,
                                                       pass_over};

FAULTY_PLUGIN_EXPORTS(descriptor)
