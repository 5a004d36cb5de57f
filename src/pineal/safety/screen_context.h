// Internal state of one screening run, shared by the screen_*.cc steps.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/kb/catalog.h"
#include "pineal/safety/finding.h"
#include "pineal/safety/patient_snapshot.h"

namespace pineal::safety::screen_internal {

inline constexpr int kRecentUseDays = 7;    // dose events that count as current use
inline constexpr int kDailyUseMinDays = 5;  // days with doses in the last 7 -> daily use

// One substance in use, merged over all the places it appears.
struct Use {
  kb::SubstanceIndex substance = 0;
  bool proposed = false;
  bool daily = false;
  int listings = 0;                 // regimens + current medicines naming it (duplication)
  std::vector<std::string> labels;  // how it appears, sorted
  std::string description;          // "Melatonin (proposed: ...; current ...)"
  double listed_daily_mg = 0.0;     // current medicines with a mass dose and frequency
  double intake_24h_mg = 0.0;       // dose events in the last 24 h
  bool has_intake_24h = false;
  std::vector<int> event_days;  // distinct day numbers with dose events (last 7 days)
};

// A regimen whose substance resolved.
struct ResolvedRegimen {
  const ProposedRegimen* regimen = nullptr;
  kb::SubstanceIndex substance = 0;
  std::optional<std::string> formulation;  // nullopt: not a known formulation
  std::optional<kb::Indication> indication;
  bool indication_unknown = false;
  bool valid_dose = true;
};

struct Context {
  const kb::Catalog& catalog;
  const PatientSnapshot& patient;
  Instant now;
  std::vector<Finding>& out;

  std::vector<Use> uses;       // sorted by substance index
  std::vector<int> use_index;  // per substance: index into uses, or -1
  std::vector<ResolvedRegimen> regimens;
  std::vector<std::uint8_t> has_condition;  // per condition index
  // Per condition index: the narrower recorded conditions that implied it
  // (`is_a`), sorted; empty when the patient's list names it itself.
  std::vector<std::vector<kb::ConditionIndex>> condition_via;
  std::vector<kb::Population> populations;
  bool age_known = false;

  Use& UseOf(kb::SubstanceIndex s);
  const Use* FindUse(kb::SubstanceIndex s) const;
  const std::string& Name(kb::SubstanceIndex s) const { return catalog.substance(s).name; }
  const std::string& Id(kb::SubstanceIndex s) const { return catalog.substance(s).id; }
};

// Steps, in the order Screen runs them.
void CollectConditions(Context& ctx);
void CollectPopulations(Context& ctx, bool screening_regimens);
void CollectUses(Context& ctx, const std::vector<ProposedRegimen>& regimens);
void CheckRegimenDoses(Context& ctx);
void CheckRecentIntake(Context& ctx);
void CheckListedAmounts(Context& ctx);
void CheckPotency(Context& ctx);
void CheckContraindications(Context& ctx);
// A proposed substance with a pregnancy contraindication, for a patient who
// may be pregnant and whose status is not recorded.
void CheckUnknownPregnancy(Context& ctx);
void CheckInteractions(Context& ctx);
void CheckDuplication(Context& ctx);
void CheckCombinations(Context& ctx);

// Shared text helpers (screen_text.cc).
std::string FormatMg(double mg);         // "3 mg", "4.5 g"
std::string FormatNumber(double value);  // "2", "0.5"
std::string Join(const std::vector<std::string>& parts, std::string_view sep);
std::string SubstanceKey(const Context& ctx, std::vector<kb::SubstanceIndex> subs);
std::vector<std::string> SortedIds(const Context& ctx, std::vector<kb::SubstanceIndex> subs);
void AddRefs(std::vector<std::string>& refs, const std::vector<std::string>& more);
std::string DescribeUse(const Context& ctx, const Use& use);  // "Melatonin (proposed: ...)"
std::string ActionForSeverity(kb::Severity severity);

}  // namespace pineal::safety::screen_internal
