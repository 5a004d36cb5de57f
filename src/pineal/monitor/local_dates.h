// Day arithmetic on local dates, shared by the schedules (reviews, questionnaires).
#pragma once

#include <chrono>

#include "pineal/core/time.h"

namespace pineal::monitor {

inline LocalDate Plus(LocalDate d, int n) {
  return LocalDate(std::chrono::sys_days(d) + std::chrono::days(n));
}
inline bool Before(LocalDate a, LocalDate b) {
  return std::chrono::sys_days(a) < std::chrono::sys_days(b);
}
inline int DaysFrom(LocalDate from, LocalDate to) {
  return static_cast<int>((std::chrono::sys_days(to) - std::chrono::sys_days(from)).count());
}

}  // namespace pineal::monitor
