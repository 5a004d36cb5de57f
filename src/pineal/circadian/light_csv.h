// Measured light from a wearable, as CSV text: one "time,lux" row per sample,
// time an ISO instant with offset ("2026-12-01T07:00:00+01:00"), an optional
// header row, '#' comments. Each sample's level holds until the next sample;
// the last one holds for `last_sample_h`. A gap longer than `max_gap_h`
// between samples is an error (the device was off: the light is unknown).
#pragma once

#include <string_view>

#include "pineal/circadian/light_schedule.h"
#include "pineal/core/result.h"
#include "pineal/core/time.h"

namespace pineal::circadian {

struct LuxCsvOptions {
  double max_gap_h = 2.0;
  double last_sample_h = 0.25;
  double after_lux = 0.0;  // level after the data ends
};

// Times become hours since `origin`.
Result<LightSchedule> ParseLuxCsv(std::string_view text, Instant origin,
                                  const LuxCsvOptions& options = {});

}  // namespace pineal::circadian
