# libFuzzer targets (tests/fuzz/).
#
# With PINEAL_BUILD_FUZZERS=ON and clang, every target is instrumented for
# coverage (-fsanitize=fuzzer-no-link) with ASan/UBSan, and each fuzzer links
# libFuzzer's main. Otherwise each fuzzer is built against
# tests/fuzz/replay_main.cc, which runs every file of its seed corpus once:
# the corpus (and every crash found and added to it) becomes a ctest entry.
if(PINEAL_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "PINEAL_BUILD_FUZZERS needs clang (e.g. -DCMAKE_CXX_COMPILER=clang++-14)")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

# pineal_add_fuzzer(name SOURCES ... DEPS ...): the fuzzer `<name>_fuzz`
# (fuzzer builds) or `<name>_replay`, and with tests on the ctest entry
# fuzz_replay_<name> that runs tests/fuzz/corpus/<name>.
function(pineal_add_fuzzer name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  set(corpus "${PROJECT_SOURCE_DIR}/tests/fuzz/corpus/${name}")
  if(PINEAL_BUILD_FUZZERS)
    set(exe ${name}_fuzz)
    add_executable(${exe} ${ARG_SOURCES})
    target_link_options(${exe} PRIVATE -fsanitize=fuzzer)
    # -runs=0: execute each corpus file once, no mutation.
    set(replay_args -runs=0 "${corpus}")
  else()
    set(exe ${name}_replay)
    add_executable(${exe} ${ARG_SOURCES} "${PROJECT_SOURCE_DIR}/tests/fuzz/replay_main.cc")
    # The replay main's weak LLVMFuzzerInitialize must not meet the target's
    # definition in one translation unit.
    set_target_properties(${exe} PROPERTIES UNITY_BUILD OFF)
    set(replay_args "${corpus}")
    if(PINEAL_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
      # Part of clang's -fsanitize=undefined but not gcc's; the fuzzers found such a bug.
      target_compile_options(${exe} PRIVATE -fsanitize=float-cast-overflow
                                            -fno-sanitize-recover=float-cast-overflow)
      target_link_options(${exe} PRIVATE -fsanitize=float-cast-overflow)
    endif()
  endif()
  target_link_libraries(${exe} PRIVATE ${ARG_DEPS} pineal_flags)
  target_compile_definitions(${exe} PRIVATE PINEAL_SOURCE_ROOT="${PROJECT_SOURCE_DIR}")
  if(PINEAL_BUILD_TESTS)
    add_test(NAME fuzz_replay_${name} COMMAND ${exe} ${replay_args})
    set_tests_properties(fuzz_replay_${name} PROPERTIES LABELS unit TIMEOUT 300)
  endif()
endfunction()

if(PINEAL_BUILD_FUZZERS)
  # Added here, before the libraries it links exist (target names resolve at
  # generate time), so that it is built with PINEAL_BUILD_TESTS=OFF too;
  # tests/CMakeLists.txt then leaves it out.
  if(PINEAL_BUILD_TESTS)
    enable_testing()
  endif()
  add_subdirectory("${PROJECT_SOURCE_DIR}/tests/fuzz" "${PROJECT_BINARY_DIR}/tests/fuzz")
endif()
