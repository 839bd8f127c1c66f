/* An ABI 1.0 plugin whose capabilities hold bit 4, which 1.0 left unused and 1.1 made
 * PRICEFEED_CAP_STREAM: a 1.0 plugin has no stream functions, so the host refuses it by name
 * rather than look for stream fields its descriptor does not have. */
#include "faulty_plugin.h"

#if PRICEFEED_ABI_MINOR != 0
#error "build against the frozen ABI 1.0 headers (sdk/abi/1.0)"
#endif

static pricefeed_source_descriptor descriptor = {FAULTY_DESCRIPTOR_FIELDS("declares_stream"),
                                                 faulty_create,
                                                 faulty_destroy,
                                                 faulty_fetch_history,
                                                 faulty_fetch_quotes,
                                                 NULL,
                                                 NULL};

PRICEFEED_EXPORT uint32_t pricefeed_abi_version(void) {
  return PRICEFEED_ABI_VERSION;
}

PRICEFEED_EXPORT int32_t pricefeed_plugin_entry(const pricefeed_host_api* host,
                                                const pricefeed_source_descriptor** out) {
  faulty_host = host;
  descriptor.capabilities |= 1u << 4; /* the bit of 1.1's PRICEFEED_CAP_STREAM */
  *out = &descriptor;
  return 0;
}
