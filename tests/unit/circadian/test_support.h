// Shared helpers for the circadian tests: the models as the knowledge base
// defines them, and the standard light schedules of the facts file.
#pragma once

#include <gtest/gtest.h>

#include <string_view>

#include "pineal/circadian/light_schedule.h"
#include "pineal/circadian/params.h"
#include "pineal/kb/circadian_params.h"

namespace pineal::circadian::testing {

inline const kb::CircadianCatalog& Catalog() {
  static const kb::CircadianCatalog* catalog = [] {
    auto c = kb::LoadCircadianCatalog(PINEAL_SOURCE_ROOT "/knowledge/circadian");
    if (!c.ok()) ADD_FAILURE() << c.status().ToString();
    return new kb::CircadianCatalog(c.ok() ? *c : kb::CircadianCatalog{});
  }();
  return *catalog;
}

// The parameter set `id` from knowledge/circadian as a typed model.
inline Model LoadModel(std::string_view id) {
  const kb::CircadianParameterSet* set = Catalog().FindSet(id);
  if (set == nullptr) {
    ADD_FAILURE() << "no parameter set " << id;
    return {};
  }
  auto kind = ParseModelKind(set->equations);
  auto m = MakeModel(set->id, set->title, *kind, set->Values(), set->refs);
  if (!m.ok()) {
    ADD_FAILURE() << m.status().ToString();
    return {};
  }
  return *m;
}

// The Stowe 2025 melatonin model, loaded once.
inline const Model& Stowe() {
  static const Model m = LoadModel("stowe2025");
  return m;
}

// `lux` from wake to sleep each day, dark otherwise, for days [0, days);
// t = 0 is a local midnight (circadian.md §1).
inline LightSchedule BoxSchedule(double lux, double wake_h, double sleep_h, int days,
                                 int first_day = 0) {
  LightBuilder b(0.0);
  for (int d = first_day; d < days; ++d) b.Set(24.0 * d + wake_h, 24.0 * d + sleep_h, lux);
  return b.Build();
}

}  // namespace pineal::circadian::testing

#include "pineal/circadian/plan_types.h"

namespace pineal::circadian::testing {

// The jet-lag limits as the knowledge base states them.
inline JetLagDoseLimits Limits() {
  const auto& l = Catalog().jetlag_limits;
  return {l.min_dose_mg.value, l.max_dose_mg.value, static_cast<int>(l.max_days_per_course.value),
          l.max_dose_mg.refs};
}

// A one-flight trip planned with stowe2025 (times as ISO instants with offset).
inline JetLagRequest Trip(const char* from, const char* to, const char* depart,
                          const char* arrive) {
  JetLagRequest r;
  r.legs.push_back({from, to, *ParseInstant(depart), *ParseInstant(arrive)});
  r.model = LoadModel("stowe2025");
  r.options.limits = Limits();
  return r;
}

// Clock hours of an instant in a zone.
inline double LocalHours(Instant t, const std::string& zone) {
  auto l = ToLocal(t, zone);
  EXPECT_TRUE(l.ok());
  return l.ok() ? l->time.minutes / 60.0 : -1;
}

}  // namespace pineal::circadian::testing
