// A new regimen version as a request describes it: only the fields it gives.
// The use case applies it onto the current version inside its transaction,
// so a revision is always built on the version it replaces.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/core/quantity.h"
#include "pineal/core/time.h"
#include "pineal/records/regimen.h"

namespace pineal::app {

struct RegimenVersionChange {
  std::optional<std::string> formulation;
  std::optional<Mass> dose;
  std::optional<std::vector<TimeOfDay>> times_of_day;
  std::optional<records::Frequency> frequency;
  std::optional<std::string> indication;
  std::optional<LocalDate> start_date;
  std::optional<std::optional<LocalDate>> end_date;  // given: set, or cleared by null
  std::optional<std::vector<records::TitrationStep>> titration;
  std::optional<std::optional<double>> content_mg_per_g;  // given: set, or cleared by null
  std::string reason;                                     // why this version; never inherited

  // Writes the given fields onto `v` (a copy of the current version) and
  // sets the reason; everything else keeps its value.
  void ApplyTo(records::RegimenVersion& v) const;
};

}  // namespace pineal::app
