# Screening speed: a patient with 30 medicines against the full catalog, with a
# naive baseline (linear name lookup, class membership by walking includes,
# scanning every rule for every pair) in the same run.
pineal_add_bench(pineal_safety_bench
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/safety_screen.cc
  DEPS pineal_safety pineal_kb)
