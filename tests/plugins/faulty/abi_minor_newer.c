/* Built for ABI 1.9, newer than any host of 1.0 can honour: its entry must never be called. */
#include <stdlib.h>

#include <pricefeed/sdk.h>

PRICEFEED_EXPORT uint32_t pricefeed_abi_version(void) {
  return (1u << 16) | 9u;
}

PRICEFEED_EXPORT int32_t pricefeed_plugin_entry(const pricefeed_host_api* host,
                                                const pricefeed_source_descriptor** descriptor) {
  (void)host;
  (void)descriptor;
  abort();
}
