// Exogenous melatonin for the Stowe model: oral doses (time, amount,
// formulation) enter the gut compartment H3; or a plasma curve computed
// elsewhere (the PK engine) is added to plasma directly.
#pragma once

#include <string_view>
#include <vector>

#include "pineal/circadian/params.h"
#include "pineal/circadian/plasma_curve.h"
#include "pineal/core/result.h"

namespace pineal::circadian {

enum class Formulation { kImmediateRelease, kProlongedRelease };

// "ir" / "immediate", "pr" / "prolonged".
Result<Formulation> ParseFormulation(std::string_view text);
std::string_view FormulationName(Formulation f);

struct MelatoninDose {
  double time_h = 0;  // when the pill is taken (model time)
  double dose_mg = 0;
  Formulation formulation = Formulation::kImmediateRelease;
};

struct MelatoninInput {
  std::vector<MelatoninDose> doses;
  const PlasmaCurve* exogenous_plasma = nullptr;  // optional, not owned
};

// What the doses put into the gut compartment: instantaneous amounts for
// immediate release, zero-order inputs for prolonged release.
struct GutBolus {
  double time_h = 0;
  double amount_pmol_per_l = 0;
};
struct GutInfusion {
  double start_h = 0, end_h = 0;
  double rate_pmol_per_l_per_h = 0;
};
struct GutInput {
  std::vector<GutBolus> boluses;       // sorted by time
  std::vector<GutInfusion> infusions;  // sorted by start
};

// Gut amount (pmol/L) of one oral dose: the area of Stowe's Gaussian input
// pulse, peak (cubic in dose) x sd x sqrt(2 pi). Doses outside the range the
// cubic was fitted over are rejected.
Result<double> GutAmountPmolPerL(const MelatoninParams& params, double dose_mg);

// Checks the doses (finite times, amounts in the fitted range) and converts
// them. IR: one bolus at pill time + lag. PR: the same amount released at a
// constant rate over pr_release_h from pill time + lag. An assumption of this
// engine only: melatonin.md §2 has since replaced zero-order PR release with a
// dual first-order input (60% fast), which the PK engine uses; this gut input
// has not been refitted to it.
Result<GutInput> MakeGutInput(const MelatoninParams& params,
                              const std::vector<MelatoninDose>& doses);

}  // namespace pineal::circadian
