// What the screening engine knows about a patient and what is proposed.
// Plain data, filled by app/ from the store or by cli/ from JSON; names and
// conditions are free text that the catalog resolves.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/core/quantity.h"
#include "pineal/core/time.h"
#include "pineal/records/patient.h"

namespace pineal::safety {

// The record's own enum: one Sex in all of pineal.
using Sex = records::Sex;

enum class EntryKind {
  kMedicine,
  kSupplement,  // including herbal remedies: screened like medicines
  kExposure,    // alcohol, caffeine, tobacco
  kTherapy,     // acupuncture, CBT-I, light therapy: recorded, not screened
};

// A current medicine, supplement, exposure or therapy.
struct MedicationEntry {
  std::string name;       // "Luvox", "fluvoxamine 50 mg", "kratom powder"
  std::string dose_text;  // optional: "50 mg" (a mass is used for daily totals)
  std::string frequency;  // optional: "daily", "bid", "3x/day", "weekly", "prn"
  EntryKind kind = EntryKind::kMedicine;
  // Typed amounts from a record (an active regimen, a coded medicine): used
  // as they are, so nothing is written to text and parsed back. When unset,
  // dose_text and frequency are read instead.
  std::optional<Mass> dose = std::nullopt;
  std::optional<double> doses_per_day = std::nullopt;
};

// A dose the patient took (from the dose log or self-report).
struct DoseEventEntry {
  std::string substance;
  std::optional<Mass> amount;
  Instant taken_at;
};

struct PatientSnapshot {
  std::optional<double> age_years;
  std::optional<double> weight_kg;
  Sex sex = Sex::kUnknown;
  bool pregnant = false;
  // Not recorded whether she is pregnant: for a patient who may be, screening
  // reports it wherever a pregnancy rule would apply (never read as "no").
  bool pregnancy_unknown = false;
  bool breastfeeding = false;
  // "epilepsy", "liver disease", "hepatic impairment", ... (resolved by the catalog).
  std::vector<std::string> conditions;
  bool smoker = false;
  std::vector<MedicationEntry> medications;
  // Doses in the last days; those in the 7 days before `now` count as current
  // use, those in the last 24 h add up against per-day bands.
  std::vector<DoseEventEntry> recent_doses;
};

// A regimen to screen (a proposal, or a current regimen being re-checked).
struct ProposedRegimen {
  std::string label;        // optional display name, e.g. "regimen 12 v3"
  std::string substance;    // "melatonin", "kratom leaf", "Circadin"
  std::string formulation;  // "ir", "prolonged release", ...; empty: default
  Mass dose;                // per dose (product mass)
  double doses_per_day = 1.0;
  std::string indication;                  // "insomnia", "jet lag", ...; empty: unspecified
  std::optional<double> content_mg_per_g;  // kratom: assayed mg mitragynine per g
  std::optional<int> duration_days;        // planned course length
};

}  // namespace pineal::safety
