// The field rule against the test vectors of circadian.md §5.4.
#include "pineal/circadian/field_rule.h"

#include <gtest/gtest.h>

namespace pineal::circadian {
namespace {

TEST(FieldRule, SixHoursEastTakesAboutSixPointThreeDays) {
  EXPECT_NEAR(FieldRuleDays(6.0), 6.3, 0.05);
}

TEST(FieldRule, SixHoursWestTakesAboutThreePointNineDays) {
  EXPECT_NEAR(FieldRuleDays(-6.0), 3.9, 0.05);
}

TEST(FieldRule, NineHoursEastTakesNineAndAHalfDays) { EXPECT_NEAR(FieldRuleDays(9.0), 9.5, 0.05); }

TEST(FieldRule, NoShiftNeedsNoDays) { EXPECT_EQ(FieldRuleDays(0.0), 0.0); }

}  // namespace
}  // namespace pineal::circadian
