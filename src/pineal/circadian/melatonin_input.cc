#include "pineal/circadian/melatonin_input.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>

namespace pineal::circadian {

Result<Formulation> ParseFormulation(std::string_view text) {
  if (text == "ir" || text == "immediate") return Formulation::kImmediateRelease;
  if (text == "pr" || text == "prolonged") return Formulation::kProlongedRelease;
  return Status::InvalidArgument(
      "unknown melatonin formulation '" + std::string(text) + "'; allowed: ir, pr", "formulation");
}

std::string_view FormulationName(Formulation f) {
  return f == Formulation::kImmediateRelease ? "ir" : "pr";
}

Result<double> GutAmountPmolPerL(const MelatoninParams& p, double dose_mg) {
  if (!std::isfinite(dose_mg) || dose_mg < p.dose_fit_min_mg || dose_mg > p.dose_fit_max_mg) {
    return Status::InvalidArgument(
        fmt::format("melatonin dose {:g} mg is outside {:g}-{:g} mg, the range the model's "
                    "dose-to-plasma curve was fitted over",
                    dose_mg, p.dose_fit_min_mg, p.dose_fit_max_mg),
        "dose");
  }
  const double d = dose_mg;
  const double peak_rate = ((p.dose_c3 * d + p.dose_c2) * d + p.dose_c1) * d + p.dose_c0;
  return peak_rate * p.dose_pulse_sd_h * std::sqrt(2.0 * std::numbers::pi);
}

Result<GutInput> MakeGutInput(const MelatoninParams& p, const std::vector<MelatoninDose>& doses) {
  GutInput out;
  for (size_t i = 0; i < doses.size(); ++i) {
    const MelatoninDose& d = doses[i];
    const std::string at = "doses[" + std::to_string(i) + "]";
    if (!std::isfinite(d.time_h)) return Status::InvalidArgument(at + ": time must be finite", at);
    auto amount = GutAmountPmolPerL(p, d.dose_mg);
    if (!amount.ok()) return amount.status().WithFieldPrefix(at);
    const double start = d.time_h + p.dose_lag_h;
    if (d.formulation == Formulation::kImmediateRelease) {
      out.boluses.push_back({start, *amount});
    } else {
      out.infusions.push_back({start, start + p.pr_release_h, *amount / p.pr_release_h});
    }
  }
  std::sort(out.boluses.begin(), out.boluses.end(),
            [](const GutBolus& a, const GutBolus& b) { return a.time_h < b.time_h; });
  std::sort(out.infusions.begin(), out.infusions.end(),
            [](const GutInfusion& a, const GutInfusion& b) { return a.start_h < b.start_h; });
  return out;
}

}  // namespace pineal::circadian
