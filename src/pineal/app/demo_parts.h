// Pieces the demo clinic's files share (app/demo_*.cc only).
#pragma once

#include <string>
#include <vector>

#include "pineal/app/demo_clinic.h"
#include "pineal/app/pineal_app.h"

namespace pineal::app {

records::Patient MakePatient(std::string name, LocalDate birth, records::Sex sex, double kg,
                             std::vector<std::string> conditions, bool smoker, std::string zone,
                             LocalDate today);
records::RegimenVersion Plan(std::string formulation, Mass dose, std::vector<std::string> times,
                             std::string indication, LocalDate start, std::string reason);

// Helen M.: five weeks of check-ins through the use cases (doses, sleep diary,
// ISI, PHQ-9, GAD-7, a side effect), then a titration proposal.
Status LoadDemoMonth(PinealApp& app, const Actor& actor, const std::string& clinician,
                     DemoSummary& summary);

}  // namespace pineal::app
