# A page of dose events written as JSON text against building and dumping an
# nlohmann tree of it, in the same run.
pineal_add_bench(pineal_json_page_bench
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/json_page.cc
  DEPS pineal_json)
