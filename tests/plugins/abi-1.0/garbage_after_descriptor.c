/* An ABI 1.0 plugin whose descriptor claims 32 bytes more than 1.0's, the size of 1.1's stream fields,
 * and whose bytes there are garbage (every one 0xA5): what a 1.0 plugin's memory after its descriptor
 * may hold. The host must read nothing of 1.1 from a 1.0 plugin, so it loads it with no stream. */
#include "faulty_plugin.h"

#if PRICEFEED_ABI_MINOR != 0
#error "build against the frozen ABI 1.0 headers (sdk/abi/1.0)"
#endif

typedef struct {
  pricefeed_source_descriptor v1_0;
  unsigned char garbage[32];
} descriptor_with_garbage;

static descriptor_with_garbage descriptor;

PRICEFEED_EXPORT uint32_t pricefeed_abi_version(void) {
  return PRICEFEED_ABI_VERSION;
}

PRICEFEED_EXPORT int32_t pricefeed_plugin_entry(const pricefeed_host_api* host,
                                                const pricefeed_source_descriptor** out) {
  const pricefeed_source_descriptor v1_0 = {FAULTY_DESCRIPTOR_FIELDS("garbage_after_descriptor"),
                                            faulty_create,
                                            faulty_destroy,
                                            faulty_fetch_history,
                                            faulty_fetch_quotes,
                                            NULL,
                                            NULL};
  faulty_host = host;
  descriptor.v1_0 = v1_0;
  descriptor.v1_0.struct_size = (uint32_t)sizeof descriptor;
  memset(descriptor.garbage, 0xA5, sizeof descriptor.garbage);
  *out = &descriptor.v1_0;
  return 0;
}
