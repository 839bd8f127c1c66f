# PRICEFEED_UNITY_BUILD (ON by default): a library's sources are compiled in batches of eight per
# translation unit, so the heavy headers they share (Boost.Asio and Beast, nlohmann/json, libpqxx,
# toml++) are parsed, and their templates instantiated, once per batch instead of once per file. With
# the -g1 default it brought the main command's build on two cores from over seven minutes to about
# two (docs/ci.md). Files need no unity-only tricks: two files' private helpers that clash are the
# same helper twice, which belongs in one header anyway. Turn it off for quicker single-file
# rebuilds while editing (-DPRICEFEED_UNITY_BUILD=OFF).
function(pricefeed_unity target)
  if(PRICEFEED_UNITY_BUILD)
    set_target_properties(${target} PROPERTIES UNITY_BUILD ON UNITY_BUILD_BATCH_SIZE 8)
  endif()
endfunction()
