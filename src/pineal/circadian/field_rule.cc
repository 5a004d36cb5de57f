#include "pineal/circadian/field_rule.h"

#include <cmath>

namespace pineal::circadian {

double FieldRuleDays(double zone_shift_h) {
  const double rate = zone_shift_h >= 0 ? kFieldAdvanceMinPerDay : kFieldDelayMinPerDay;
  return std::abs(zone_shift_h) * 60.0 / rate;
}

}  // namespace pineal::circadian
