/* sdk.h must compile as plain C: any compiler can build a plugin. */
#include <pricefeed/sdk.h>

size_t pricefeed_test_c_sizeof_descriptor(void) {
  return sizeof(pricefeed_source_descriptor);
}
size_t pricefeed_test_c_sizeof_bar(void) {
  return sizeof(pricefeed_bar);
}
