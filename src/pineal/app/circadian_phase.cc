#include "pineal/app/circadian_phase.h"

#include <chrono>
#include <cmath>

#include "pineal/circadian/entrain.h"
#include "pineal/circadian/light_csv.h"
#include "pineal/circadian/phase.h"
#include "pineal/circadian/plan_format.h"
#include "pineal/circadian/simulate.h"

namespace pineal::app {
namespace {

Instant AtHour(Instant t0, double h) { return t0 + std::chrono::seconds(std::llround(h * 3600)); }

}  // namespace

Result<PhaseEstimate> EstimatePhase(const kb::CircadianCatalog& catalog, const PhaseSpec& spec) {
  PINEAL_RETURN_IF_ERROR(CheckZone(spec.style, "zone", spec.zone));
  TimeOfDay bed, wake;
  PINEAL_RETURN_IF_ERROR(ParseSleep(spec.style, spec.sleep, bed, wake));
  // Model time 0: local midnight before the first sample.
  PINEAL_ASSIGN_OR_RETURN(auto probe, circadian::ParseLuxCsv(spec.light_csv, Instant{}));
  const Instant first = AtHour(Instant{}, probe.steps()[0].start_h);
  PINEAL_ASSIGN_OR_RETURN(LocalDateTime first_local, ToLocal(first, spec.zone));
  PINEAL_ASSIGN_OR_RETURN(Instant t0, FromLocal(first_local.date, TimeOfDay{0}, spec.zone));
  PINEAL_ASSIGN_OR_RETURN(auto light, circadian::ParseLuxCsv(spec.light_csv, t0));
  PINEAL_ASSIGN_OR_RETURN(circadian::Model model, CircadianModel(catalog, spec.model));
  const circadian::SleepWakePattern habit{wake.minutes / 60.0, bed.minutes / 60.0, 250.0, 0.0};
  PINEAL_ASSIGN_OR_RETURN(circadian::StateVector y0, circadian::EntrainedState(model, habit));
  const double end = light.steps().back().start_h;
  PINEAL_ASSIGN_OR_RETURN(auto run, circadian::Simulate(model, y0, 0.0, end, light));

  PhaseEstimate out{spec.zone, model.id, {}};
  for (double cbtmin : run.markers.cbtmin_h) {
    // The DLMO of a night comes about 7 h before its CBTmin.
    const auto dlmo = circadian::Nearest(run.markers.dlmo_h, cbtmin - 7.0);
    auto date = ToLocal(AtHour(t0, cbtmin), spec.zone);
    if (!date.ok() || !dlmo) continue;
    out.days.push_back({date->date, circadian::LocalClock(AtHour(t0, *dlmo), spec.zone),
                        circadian::LocalClock(AtHour(t0, cbtmin), spec.zone)});
  }
  return out;
}

}  // namespace pineal::app
