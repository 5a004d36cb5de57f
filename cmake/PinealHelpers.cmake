# pineal_add_library(name SOURCES ... DEPS ...): one static library per module.
function(pineal_add_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC "${PROJECT_SOURCE_DIR}/src")
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE pineal_flags)
endfunction()

# Test code is compiled without optimisation (it is not what runs hot; the
# code under test keeps its flags): in a sanitizer build a test file full of
# TEST bodies compiles in less than half the time. ASan and UBSan stay on.
function(pineal_test_flags target)
  if(CMAKE_BUILD_TYPE STREQUAL "Debug")
    target_compile_options(${target} PRIVATE -O0)
  endif()
endfunction()

# pineal_add_test(name SOURCES ... DEPS ... [LABELS ...]): a GoogleTest binary
# registered with ctest: a unit-test binary as one entry, any other (label
# given) with every test case as its own entry.
function(pineal_add_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main pineal_flags)
  target_compile_definitions(${name} PRIVATE
    PINEAL_SOURCE_ROOT="${PROJECT_SOURCE_DIR}" PINEAL_BINARY_ROOT="${PROJECT_BINARY_DIR}")
  # Shared test helpers are included as "tests/support/...".
  target_include_directories(${name} PRIVATE "${PROJECT_SOURCE_DIR}")
  include(GoogleTest)
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  if(ARG_LABELS STREQUAL "unit")
    # One ctest entry per unit-test program: its tests share one process.
    # A process per test (gtest_discover_tests) cost more in start-up under
    # the sanitizers than the 1,200 unit tests take to run.
    add_test(NAME ${name} COMMAND ${name})
    set_tests_properties(${name} PROPERTIES LABELS unit)
  else()
    gtest_discover_tests(${name} PROPERTIES LABELS "${ARG_LABELS}" DISCOVERY_TIMEOUT 60)
  endif()
  pineal_test_flags(${name})
  pineal_use_pch(${name} test)
endfunction()

# pineal_add_bench(name SOURCES ... DEPS ...): a Google Benchmark program.
function(pineal_add_bench name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} benchmark::benchmark pineal_flags)
  target_compile_definitions(${name} PRIVATE PINEAL_SOURCE_ROOT="${PROJECT_SOURCE_DIR}")
endfunction()
