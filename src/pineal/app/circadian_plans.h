// Circadian plans as a person writes them ("2026-12-01 18:00", "23:00-07:00",
// "0.5 mg,3 mg") turned into the planner's requests, with the models and the
// melatonin limits from the knowledge base. Shared by `pineal plan`,
// `pineal circadian prc` and the /api/v1/plans and /api/v1/circadian routes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pineal/circadian/params.h"
#include "pineal/circadian/plan_types.h"
#include "pineal/circadian/prc.h"
#include "pineal/core/result.h"
#include "pineal/core/time.h"
#include "pineal/kb/circadian_params.h"

namespace pineal::app {

// How fields are named in messages: "--earliest-bed" on the command line
// (prefix "--"), "earliest_bed" in JSON (no prefix).
struct FieldStyle {
  std::string prefix;
  std::string Name(std::string_view field) const;
};

// An IANA zone in `field` (required), and a habitual "BED-WAKE" sleep window
// ("23:00-07:00"), with errors named in the caller's style.
Status CheckZone(const FieldStyle& style, std::string_view field, const std::string& zone);
Status ParseSleep(const FieldStyle& style, const std::string& sleep, TimeOfDay& bed,
                  TimeOfDay& wake);

struct PlanCommonSpec {
  std::string sleep = "23:00-07:00";  // habitual BED-WAKE, local
  std::string earliest_bed = "21:00";
  std::string latest_wake = "09:00";
  std::string doses = "0.5 mg,3 mg";  // the doses the plan may choose from
  int melatonin_days = 5;
  bool no_melatonin = false;
  bool no_light = false;
  bool melatonin_in_sleep = false;
  double indoor_lux = 250, bright_lux = 5000, dim_lux = 10;
  std::string model = "stowe2025";
};

struct JetLagSpec {
  std::string from, to;                 // IANA zones
  std::string depart;                   // local at origin, "2026-12-01 18:00"
  std::string arrive;                   // local at destination
  std::string dlmo;                     // measured at home, "HH:MM"
  int pre_days = 3;                     // adjustment days before departure, at most
  int days = 12;                        // days shown after arrival
  std::string cross_check = "fjk1999";  // "none" to skip
  PlanCommonSpec common;
  FieldStyle style;
};

struct ShiftSpec {
  std::string rota_csv;  // "date,HH:MM-HH:MM" or "date,off" rows
  std::string zone;
  double commute_h = 0.5;
  PlanCommonSpec common;
  FieldStyle style;
};

struct PrcSpec {
  std::string dose;    // melatonin PRC, e.g. "3 mg"
  bool light = false;  // light PRC instead
  std::string formulation = "ir";
  std::string model;  // default: stowe2025 (melatonin), fjk1999 (light)
  double step_h = 1.0;
  FieldStyle style;
};

struct PrcResult {
  std::vector<circadian::PrcPoint> curve;
  std::string title;
  std::string relative_to;  // "CBTmin" or "baseline DLMO"
  circadian::Model model;
};

// The parameter set `id` (e.g. "stowe2025", "fjk1999") as a model.
Result<circadian::Model> CircadianModel(const kb::CircadianCatalog& catalog, std::string_view id);
// The jet-lag melatonin dose limits, with their references.
Result<circadian::JetLagDoseLimits> JetLagLimits(const kb::CircadianCatalog& catalog);

Result<circadian::JetLagRequest> MakeJetLagRequest(const kb::CircadianCatalog& catalog,
                                                   const JetLagSpec& spec);
Result<circadian::RotaRequest> MakeRotaRequest(const kb::CircadianCatalog& catalog,
                                               const ShiftSpec& spec);
Result<PrcResult> ComputePrc(const kb::CircadianCatalog& catalog, const PrcSpec& spec);

// A trip or a shift rota planned from a person's spec.
Result<circadian::JetLagPlan> PlanTrip(const kb::CircadianCatalog& catalog, const JetLagSpec& spec);
Result<circadian::RotaPlan> PlanShifts(const kb::CircadianCatalog& catalog, const ShiftSpec& spec);
// A plan as text for people: "text", "ics" or (trips) "svg"; `now` stamps a
// calendar.
Result<std::string> RenderTrip(const circadian::JetLagPlan& plan, std::string_view format,
                               Instant now);
Result<std::string> RenderShifts(const circadian::RotaPlan& plan, std::string_view format,
                                 Instant now);

}  // namespace pineal::app
