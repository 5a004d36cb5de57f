// pineal circadian: the circadian models from the command line.
//   pineal circadian prc --dose "3 mg"   melatonin phase-response curve
//   pineal circadian prc --light         light PRC (6.7 h, 10,000 lux pulse)
//   pineal circadian phase --light-csv F --zone Z
//                                        body clock from measured (wearable) light
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <string_view>

#include "pineal/app/circadian_plans.h"
#include "pineal/core/result.h"

namespace pineal::cli {

void RegisterCircadianCommand(CLI::App& root);

// knowledge/circadian, loaded once per process.
Result<const kb::CircadianCatalog*> CircadianCatalog();

struct PrcCommandOptions {
  app::PrcSpec spec;
  std::string format = "text";  // text, json, csv
};

Result<std::string> RunPrcCommand(const PrcCommandOptions& options);

struct PhaseCommandOptions {
  std::string light_csv;              // file: "time,lux" rows (see circadian/light_csv.h)
  std::string zone;                   // where the person lives (IANA)
  std::string sleep = "23:00-07:00";  // habitual, for the starting phase
  std::string model = "fjk1999";
  std::string format = "text";  // text or json
};

// Starts from the clock entrained to the habitual sleep, runs the model
// through the measured light and reports each local day's CBTmin and DLMO.
Result<std::string> RunPhaseCommand(const PhaseCommandOptions& options);

}  // namespace pineal::cli
