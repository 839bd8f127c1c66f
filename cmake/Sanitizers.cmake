# PRICEFEED_SANITIZERS ("address,undefined"; empty = off): every target of the project, the plugin
# modules and the pricefeed executable included, is compiled and linked with -fsanitize=<list>, so the
# unit, integration and end-to-end tests all run instrumented (docs/sanitizers.md). Undefined
# behaviour aborts instead of printing and carrying on, so a test that hits it fails.
#
# PRICEFEED_BUILD_FUZZERS: the libFuzzer targets of tests/fuzz (clang only, docs/fuzzing.md). Every
# project target then also gets the fuzzer's coverage instrumentation (-fsanitize=fuzzer-no-link), so
# the parsers the fuzzers link are what libFuzzer steers by.
set(PRICEFEED_SANITIZERS "" CACHE STRING
    "Comma-separated -fsanitize= list for every project target (e.g. address,undefined); empty = off")
option(PRICEFEED_BUILD_FUZZERS "Build the libFuzzer targets of tests/fuzz (requires clang)" OFF)

if(PRICEFEED_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "PRICEFEED_BUILD_FUZZERS needs clang (libFuzzer); configure with "
                        "CC=clang CXX=clang++ in a build directory of its own (packaging/fuzz.sh)")
  endif()
  if(NOT PRICEFEED_SANITIZERS)
    set(PRICEFEED_SANITIZERS "address,undefined" CACHE STRING "" FORCE)
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

if(PRICEFEED_SANITIZERS)
  message(STATUS "Sanitizers: ${PRICEFEED_SANITIZERS}")
  add_compile_options(-fsanitize=${PRICEFEED_SANITIZERS} -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=${PRICEFEED_SANITIZERS})
  # gcc's flow analysis sees through the instrumentation poorly and reports maybe-uninitialized
  # members deep inside libstdc++ (std::regex's NFA states, std::function moves) that the normal
  # build, which keeps the warning as an error, does not. Only this tree drops it.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
  # ThreadSanitizer does not model std::atomic_thread_fence, and gcc says so wherever one is inlined:
  # Boost.Asio's handler allocator (boost/asio/detail/executor_op.hpp) has one, in every file that
  # uses the HTTP client. The warning is about the tool, not the code; a race it could miss there
  # would be inside Boost. Only a thread-sanitized tree drops it (packaging/test-tsan.sh).
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND PRICEFEED_SANITIZERS MATCHES "thread")
    add_compile_options(-Wno-tsan)
  endif()
endif()
