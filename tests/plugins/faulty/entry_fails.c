/* Its entry reports failure (say, a dependency it needs is missing). */
#include <pricefeed/sdk.h>

PRICEFEED_EXPORT uint32_t pricefeed_abi_version(void) {
  return PRICEFEED_ABI_VERSION;
}

PRICEFEED_EXPORT int32_t pricefeed_plugin_entry(const pricefeed_host_api* host,
                                                const pricefeed_source_descriptor** descriptor) {
  (void)host;
  (void)descriptor;
  return 7;
}
