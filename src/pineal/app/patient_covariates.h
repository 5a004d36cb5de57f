// A patient's record as the PK model's covariates: age on a given day, body
// weight, sex, smoking, the medicines current on that day and hepatic
// impairment. Names are resolved through the safety catalog when it is
// loaded ("Luvox" -> fluvoxamine), so brand names still count.
#pragma once

#include <vector>

#include "pineal/core/time.h"
#include "pineal/kb/catalog.h"
#include "pineal/pk/covariates.h"
#include "pineal/records/medication.h"
#include "pineal/records/patient.h"

namespace pineal::app {

pk::PatientCovariates CovariatesOf(const records::Patient& patient,
                                   const std::vector<records::MedicationEntry>& medications,
                                   const kb::Catalog* catalog, LocalDate today);

}  // namespace pineal::app
