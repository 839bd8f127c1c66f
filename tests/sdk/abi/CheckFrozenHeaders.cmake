# cmake -DFROZEN_DIR=<sdk/abi/1.0> -P CheckFrozenHeaders.cmake
#
# Fails unless every file under FROZEN_DIR/include is listed in FROZEN_DIR/SHA256SUMS with its
# SHA-256, and every listed file is there: the frozen headers of a released ABI are what old plugins
# were built against, so an edit to them would make the compatibility builds prove nothing.
cmake_minimum_required(VERSION 3.25)
if(NOT FROZEN_DIR)
  message(FATAL_ERROR "usage: cmake -DFROZEN_DIR=<sdk/abi/X.Y> -P CheckFrozenHeaders.cmake")
endif()

file(STRINGS "${FROZEN_DIR}/SHA256SUMS" lines)
set(listed "")
set(problems "")
foreach(line IN LISTS lines)
  if(NOT line MATCHES "^([0-9a-f]+)  (.+)$")
    list(APPEND problems "SHA256SUMS: unreadable line \"${line}\"")
    continue()
  endif()
  set(expected "${CMAKE_MATCH_1}")
  set(file "${CMAKE_MATCH_2}")
  list(APPEND listed "${file}")
  if(NOT EXISTS "${FROZEN_DIR}/${file}")
    list(APPEND problems "${file}: missing")
    continue()
  endif()
  file(SHA256 "${FROZEN_DIR}/${file}" actual)
  if(NOT actual STREQUAL expected)
    list(APPEND problems "${file}: SHA-256 ${actual}, frozen as ${expected}")
  endif()
endforeach()

file(GLOB_RECURSE present RELATIVE "${FROZEN_DIR}" "${FROZEN_DIR}/include/*")
foreach(file IN LISTS present)
  if(NOT file IN_LIST listed)
    list(APPEND problems "${file}: added to a frozen tree")
  endif()
endforeach()

if(problems)
  list(JOIN problems "\n  " text)
  message(FATAL_ERROR "the frozen headers in ${FROZEN_DIR} were changed; they must stay as released:\n  ${text}")
endif()
list(LENGTH listed count)
message(STATUS "${count} frozen headers in ${FROZEN_DIR} unchanged")
