#include "pineal/http/connection_ledger.h"

#include <gtest/gtest.h>

namespace pineal::http {
namespace {

TEST(ConnectionLedger, CapsEachAddressAndTheTotal) {
  ConnectionLedger ledger(2, 3);
  EXPECT_TRUE(ledger.Admit("a"));
  EXPECT_TRUE(ledger.Admit("a"));
  EXPECT_FALSE(ledger.Admit("a"));  // the third from one address
  EXPECT_TRUE(ledger.Admit("b"));
  EXPECT_FALSE(ledger.Admit("c"));  // the fourth in all
  EXPECT_EQ(ledger.OpenFrom("a"), 2u);
  EXPECT_EQ(ledger.OpenFrom("c"), 0u);
  EXPECT_EQ(ledger.Open(), 3u);
  ledger.Release("a");
  EXPECT_TRUE(ledger.Admit("c"));
  EXPECT_FALSE(ledger.Admit("a"));
  ledger.Release("b");
  EXPECT_TRUE(ledger.Admit("a"));
  EXPECT_EQ(ledger.OpenFrom("a"), 2u);
  EXPECT_EQ(ledger.Open(), 3u);
}

}  // namespace
}  // namespace pineal::http
