# Writes a C++ source that embeds the OpenAPI document as a raw string, so the
# served description is always the one the binary was built with.
# Run with -DIN=openapi.json -DOUT=openapi_document.cc
set(delimiter "pineal_openapi")
file(READ "${IN}" text)
string(FIND "${text}" ")${delimiter}\"" clash)
if(NOT clash EQUAL -1)
  message(FATAL_ERROR "${IN} contains the raw-string delimiter )${delimiter}\"")
endif()
file(WRITE "${OUT}.tmp"
"// Generated from ${IN} by embed_openapi.cmake; do not edit.\n"
"#include <string_view>\n\n"
"namespace pineal::http {\n\n"
"std::string_view OpenApiDocument() {\n"
"  // An array, not a string_view literal: a constexpr length scan of a text\n"
"  // this long exceeds the compiler's constexpr loop limit.\n"
"  static constexpr char kText[] = R\"${delimiter}(${text})${delimiter}\";\n"
"  return {kText, sizeof(kText) - 1};\n"
"}\n\n"
"}  // namespace pineal::http\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
