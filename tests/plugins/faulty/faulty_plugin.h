/* The shared body of the faulty test plugins: a minimal valid plugin in plain C, which each file
 * breaks in exactly one way. */
#ifndef PRICEFEED_TEST_FAULTY_PLUGIN_H
#define PRICEFEED_TEST_FAULTY_PLUGIN_H

#include <pricefeed/sdk.h>
#include <string.h>

static const pricefeed_host_api* faulty_host;

static int faulty_instance_storage;

static inline pricefeed_status faulty_create(pricefeed_call_host_owned* call, pricefeed_str config,
                                             pricefeed_instance_plugin_owned** instance) {
  (void)call;
  (void)config;
  *instance = (pricefeed_instance_plugin_owned*)&faulty_instance_storage;
  return PRICEFEED_OK;
}

static inline void faulty_destroy(pricefeed_instance_plugin_owned* instance) {
  (void)instance;
}

static inline pricefeed_status faulty_fetch_history(pricefeed_instance_plugin_owned* instance,
                                                    pricefeed_call_host_owned* call,
                                                    const pricefeed_history_request* request,
                                                    const pricefeed_history_sink* sink) {
  (void)instance;
  (void)call;
  (void)request;
  (void)sink;
  return PRICEFEED_OK;
}

static inline pricefeed_status faulty_fetch_quotes(pricefeed_instance_plugin_owned* instance,
                                                   pricefeed_call_host_owned* call,
                                                   const pricefeed_quote_request* request,
                                                   const pricefeed_quote_sink* sink) {
  (void)instance;
  (void)call;
  (void)request;
  (void)sink;
  return PRICEFEED_OK;
}

static inline void faulty_report(pricefeed_call_host_owned* call, const char* message) {
  pricefeed_str s;
  s.data = message;
  s.size = strlen(message);
  faulty_host->set_error(call, s);
}

/* The first field is designated: an initializer with a designator leaves the fields it does not name
 * zero without -Wmissing-field-initializers, so these sources build unchanged against the headers of
 * ABI 1.0 and of 1.1, whose descriptor has more fields (tests/plugins/abi-1.0 builds two of them). */
#define FAULTY_DESCRIPTOR_FIELDS(NAME)                               \
  .struct_size = sizeof(pricefeed_source_descriptor), NAME, "0.0.1", \
  "a test plugin that is wrong on purpose", PRICEFEED_CLASS_STOCK,   \
  PRICEFEED_CAP_HISTORY | PRICEFEED_CAP_QUOTES, PRICEFEED_RES_1D, 10, 0, 1

/* The two exported functions of a faulty plugin whose entry point itself is not what is wrong. */
#define FAULTY_PLUGIN_EXPORTS(DESCRIPTOR)                                                    \
  PRICEFEED_EXPORT uint32_t pricefeed_abi_version(void) {                                    \
    return PRICEFEED_ABI_VERSION;                                                            \
  }                                                                                          \
  PRICEFEED_EXPORT int32_t pricefeed_plugin_entry(const pricefeed_host_api* host,            \
                                                  const pricefeed_source_descriptor** out) { \
    faulty_host = host;                                                                      \
    *out = &(DESCRIPTOR);                                                                    \
    return 0;                                                                                \
  }

#endif
