# PK population benchmark against the NumPy baseline (bench/pk_numpy_baseline.py).
pineal_add_bench(pk_population SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/pk_population.cc DEPS pineal_pk)
