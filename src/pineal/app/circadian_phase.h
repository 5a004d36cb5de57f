// The body clock from measured light (a wearable's lux log): the model starts
// entrained to the person's habitual sleep and runs through the light; each
// local day's DLMO and CBTmin are read from it. Used by
// `pineal circadian phase`.
#pragma once

#include <string>
#include <vector>

#include "pineal/core/result.h"
#include "pineal/core/time.h"
#include "pineal/app/circadian_plans.h"
#include "pineal/kb/circadian_params.h"

namespace pineal::app {

struct PhaseSpec {
  std::string light_csv;              // the log's text: "time,lux" rows (circadian/light_csv.h)
  std::string zone;                   // where the person lives (IANA)
  std::string sleep = "23:00-07:00";  // habitual BED-WAKE, for the starting phase
  std::string model = "fjk1999";
  FieldStyle style;
};

struct PhaseDay {
  LocalDate date;
  std::string dlmo;    // local "HH:MM"
  std::string cbtmin;  // local "HH:MM"
};

struct PhaseEstimate {
  std::string zone;
  std::string model_id;
  std::vector<PhaseDay> days;
};

Result<PhaseEstimate> EstimatePhase(const kb::CircadianCatalog& catalog, const PhaseSpec& spec);

}  // namespace pineal::app
