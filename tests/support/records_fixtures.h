// Small valid records for tests.
#pragma once

#include "pineal/records/dose_event.h"
#include "pineal/records/observation.h"
#include "pineal/records/patient.h"
#include "pineal/records/regimen.h"

namespace pineal::testing {

inline Instant At(const char* iso) { return *ParseInstant(iso); }
inline LocalDate Day(const char* iso) { return *ParseDate(iso); }
inline Mass Mg(double v) { return *Mass::Make(v, "mg"); }

inline records::Patient SamplePatient(std::string name = "Ada L.") {
  records::Patient p;
  p.display_name = std::move(name);
  p.birth_date = Day("1960-05-04");
  p.sex = records::Sex::kFemale;
  p.weight = records::WeightRecord{*BodyWeight::Make(64.5, "kg"), Day("2026-11-01")};
  p.pregnancy = records::PregnancyStatus::kNotPregnant;
  p.conditions = {"insomnia", "hypertension"};
  p.time_zone = "Europe/Paris";
  p.provenance = {At("2026-11-20T10:00:00Z"), "dr.test"};
  return p;
}

inline records::RegimenVersion SampleVersion(double dose_mg = 2) {
  records::RegimenVersion v;
  v.version = 1;
  v.formulation = "pr";
  v.dose = Mg(dose_mg);
  v.times_of_day = {TimeOfDay{21 * 60 + 30}};
  v.indication = "insomnia";
  v.start_date = Day("2026-11-20");
  v.titration = {{7, Mg(3)}};
  v.provenance = {At("2026-11-20T10:00:00Z"), "dr.test"};
  return v;
}

inline records::DoseEvent TakenDose(PatientId p, const char* at, double mg = 2) {
  records::DoseEvent e;
  e.patient_id = p;
  e.substance = "melatonin";
  e.planned_at = At(at);
  e.taken_at = At(at);
  e.amount = Mg(mg);
  e.status = records::DoseStatus::kTaken;
  e.provenance = {At("2026-11-21T08:00:00Z"), "patient"};
  return e;
}

inline records::Observation Score(PatientId p, const char* at, double value) {
  records::Observation o;
  o.patient_id = p;
  o.kind = records::ObservationKind::kInstrument;
  o.code = "ISI";
  o.value = value;
  o.unit = "{score}";
  o.observed_at = At(at);
  o.provenance = {At("2026-11-21T08:00:00Z"), "patient"};
  return o;
}

}  // namespace pineal::testing
