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
