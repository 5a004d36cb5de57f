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

  // The start of the new version `v`, which replaces `replaced`: today (in the
  // patient's zone) unless the change gives a date, so history is never
  // rewritten by omission. A given date may not precede the replaced version's
  // start, and a date before today needs a reason (a documented backdating).
  Status SettleStartDate(const records::RegimenVersion& replaced, LocalDate today,
                         records::RegimenVersion& v) const;
};

}  // namespace pineal::app
