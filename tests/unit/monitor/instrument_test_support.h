// The shipped instrument catalog (knowledge/instruments/), loaded once for
// the scoring, parsing and diary tests.
#pragma once

#include <gtest/gtest.h>

#include <string_view>

#include "pineal/kb/instrument_catalog.h"

namespace pineal::monitor::testing {

inline const kb::InstrumentCatalog& ShippedInstruments() {
  static const kb::InstrumentCatalog* catalog = [] {
    auto r = kb::LoadDefaultInstruments();
    EXPECT_TRUE(r.ok()) << r.status().message();
    return new kb::InstrumentCatalog(r.ok() ? std::move(r).value() : kb::InstrumentCatalog{});
  }();
  return *catalog;
}

// A shipped instrument by id or code; a missing one fails the test.
inline const kb::InstrumentDef& ShippedInstrument(std::string_view id) {
  static const kb::InstrumentDef fallback;
  const kb::InstrumentDef* d = ShippedInstruments().Find(id);
  EXPECT_NE(d, nullptr) << id;
  return d != nullptr ? *d : fallback;
}

}  // namespace pineal::monitor::testing
