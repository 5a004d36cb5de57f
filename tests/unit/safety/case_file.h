// Reads tests/unit/safety/cases.yaml: one screening case per entry.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/core/time.h"
#include "pineal/kb/catalog.h"
#include "pineal/kb/grading.h"
#include "pineal/safety/patient_snapshot.h"

namespace pineal::safety::testing {

struct ScreeningCase {
  std::string id;
  PatientSnapshot patient;
  std::vector<ProposedRegimen> regimens;
  Instant now;
  std::vector<std::string> expect;
  std::vector<std::string> absent;
  std::optional<kb::Severity> top;  // nullopt: no findings expected
  std::optional<bool> blocking;
};

std::string CasesPath();
// Aborts the test binary with a message when the file is malformed: a broken
// table must never pass silently.
std::vector<ScreeningCase> LoadCases(const std::string& path);

// The real knowledge base, loaded once.
const kb::Catalog& RealCatalog();

}  // namespace pineal::safety::testing
