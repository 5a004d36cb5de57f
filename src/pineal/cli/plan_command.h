// pineal plan: circadian plans from the command line.
//   pineal plan jetlag --from ZONE --to ZONE --depart "2026-12-01 18:00"
//                      --arrive "2026-12-02 07:15" [--sleep 23:00-07:00]
//                      [--format text|json|ics|svg]
//   pineal plan shift --rota FILE --zone ZONE [--format text|json|ics]
// Departure is local time at the origin, arrival local time at the destination.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "pineal/circadian/plan_types.h"
#include "pineal/core/result.h"

namespace pineal::cli {

void RegisterPlanCommand(CLI::App& root);

// Options shared by both plans, as written on the command line.
struct PlanCommonOptions {
  std::string sleep = "23:00-07:00";
  std::string earliest_bed = "21:00";
  std::string latest_wake = "09:00";
  std::string doses = "0.5 mg,3 mg";
  int melatonin_days = 5;
  bool no_melatonin = false;
  bool no_light = false;
  bool melatonin_in_sleep = false;
  double indoor_lux = 250, bright_lux = 5000, dim_lux = 10;
  std::string model = "stowe2025";
  std::string format = "text";
  std::string output;  // file; stdout when empty
};

struct JetLagCommandOptions {
  std::string from, to, depart, arrive;
  std::string dlmo;  // measured at home, "HH:MM"
  int pre_days = 3;
  int days = 12;
  std::string cross_check = "fjk1999";  // "none" to skip
  PlanCommonOptions common;
};

struct ShiftCommandOptions {
  std::string rota_file;
  std::string zone;
  double commute_h = 0.5;
  PlanCommonOptions common;
};

// Builds the request (loading models and limits from the knowledge base).
Result<circadian::JetLagRequest> MakeJetLagRequest(const JetLagCommandOptions& options);

// Plans and renders; `now` stamps calendar output.
Result<std::string> RunJetLagCommand(const JetLagCommandOptions& options, Instant now);
Result<std::string> RunShiftCommand(const ShiftCommandOptions& options, Instant now);

}  // namespace pineal::cli
