// Requests and plans of the jet-lag and shift-rota planners. Pure data: the
// planners are pure functions of a request (http/ and cli/ call them).
// Instants are UTC; each plan day names the zone its clock times are read in.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/circadian/params.h"
#include "pineal/core/time.h"

namespace pineal::circadian {

struct Interval {
  Instant start;
  Instant end;
};

enum class ShiftDirection { kAdvance, kDelay };
std::string_view ShiftDirectionName(ShiftDirection d);  // "advance" / "delay"

// Light at the eye assumed for the plan. Indoor 250 lux is the facts file's
// reference day (circadian.md §2.3); bright 5,000 lux is the intermittent
// light of the Eastman 2005 / Revell 2006 advancing protocols (outdoors or a
// light box); dim 10 lux stands for dark glasses or a dim room.
struct LightLevels {
  double indoor_lux = 250.0;
  double bright_lux = 5000.0;
  double dim_lux = 10.0;
};

struct PlanOptions {
  // Proposed sleep never starts before this or ends after this (local clock).
  TimeOfDay earliest_bedtime{21 * 60};
  TimeOfDay latest_waketime{9 * 60};
  bool allow_bright_light = true;
  bool allow_melatonin = true;
  // Candidate doses; each must lie within `limits`.
  std::vector<double> dose_options_mg{0.5, 3.0};
  int max_melatonin_days = 5;  // capped by limits.max_days_per_course
  // Unless set, a pill is never placed inside a proposed sleep window.
  bool allow_melatonin_in_sleep = false;
  LightLevels light;
  JetLagDoseLimits limits;  // from the knowledge base
};

struct FlightLeg {
  std::string from_zone;  // IANA names
  std::string to_zone;
  Instant depart;
  Instant arrive;
};

struct JetLagRequest {
  std::vector<FlightLeg> legs;          // in travel order; home = first origin
  TimeOfDay habitual_bedtime{23 * 60};  // at home, local; the same local times at destination
  TimeOfDay habitual_waketime{7 * 60};
  std::optional<TimeOfDay> measured_dlmo;  // at home, local clock
  int max_pre_days = 3;                    // adjustment days before departure
  int days_after_arrival = 12;             // horizon after the arrival day
  PlanOptions options;
  Model model;                       // the planning model (stowe25 for melatonin)
  std::optional<Model> cross_check;  // a light-only model run on the same light plan
  // Candidates evaluated at once (1 or 2). The plan does not depend on it; 2
  // helps only on an otherwise idle machine (see bench/circadian_bench).
  int threads = 1;
};

struct PlannedDose {
  Instant time;
  double dose_mg = 0;
};

// Predicted phase markers of one day (unmasked CBTmin; DLMO as the model
// defines it) and the error against the destination's entrained CBTmin:
// > 0 means the body clock runs late (needs an advance).
struct DayPhase {
  std::optional<Instant> cbtmin;
  std::optional<Instant> dlmo;
  double error_h = 0;
};

struct PlanDay {
  int day = 0;  // relative to the arrival day (0); negative before
  LocalDate date;
  std::string zone;  // clock times of this day are read here
  bool travel = false;
  Interval wake;                  // awake from .. to
  std::optional<Interval> sleep;  // the main sleep that follows
  bool sleep_in_flight = false;   // that sleep is on the plane
  std::vector<Interval> seek_light;
  std::vector<Interval> avoid_light;
  std::optional<PlannedDose> melatonin;
  DayPhase with_plan;
  DayPhase without_plan;
  std::optional<double> cross_check_error_h;  // light-only model, with the plan
};

struct Strategy {
  ShiftDirection direction = ShiftDirection::kAdvance;
  int pre_days = 0;
  double pre_shift_h_per_day = 0;
  double bright_light_h = 0;                // per day, 0 = none
  double dose_mg = 0;                       // 0 = no melatonin
  double dose_before_dlmo_h = 0;            // target pill time before the predicted DLMO
  bool melatonin_before_departure = false;  // false: only from the arrival day
};

struct JetLagPlan {
  std::string origin_zone;
  std::string destination_zone;
  double zone_shift_h = 0;  // destination minus origin UTC offset at arrival (east > 0)
  std::vector<FlightLeg> legs;
  Strategy strategy;
  std::vector<PlanDay> days;
  std::optional<int> days_to_reentrain_with_plan;     // counted from the arrival day
  std::optional<int> days_to_reentrain_without_plan;  // the planning model, no plan
  double days_to_reentrain_field_rule = 0;            // FieldRuleDays(zone_shift_h)
  std::optional<int> days_to_reentrain_cross_check;
  int candidates_evaluated = 0;
  std::string model_id;
  std::vector<std::string> model_refs;
  std::string cross_check_model_id;
  std::vector<std::string> notes;
};

// One rota day: a work period (end past midnight allowed) or a day off.
struct RotaShift {
  LocalDate date;
  std::optional<TimeOfDay> start;  // none: day off
  std::optional<TimeOfDay> end;
};

struct RotaRequest {
  std::string zone;               // IANA name; the rota's clock
  std::vector<RotaShift> shifts;  // consecutive dates
  TimeOfDay habitual_bedtime{23 * 60};
  TimeOfDay habitual_waketime{7 * 60};
  double commute_h = 0.5;  // between work and bed
  PlanOptions options;
  Model model;
};

// A day counts as misaligned when the body clock is more than this (h) away
// from where the day's sleep needs it.
inline constexpr double kMisalignedAboveH = 2.0;

struct RotaPlan {
  std::string zone;
  std::vector<PlanDay> days;  // day = index from the first rota date
  int misaligned_days_with_plan = 0;
  int misaligned_days_without_plan = 0;
  double bright_light_h = 0;
  double dose_mg = 0;
  int candidates_evaluated = 0;
  std::string model_id;
  std::vector<std::string> model_refs;
  std::vector<std::string> notes;
};

}  // namespace pineal::circadian
