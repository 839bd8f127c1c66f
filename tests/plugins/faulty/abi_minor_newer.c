/* Built for the minor version after the host's (1.2 for a 1.1 host): a host must refuse a plugin newer
 * than itself, as a 1.0 host refuses a 1.1 plugin, without ever calling its entry. */
#include <stdlib.h>

#include <pricefeed/sdk.h>

PRICEFEED_EXPORT uint32_t pricefeed_abi_version(void) {
  return (PRICEFEED_ABI_MAJOR << 16) | (PRICEFEED_ABI_MINOR + 1u);
}

PRICEFEED_EXPORT int32_t pricefeed_plugin_entry(const pricefeed_host_api* host,
                                                const pricefeed_source_descriptor** descriptor) {
  (void)host;
  (void)descriptor;
  abort();
}
