// Builders shared by the adherence, follow-up and alert tests.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "pineal/core/quantity.h"
#include "pineal/core/time.h"
#include "pineal/records/dose_event.h"
#include "pineal/records/regimen.h"

namespace pineal::monitor::testing {

inline Instant At(const char* text) {
  auto t = ParseInstant(text);
  EXPECT_TRUE(t.ok()) << text;
  return t.ok() ? *t : Instant{};
}

inline LocalDate Day(const char* text) {
  auto d = ParseDate(text);
  EXPECT_TRUE(d.ok()) << text;
  return d.ok() ? *d : LocalDate{};
}

inline Mass Mg(double v) { return *Mass::Make(v, "mg"); }
inline Mass G(double v) { return *Mass::Make(v, "g"); }

inline TimeOfDay Clock(int h, int m = 0) { return TimeOfDay{h * 60 + m}; }

inline records::RegimenVersion Version(int number, const char* start, Mass dose,
                                       std::vector<TimeOfDay> times,
                                       records::Frequency f = records::Frequency::kDaily) {
  records::RegimenVersion v;
  v.version = number;
  v.start_date = Day(start);
  v.dose = dose;
  v.times_of_day = std::move(times);
  v.frequency = f;
  v.formulation = "ir";
  return v;
}

inline records::Regimen MakeRegimen(std::int64_t id, const std::string& substance,
                                    std::vector<records::RegimenVersion> versions) {
  records::Regimen r;
  r.id = RegimenId(id);
  r.patient_id = PatientId(1);
  r.substance = substance;
  r.versions = std::move(versions);
  return r;
}

inline records::DoseEvent Taken(std::int64_t id, std::int64_t regimen, const char* taken_at,
                                std::optional<Mass> amount = std::nullopt) {
  records::DoseEvent e;
  e.id = DoseEventId(id);
  e.patient_id = PatientId(1);
  if (regimen > 0) e.regimen_id = RegimenId(regimen);
  e.substance = "melatonin";
  e.taken_at = At(taken_at);
  e.amount = amount;
  e.status = records::DoseStatus::kTaken;
  return e;
}

inline records::DoseEvent WithStatus(records::DoseEvent e, records::DoseStatus s) {
  e.status = s;
  return e;
}

inline records::DoseEvent Skipped(std::int64_t id, std::int64_t regimen, const char* planned_at) {
  records::DoseEvent e;
  e.id = DoseEventId(id);
  e.patient_id = PatientId(1);
  if (regimen > 0) e.regimen_id = RegimenId(regimen);
  e.substance = "melatonin";
  e.planned_at = At(planned_at);
  e.status = records::DoseStatus::kSkipped;
  return e;
}

}  // namespace pineal::monitor::testing
