// The screening engine: a pure, deterministic function of the catalog, the
// patient snapshot, the regimens being screened and the current time.
//
// It checks each regimen's dose, frequency, course length and daily total
// against the dose bands for the patient's age, weight and state; every
// substance in use against the patient's conditions; every pair against the
// interaction table; the whole list against combination rules; and duplicates.
// It never fails open: anything it cannot evaluate (an unknown substance or
// condition, a missing weight for a mg/kg band, a product of unknown potency)
// is itself a finding.
#pragma once

#include <vector>

#include "pineal/core/time.h"
#include "pineal/kb/catalog.h"
#include "pineal/safety/finding.h"
#include "pineal/safety/patient_snapshot.h"

namespace pineal::safety {

// Findings sorted most severe first and deduplicated by key. Pass the current
// regimens as `regimens` to re-screen them; pass none to screen only the
// patient's current list (then nothing is "proposed" and nothing blocks).
std::vector<Finding> Screen(const kb::Catalog& catalog, const PatientSnapshot& patient,
                            const std::vector<ProposedRegimen>& regimens, Instant now);

}  // namespace pineal::safety
