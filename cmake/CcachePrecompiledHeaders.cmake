# pricefeed_let_ccache_cache_pch(<target>): when the build runs the compiler through ccache
# (CMAKE_CXX_COMPILER_LAUNCHER), <target>'s compiles that make or use a precompiled header are cached
# too. ccache caches those only with the sloppiness below, since it cannot see the macros and
# __TIME__ inside a precompiled header (ccache manual, "Precompiled headers"); without it every such
# compile is a miss. The setting reaches these compiles only, not the rest of the build.
function(pricefeed_let_ccache_cache_pch target)
  get_target_property(launcher ${target} CXX_COMPILER_LAUNCHER)
  if(launcher MATCHES "ccache")
    set_target_properties(${target} PROPERTIES CXX_COMPILER_LAUNCHER
      "${CMAKE_COMMAND};-E;env;CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime;${launcher}")
  endif()
endfunction()
