/* A descriptor with fields appended that this host does not know. */
#include "faulty_plugin.h"

typedef struct {
  pricefeed_source_descriptor known;
  uint64_t from_the_future[4];
} future_descriptor;

static future_descriptor descriptor;

PRICEFEED_EXPORT uint32_t pricefeed_abi_version(void) {
  return PRICEFEED_ABI_VERSION;
}

PRICEFEED_EXPORT int32_t pricefeed_plugin_entry(const pricefeed_host_api* host,
                                                const pricefeed_source_descriptor** out) {
  pricefeed_source_descriptor d = {FAULTY_DESCRIPTOR_FIELDS("oversized"),
                                   faulty_create,
                                   faulty_destroy,
                                   faulty_fetch_history,
                                   faulty_fetch_quotes,
                                   NULL,
                                   NULL};
  faulty_host = host;
  descriptor.known = d;
  descriptor.known.struct_size = sizeof(future_descriptor);
  *out = &descriptor.known;
  return 0;
}
