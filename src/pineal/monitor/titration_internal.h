// Shared pieces of the titration engine (titration.cc, titration_ladder.cc,
// titration_taper.cc). Internal to monitor/.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/monitor/titration.h"

namespace pineal::monitor::titration_internal {

// `base_mg` expressed in `like`'s unit, so "1.8 g" stays in grams.
Mass InUnitOf(double base_mg, const Mass& like);

// `n` doses of `m`, computed on the base value so 3 x 1.6 g is exactly 4.8 g.
Mass Times(const Mass& m, int n);

// A planned amount: per administration, and how many a dosing day has.
struct PlannedAmount {
  Mass per_dose;
  int doses_per_day = 1;
  Mass daily() const { return Times(per_dose, doses_per_day); }
};

// A response of one instrument with its local date.
struct DatedResponse {
  const ScoredResponse* response = nullptr;
  LocalDate date{};
};

// A side effect attributed to the regimen's substance that counts now.
struct CountedSideEffect {
  const SideEffectReport* report = nullptr;
  LocalDate onset{};
};

struct Context {
  const kb::Protocol& protocol;
  const TitrationInputs& in;
  LocalDate today;
  const records::RegimenVersion& version;
  PlannedAmount current;
  LocalDate dose_since{};  // first day of the current amount (over versions)
  std::optional<int> age_years;
};

// The amount planned on `day`: none before the first start or in a stopped version.
std::optional<PlannedAmount> AmountOn(const records::Regimen& regimen, LocalDate day);

// Responses of `code` (case-insensitive) dated on or before today, oldest first.
Result<std::vector<DatedResponse>> ResponsesOf(const Context& c, std::string_view code);

// Reports attributed to the substance, onset on or before today, either ongoing
// or with onset on or after `since`, and with the daily amount now not lower
// than at onset (a reduction since onset has already answered them).
Result<std::vector<CountedSideEffect>> CountedSideEffects(const Context& c, LocalDate since);

// Whether a caution applies to the patient (pregnancy flags, condition names).
bool CautionApplies(const kb::Caution& caution, const records::Patient& patient);

// A proposal with the protocol, regimen and current amount filled in, holding.
TitrationProposal Start(const Context& c);
// Start(c) holding, decided by `decided_by` for `reason` (cited by `source`).
TitrationProposal Hold(const Context& c, std::string decided_by, std::string reason,
                       const kb::ProtocolSource& source);
// A referral for the first caution with effect `refer` that applies, if any.
std::optional<TitrationProposal> ReferForCaution(const Context& c);
void SetDose(TitrationProposal& p, const Mass& per_dose);
void AddSource(TitrationProposal& p, const kb::ProtocolSource& source);
void AddEvidence(TitrationProposal& p, ObservationId id);

LocalDate AddDays(LocalDate d, int days);
int DaysBetween(LocalDate from, LocalDate to);
std::string Num(double v);  // "7", "7.5", "72.3"

Result<TitrationProposal> ProposeLadder(const Context& c);
Result<TitrationProposal> ProposeTaper(const Context& c);

}  // namespace pineal::monitor::titration_internal
