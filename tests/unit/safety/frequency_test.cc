#include "pineal/safety/frequency.h"

#include <gtest/gtest.h>

namespace pineal::safety {
namespace {

TEST(Frequency, CommonAbbreviations) {
  EXPECT_EQ(ParseDosesPerDay("daily"), 1.0);
  EXPECT_EQ(ParseDosesPerDay("Once Daily"), 1.0);
  EXPECT_EQ(ParseDosesPerDay("nightly"), 1.0);
  EXPECT_EQ(ParseDosesPerDay("BID"), 2.0);
  EXPECT_EQ(ParseDosesPerDay("tid"), 3.0);
  EXPECT_EQ(ParseDosesPerDay("qid"), 4.0);
  EXPECT_EQ(ParseDosesPerDay("every other day"), 0.5);
}

TEST(Frequency, NumericForms) {
  EXPECT_EQ(ParseDosesPerDay("3x/day"), 3.0);
  EXPECT_EQ(ParseDosesPerDay("3 x daily"), 3.0);
  EXPECT_EQ(ParseDosesPerDay("2 times a day"), 2.0);
  EXPECT_EQ(ParseDosesPerDay("4/day"), 4.0);
  EXPECT_EQ(ParseDosesPerDay("q6h"), 4.0);
  EXPECT_EQ(ParseDosesPerDay("every 8 hours"), 3.0);
  EXPECT_EQ(ParseDosesPerDay("every 2 days"), 0.5);
  EXPECT_DOUBLE_EQ(*ParseDosesPerDay("weekly"), 1.0 / 7);
  EXPECT_DOUBLE_EQ(*ParseDosesPerDay("2 per week"), 2.0 / 7);
}

TEST(Frequency, AsNeededAndUnknownAreNotDaily) {
  EXPECT_FALSE(ParseDosesPerDay("prn"));
  EXPECT_FALSE(ParseDosesPerDay("as needed"));
  EXPECT_FALSE(ParseDosesPerDay(""));
  EXPECT_FALSE(ParseDosesPerDay("sometimes"));
  EXPECT_FALSE(ParseDosesPerDay("0x/day"));
  EXPECT_FALSE(ParseDosesPerDay("q0h"));
}

}  // namespace
}  // namespace pineal::safety
