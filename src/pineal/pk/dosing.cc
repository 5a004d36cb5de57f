#include "pineal/pk/dosing.h"

#include <algorithm>
#include <cmath>
#include <string>

namespace pineal::pk {

std::vector<DoseEvent> RegularDoses(double first_h, double interval_h, int count, double amount_mg,
                                    Route route, double duration_h) {
  std::vector<DoseEvent> doses;
  doses.reserve(static_cast<std::size_t>(std::max(count, 0)));
  for (int i = 0; i < count; ++i) {
    // Multiplying (not accumulating) keeps dose i exactly at first + i * interval.
    doses.push_back({first_h + i * interval_h, amount_mg, route, duration_h, true});
  }
  return doses;
}

bool IsZeroOrder(Route route) {
  return route == Route::kOralZeroOrder || route == Route::kIvInfusion;
}

bool IsOral(Route route) {
  return route == Route::kOral || route == Route::kOralZeroOrder ||
         route == Route::kOralDualFirstOrder;
}

const char* RouteName(Route route) {
  switch (route) {
    case Route::kOral: return "oral";
    case Route::kOralZeroOrder: return "oral zero-order";
    case Route::kIvBolus: return "IV bolus";
    case Route::kIvInfusion: return "IV infusion";
    case Route::kOralDualFirstOrder: return "oral dual first-order";
  }
  return "?";
}

Status ValidateDoses(std::span<const DoseEvent> doses) {
  for (std::size_t i = 0; i < doses.size(); ++i) {
    const DoseEvent& d = doses[i];
    const std::string at = "doses[" + std::to_string(i) + "]";
    if (!std::isfinite(d.time_h)) {
      return Status::InvalidArgument("dose time must be a finite number of hours", at + ".time");
    }
    if (i > 0 && d.time_h < doses[i - 1].time_h) {
      return Status::InvalidArgument("doses must be sorted by time (this one is earlier than " +
                                         std::string("the one before)"),
                                     at + ".time");
    }
    if (!std::isfinite(d.amount_mg) || d.amount_mg < 0) {
      return Status::InvalidArgument("dose amount must be a finite mass of 0 mg or more",
                                     at + ".amount");
    }
    if (IsZeroOrder(d.route) && !(d.duration_h > 0 && std::isfinite(d.duration_h))) {
      return Status::InvalidArgument(
          std::string(RouteName(d.route)) + " needs a duration of more than 0 h", at + ".duration");
    }
    if (d.route == Route::kOralDualFirstOrder && !(d.fast_fraction >= 0 && d.fast_fraction <= 1)) {
      return Status::InvalidArgument(
          "the fast fraction of a dual first-order dose must be within "
          "0..1",
          at + ".fast_fraction");
    }
  }
  return Status::Ok();
}

void SortDoses(std::vector<DoseEvent>& doses) {
  std::stable_sort(doses.begin(), doses.end(),
                   [](const DoseEvent& a, const DoseEvent& b) { return a.time_h < b.time_h; });
}

}  // namespace pineal::pk
