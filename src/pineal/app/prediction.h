// A patient's predicted plasma concentrations from what they actually took:
// the logged doses of a substance over the last days, the next day's doses
// as their regimen plans them, and the patient's covariates (age, sex,
// weight, smoking, current medicines, hepatic impairment).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "pineal/core/time.h"
#include "pineal/pk/simulate.h"

namespace pineal::app {

struct PredictionQuery {
  std::string substance = "melatonin";  // a PK model id: melatonin or kratom
  int days = 7;                         // dose log window before now, 1..60
  int subjects = 200;                   // population size, 0..2000
  std::uint64_t seed = 1;
  std::string wake = "07:00";  // the patient's wake time, for the next-morning residual
};

inline constexpr int kMaxPredictionDays = 60;
inline constexpr int kMaxPredictionSubjects = 2000;

struct PatientPrediction {
  pk::SimulationResult result;
  std::string title;
  std::string time_zone;               // the patient's; clock times are in it
  Instant origin{};                    // t = 0 of the curve
  double now_h = 0.0;                  // "now" on the curve's time axis
  std::vector<double> planned_dose_h;  // doses after now, from the regimen
  int logged_doses = 0;
  std::vector<std::string> notes;  // how the prediction was assembled
};

}  // namespace pineal::app
