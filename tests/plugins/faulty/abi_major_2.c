/* Built for a future ABI 2.0: its entry must never be called. */
#include <stdlib.h>

#include <pricefeed/sdk.h>

PRICEFEED_EXPORT uint32_t pricefeed_abi_version(void) {
  return (2u << 16) | 0u;
}

PRICEFEED_EXPORT int32_t pricefeed_plugin_entry(const pricefeed_host_api* host,
                                                const pricefeed_source_descriptor** descriptor) {
  (void)host;
  (void)descriptor;
  abort(); /* the host must refuse before calling this */
}
