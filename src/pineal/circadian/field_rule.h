// The field rule for re-entrainment without any plan (circadian.md §5.4):
// the body clock follows the light it happens to get at about 57 min a day
// eastward (advancing) and 92 min a day westward (delaying), figures quoted
// from Sack 2010. A population average and a soft target, shown beside the
// model's own "without a plan" estimate so a person can compare the two.
#pragma once

namespace pineal::circadian {

inline constexpr double kFieldAdvanceMinPerDay = 57.0;
inline constexpr double kFieldDelayMinPerDay = 92.0;

// Days to re-entrain after crossing `zone_shift_h` (east > 0) with no plan.
double FieldRuleDays(double zone_shift_h);

}  // namespace pineal::circadian
