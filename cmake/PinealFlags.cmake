# Compiler warnings and sanitizers shared by every pineal target.
add_library(pineal_flags INTERFACE)
target_compile_options(pineal_flags INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast
  -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
if(PINEAL_WERROR)
  target_compile_options(pineal_flags INTERFACE -Werror)
endif()
if(PINEAL_SANITIZE)
  target_compile_options(pineal_flags INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  target_link_options(pineal_flags INTERFACE -fsanitize=address,undefined)
endif()

# ccache, when the machine has it, makes rebuilds of unchanged sources free.
# The sloppiness settings let it cache sources built with a precompiled header.
find_program(PINEAL_CCACHE ccache)
if(PINEAL_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER "${CMAKE_COMMAND}" -E env
      "CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime"
      "${PINEAL_CCACHE}")
endif()
