# Circadian engine: simulated days per second against a SciPy solve_ivp baseline
# (bench/circadian_scipy_baseline.py, run in the same run), and jet-lag plan latency.
pineal_add_bench(circadian_bench
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/circadian_bench.cc ${CMAKE_CURRENT_LIST_DIR}/circadian_bench_plan.cc
  DEPS pineal_circadian pineal_kb fmt::fmt)
