// The shipped protocols and small checks shared by the titration tests.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "adherence_test_support.h"
#include "pineal/kb/protocol_loader.h"
#include "pineal/monitor/titration.h"

namespace pineal::monitor::testing {

inline const kb::ProtocolSet& ShippedProtocols() {
  static const kb::ProtocolSet set = [] {
    auto r = kb::LoadDefaultProtocols();
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : kb::ProtocolSet{};
  }();
  return set;
}

// A shipped protocol by id; a missing one fails the test.
inline const kb::Protocol& ShippedProtocol(const char* id) {
  static const kb::Protocol fallback;
  const kb::Protocol* p = ShippedProtocols().Find(id);
  EXPECT_NE(p, nullptr) << id;
  return p != nullptr ? *p : fallback;
}

inline TitrationProposal ProposeOn(const kb::Protocol& protocol, const TitrationInputs& in,
                                   const char* today) {
  auto r = ProposeTitration(protocol, in, Day(today));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : TitrationProposal{};
}

// Whether one of the proposal's reasons contains `text`.
inline bool Mentions(const TitrationProposal& p, const std::string& text) {
  for (const auto& r : p.reasons) {
    if (r.find(text) != std::string::npos) return true;
  }
  return false;
}

}  // namespace pineal::monitor::testing
