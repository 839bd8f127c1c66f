# Warnings are errors on project code only; third-party headers come in as SYSTEM includes.
function(pricefeed_strict target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Werror)
endfunction()
