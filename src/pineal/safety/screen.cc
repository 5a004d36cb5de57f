#include "pineal/safety/screen.h"

#include "pineal/safety/screen_context.h"

namespace pineal::safety {

using screen_internal::Context;

std::vector<Finding> Screen(const kb::Catalog& catalog, const PatientSnapshot& patient,
                            const std::vector<ProposedRegimen>& regimens, Instant now) {
  std::vector<Finding> findings;
  findings.reserve(32 + 2 * patient.medications.size());
  Context ctx{catalog, patient, now, findings, {}, {}, {}, {}, {}, {}, false};
  screen_internal::CollectConditions(ctx);
  screen_internal::CollectPopulations(ctx, !regimens.empty());
  screen_internal::CollectUses(ctx, regimens);
  screen_internal::CheckRegimenDoses(ctx);
  screen_internal::CheckRecentIntake(ctx);
  screen_internal::CheckListedAmounts(ctx);
  screen_internal::CheckPotency(ctx);
  screen_internal::CheckContraindications(ctx);
  screen_internal::CheckUnknownPregnancy(ctx);
  screen_internal::CheckInteractions(ctx);
  screen_internal::CheckDuplication(ctx);
  screen_internal::CheckCombinations(ctx);
  SortAndDeduplicate(findings);
  return findings;
}

}  // namespace pineal::safety
