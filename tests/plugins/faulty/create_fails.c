/* Loads fine, but refuses every instance configuration. */
#include "faulty_plugin.h"

static pricefeed_status refusing_create(pricefeed_call_host_owned* call, pricefeed_str config,
                                        pricefeed_instance_plugin_owned** instance) {
  (void)config;
  (void)instance;
  faulty_report(call, "api_key is required");
  return PRICEFEED_INVALID_CONFIG;
}

static const pricefeed_source_descriptor descriptor = {FAULTY_DESCRIPTOR_FIELDS("create_fails"),
                                                       refusing_create,
                                                       faulty_destroy,
                                                       faulty_fetch_history,
                                                       faulty_fetch_quotes,
                                                       NULL,
                                                       NULL};

FAULTY_PLUGIN_EXPORTS(descriptor)
