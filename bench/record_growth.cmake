# Dose-event writes through the app layer (validation, the write, its audit
# row, alert evaluation) for a patient with 10 and with 10,000 prior events.
pineal_add_bench(pineal_record_growth_bench
  SOURCES ${CMAKE_CURRENT_LIST_DIR}/record_growth.cc
  DEPS pineal_app pineal_store)
