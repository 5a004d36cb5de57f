// Jet-lag plan latency for circadian_bench: a full plan (search over
// candidate schedules with the Stowe model, plus the no-plan baseline and
// the FJK99 cross-check) for New York -> Paris and Los Angeles -> London.
#pragma once

#include "pineal/kb/circadian_params.h"

int RunPlanBenchmark(const pineal::kb::CircadianCatalog& catalog);
