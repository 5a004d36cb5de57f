# Precompiled headers for the heavy third-party headers: CLI11, nlohmann/json
# and GoogleTest are parsed once per build, not once per source file. Each
# set is compiled once in a small holder target and reused (REUSE_FROM) by
# every target of its kind, so the build makes three PCHs, not thirty.
option(PINEAL_PCH "Precompile the heavy third-party headers" ON)

set(_pineal_pch_std <string> <vector> <optional> <map> <set> <memory> <functional> <chrono>
    <algorithm> <string_view>)
set(PINEAL_PCH_json ${_pineal_pch_std} <nlohmann/json.hpp>)
set(PINEAL_PCH_cli ${PINEAL_PCH_json} <CLI/CLI.hpp>)
set(PINEAL_PCH_test ${PINEAL_PCH_json} <gtest/gtest.h> <gmock/gmock.h>)

function(_pineal_pch_holder kind)
  set(holder pineal_pch_${kind})
  if(TARGET ${holder})
    return()
  endif()
  set(src "${PROJECT_BINARY_DIR}/pch/${kind}.cc")
  file(WRITE "${src}" "// Holds the ${kind} precompiled header (cmake/PinealPch.cmake).\n")
  add_library(${holder} OBJECT "${src}")
  target_link_libraries(${holder} PRIVATE pineal_flags nlohmann_json::nlohmann_json)
  if(kind STREQUAL "cli")
    target_link_libraries(${holder} PRIVATE CLI11::CLI11)
  elseif(kind STREQUAL "test")
    target_link_libraries(${holder} PRIVATE GTest::gtest GTest::gmock)
  endif()
  if(kind STREQUAL "test")
    pineal_test_flags(${holder})  # a PCH is only used with the flags it was built with
  endif()
  target_precompile_headers(${holder} PRIVATE ${PINEAL_PCH_${kind}})
endfunction()

# pineal_use_pch(target json|cli|test)
function(pineal_use_pch target kind)
  if(NOT PINEAL_PCH)
    return()
  endif()
  _pineal_pch_holder(${kind})
  target_precompile_headers(${target} REUSE_FROM pineal_pch_${kind})
endfunction()
