# mold links the ~80 executables and plugins of a full build in a fraction of ld.bfd's time (it
# matters most for the test executables, which each link most of the host with debug information).
# Used when installed (Debian: mold) and gcc can drive it; PRICEFEED_USE_MOLD=OFF keeps the default.
option(PRICEFEED_USE_MOLD "Link with mold when it is installed" ON)
if(PRICEFEED_USE_MOLD)
  find_program(PRICEFEED_MOLD mold)
  if(PRICEFEED_MOLD)
    include(CheckCXXSourceCompiles)
    set(CMAKE_REQUIRED_LINK_OPTIONS -fuse-ld=mold)
    check_cxx_source_compiles("int main() { return 0; }" PRICEFEED_COMPILER_LINKS_WITH_MOLD)
    unset(CMAKE_REQUIRED_LINK_OPTIONS)
    if(PRICEFEED_COMPILER_LINKS_WITH_MOLD)
      add_link_options(-fuse-ld=mold)
    endif()
  endif()
endif()
