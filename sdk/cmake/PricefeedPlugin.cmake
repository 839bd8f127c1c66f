# pricefeed_add_plugin(<target> SOURCES <files...> [SDK <headers target>])
#
# Builds a source plugin the way the host expects it: a MODULE library named <target>.so (no "lib"
# prefix) whose only exported symbols are the two ABI entry points. SDK is the target giving the
# headers, Pricefeed::SDK unless pricefeed's own tests build against a frozen older ABI.
function(pricefeed_add_plugin target)
  cmake_parse_arguments(ARG "" "SDK" "SOURCES" ${ARGN})
  if(NOT ARG_SDK)
    set(ARG_SDK Pricefeed::SDK)
  endif()
  set(map "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/pricefeed-plugin.map")
  add_library(${target} MODULE ${ARG_SOURCES})
  target_link_libraries(${target} PRIVATE ${ARG_SDK})
  set_target_properties(${target} PROPERTIES
    PREFIX ""
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON)
  if(CMAKE_SYSTEM_NAME STREQUAL "Linux")
    # Hidden visibility alone still exports weak template instances of the C++ runtime, which pins
    # the library in memory and lets plugins interpose on each other: a version script exports
    # exactly the two entry points.
    target_link_options(${target} PRIVATE "LINKER:--no-undefined"
                        "LINKER:--version-script=${map}")
    set_property(TARGET ${target} APPEND PROPERTY LINK_DEPENDS "${map}")
  endif()
endfunction()
