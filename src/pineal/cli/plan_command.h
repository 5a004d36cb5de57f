// pineal plan: circadian plans from the command line.
//   pineal plan jetlag --from ZONE --to ZONE --depart "2026-12-01 18:00"
//                      --arrive "2026-12-02 07:15" [--sleep 23:00-07:00]
//                      [--format text|json|ics|svg]
//   pineal plan shift --rota FILE --zone ZONE [--format text|json|ics]
// Departure is local time at the origin, arrival local time at the destination.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "pineal/app/circadian_plans.h"
#include "pineal/core/result.h"

namespace pineal::cli {

void RegisterPlanCommand(CLI::App& root);

// Each command's options: the plan as written, and where the output goes.
struct PlanOutputOptions {
  std::string format = "text";
  std::string output;  // file; stdout when empty
};

struct JetLagCommandOptions {
  app::JetLagSpec spec;
  PlanOutputOptions out;
};

struct ShiftCommandOptions {
  std::string rota_file;
  app::ShiftSpec spec;
  PlanOutputOptions out;
};

// Plans and renders; `now` stamps calendar output.
Result<std::string> RunJetLagCommand(const JetLagCommandOptions& options, Instant now);
Result<std::string> RunShiftCommand(const ShiftCommandOptions& options, Instant now);

}  // namespace pineal::cli
