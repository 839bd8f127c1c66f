/* A shared library that has nothing to do with pricefeed. */
#include <pricefeed/sdk.h>

PRICEFEED_EXPORT int some_other_library_function(void) {
  return 42;
}
