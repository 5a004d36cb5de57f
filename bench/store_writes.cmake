# Durable write throughput of the SQLite store: group commit against the
# baseline of one synchronous=FULL commit each, 1, 8 and 32 writers.
pineal_add_bench(pineal_store_writes_bench
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/store_writes.cc
  DEPS pineal_store)
