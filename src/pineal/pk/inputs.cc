#include "pineal/pk/inputs.h"

#include <algorithm>

namespace pineal::pk {

void CompileInputs(const LinearPkParams& p, std::span<const DoseEvent> doses, double dose_scale,
                   std::vector<InputChange>& out) {
  out.clear();
  bool needs_sort = false;
  for (const DoseEvent& d : doses) {
    if (!d.taken || d.amount_mg == 0.0) continue;
    const double amount = d.amount_mg * dose_scale;
    InputChange c;
    switch (d.route) {
      case Route::kOral:
        c.time_h = d.time_h + p.tlag_h;
        c.depot_mg = amount * p.f;
        c.oral = true;
        out.push_back(c);
        break;
      case Route::kOralDualFirstOrder:
        // Two first-order inputs with the dose split between them: superposition
        // holds, so one change feeds both depots.
        c.time_h = d.time_h + p.tlag_h;
        c.depot_mg = amount * p.f * d.fast_fraction;
        c.depot_slow_mg = amount * p.f * (1.0 - d.fast_fraction);
        c.oral = true;
        out.push_back(c);
        break;
      case Route::kIvBolus:
        c.time_h = d.time_h;
        c.bolus_mg = amount;
        out.push_back(c);
        break;
      case Route::kOralZeroOrder:
      case Route::kIvInfusion: {
        const bool oral = d.route == Route::kOralZeroOrder;
        const double rate = amount * (oral ? p.f : 1.0) / d.duration_h;
        c.time_h = d.time_h + (oral ? p.tlag_h : 0.0);
        c.rate_mg_per_h = rate;
        c.active_infusions_delta = 1;
        c.oral = oral;
        out.push_back(c);
        InputChange stop;
        stop.time_h = c.time_h + d.duration_h;
        stop.rate_mg_per_h = -rate;
        stop.active_infusions_delta = -1;
        stop.oral = oral;
        out.push_back(stop);
        needs_sort = true;  // a stop can fall after later starts
        break;
      }
    }
    // Routes with and without lag can interleave.
    if (out.size() >= 2 && out[out.size() - 1].time_h < out[out.size() - 2].time_h) {
      needs_sort = true;
    }
  }
  if (needs_sort) {
    std::stable_sort(out.begin(), out.end(), [](const InputChange& a, const InputChange& b) {
      return a.time_h < b.time_h;
    });
  }
}

InputChange Individualized(const InputChange& shared, const LinearPkParams& p, double dose_scale) {
  InputChange c = shared;
  const double oral_scale = shared.oral ? p.f * dose_scale : dose_scale;
  if (shared.oral) c.time_h += p.tlag_h;
  c.depot_mg *= oral_scale;
  c.depot_slow_mg *= oral_scale;
  c.rate_mg_per_h *= oral_scale;
  c.bolus_mg *= dose_scale;
  return c;
}

bool OrderIndependentOfLag(std::span<const InputChange> changes) {
  if (changes.empty()) return true;
  const bool first = changes.front().oral;
  return std::all_of(changes.begin(), changes.end(),
                     [first](const InputChange& c) { return c.oral == first; });
}

}  // namespace pineal::pk
