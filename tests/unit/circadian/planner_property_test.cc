// Properties of re-entrainment and of plans (rapidcheck):
//  - more time zones never need fewer days with the same strategy: with no
//    intervention (1-9 h either way, orthodromic), and with one fixed plan
//    strategy (bright light, no pre-departure days) over Etc/GMT zones;
//  - a plan never schedules melatonin inside a sleep window it proposes,
//    unless the request allows it.
// Each planner case is a full search (~0.5 s under sanitizers), so the run
// keeps rapidcheck to 25 cases per property unless RC_PARAMS says otherwise.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "pineal/circadian/jetlag_planner.h"
#include "pineal/circadian/reentrainment.h"
#include "test_support.h"

namespace pineal::circadian {
namespace {

[[maybe_unused]] const bool kFewerCases = [] {
  setenv("RC_PARAMS", "max_success=25", /*overwrite=*/0);
  return true;
}();

int NoInterventionDays(const Model& m, double shift_h) {
  ZoneShiftScenario s;
  s.shift_h = shift_h;
  s.days = 25;
  auto r = SimulateZoneShift(m, s);
  RC_ASSERT(r.ok());
  return r->days.value_or(1000);
}

RC_GTEST_PROP(PlannerPropertyTest, MoreZonesNeverFewerDaysWithoutIntervention, ()) {
  static const Model m = testing::LoadModel("fjk1999");
  const int a = *rc::gen::inRange(4, 36);      // quarter hours: 1 - 8.75 h
  const int b = *rc::gen::inRange(a + 1, 37);  // up to 9 h
  const double sign = *rc::gen::element(1.0, -1.0);
  RC_ASSERT(NoInterventionDays(m, sign * a / 4.0) <= NoInterventionDays(m, sign * b / 4.0));
}

// "Etc/GMT-3" is UTC+3 (POSIX sign).
std::string EtcZone(int utc_offset_h) {
  if (utc_offset_h == 0) return "Etc/GMT";
  return "Etc/GMT" + std::string(utc_offset_h > 0 ? "-" : "+") +
         std::to_string(std::abs(utc_offset_h));
}

int FixedStrategyDays(int shift_h) {
  // Home UTC-5 for eastward trips, UTC+3 for westward ones (Etc zones span
  // UTC-12 to UTC+14); a 2 h flight leaving 10:00 UTC.
  const int home = shift_h > 0 ? -5 : 3;
  JetLagRequest r = testing::Trip("UTC", "UTC", "2026-12-01T10:00:00Z", "2026-12-01T12:00:00Z");
  r.legs[0].from_zone = EtcZone(home);
  r.legs[0].to_zone = EtcZone(home + shift_h);
  r.options.allow_melatonin = false;
  r.max_pre_days = 0;
  r.days_after_arrival = 14;
  Strategy s;
  s.direction = shift_h > 0 ? ShiftDirection::kAdvance : ShiftDirection::kDelay;
  s.bright_light_h = 3.0;
  auto p = EvaluateJetLagStrategy(r, s);
  if (!p.ok()) RC_FAIL(p.status().ToString());
  return p->days_to_reentrain_with_plan.value_or(1000);
}

RC_GTEST_PROP(PlannerPropertyTest, MoreZonesNeverFewerDaysWithTheSameStrategy, ()) {
  const int a = *rc::gen::inRange(1, 9);
  const int b = *rc::gen::inRange(a + 1, 10);
  const int sign = *rc::gen::element(1, -1);
  RC_ASSERT(FixedStrategyDays(sign * a) <= FixedStrategyDays(sign * b));
}

RC_GTEST_PROP(PlannerPropertyTest, MelatoninNeverInsideItsOwnSleepWindow, ()) {
  static const std::vector<std::string> kZones = {
      "America/New_York", "America/Los_Angeles", "Europe/London",    "Europe/Paris",
      "Asia/Tokyo",       "Asia/Kolkata",        "Australia/Sydney", "America/Sao_Paulo"};
  const std::string from = *rc::gen::elementOf(kZones);
  const std::string to = *rc::gen::elementOf(kZones);
  const int day = *rc::gen::inRange(1, 28);
  const int depart_min = *rc::gen::inRange(0, 24 * 4) * 15;
  const int flight_min = *rc::gen::inRange(4, 15 * 4) * 15;
  const int bed_min = (21 * 60 + *rc::gen::inRange(0, 17) * 15) % (24 * 60);
  const int sleep_min = *rc::gen::inRange(6 * 4, 9 * 4 + 1) * 15;
  auto depart = FromLocal(LocalDate{std::chrono::year{2026}, std::chrono::month{3},
                                    std::chrono::day{static_cast<unsigned>(day)}},
                          TimeOfDay{depart_min}, from);
  RC_ASSERT(depart.ok());
  JetLagRequest r = testing::Trip("UTC", "UTC", "2026-01-01T00:00:00Z", "2026-01-01T01:00:00Z");
  r.legs[0] = {from, to, *depart, *depart + std::chrono::minutes(flight_min)};
  r.habitual_bedtime = TimeOfDay{bed_min};
  r.habitual_waketime = TimeOfDay{(bed_min + sleep_min) % (24 * 60)};
  r.max_pre_days = *rc::gen::inRange(0, 3);
  r.days_after_arrival = 6;
  auto p = PlanJetLag(r);
  if (!p.ok()) {
    // Only a trip that leaves no room for sleep may be refused.
    RC_ASSERT(p.status().message().find("no room for the sleep schedule") != std::string::npos);
    return;
  }
  for (const PlanDay& d : p->days) {
    if (!d.melatonin) continue;
    for (const PlanDay& e : p->days) {
      if (!e.sleep) continue;
      RC_ASSERT(!(d.melatonin->time > e.sleep->start && d.melatonin->time < e.sleep->end));
    }
  }
}

}  // namespace
}  // namespace pineal::circadian
