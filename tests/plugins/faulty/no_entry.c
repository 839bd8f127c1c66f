/* Announces ABI 1.0 but exports no pricefeed_plugin_entry. */
#include <pricefeed/sdk.h>

PRICEFEED_EXPORT uint32_t pricefeed_abi_version(void) {
  return PRICEFEED_ABI_VERSION;
}
