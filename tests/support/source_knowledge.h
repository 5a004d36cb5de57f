// The knowledge base of the source tree, loaded once per test program.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "pineal/app/knowledge.h"

namespace pineal::testing {

inline const app::LoadedKnowledge& SourceKnowledge() {
  static const auto* knowledge = [] {
    auto k = app::LoadKnowledge(std::string(PINEAL_SOURCE_ROOT) + "/knowledge");
    EXPECT_TRUE(k.ok()) << k.status().ToString();
    return k->release();
  }();
  return *knowledge;
}

}  // namespace pineal::testing
