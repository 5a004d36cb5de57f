// kb::Catalog: the validated, immutable safety knowledge base with the indexes
// the screening engine needs (name lookup, class closure, pairwise interaction
// table). Build it once (LoadCatalog in catalog_loader.h), share it read-only:
// all const member functions are safe to call from many threads.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "pineal/core/result.h"
#include "pineal/kb/entries.h"
#include "pineal/kb/lint_report.h"
#include "pineal/kb/name_match.h"

namespace pineal::kb {

using SubstanceIndex = std::uint16_t;
using ClassIndex = std::uint16_t;
using ConditionIndex = std::uint16_t;

inline constexpr std::string_view kLocalSubstanceSystem = "urn:pineal:substance";
// Condition code systems (FHIR: http://hl7.org/fhir/sid/icd-10-cm, http://snomed.info/sct).
inline constexpr std::string_view kIcd10CmSystem = "icd10cm";
inline constexpr std::string_view kSnomedCtSystem = "snomedct";

// A catalogue entry a recorded name resolved to.
struct MatchedEntry {
  std::string id;
  std::string name;
  std::vector<Code> codes;
};

// What the catalogue makes of a name as recorded: the entry it resolves to,
// or nothing and the closest entries (name_match.h). Free text that matches
// nothing stays free text; it is never read as a known, safe entry.
struct NameMatch {
  std::string text;
  std::optional<MatchedEntry> matched;
  std::vector<Suggestion> suggestions;  // only when nothing matched
};

class Catalog {
 public:
  // Validates `data` (the same checks as `pineal kb lint`) and indexes it.
  // Fails with InvalidArgument listing every error; `report`, if given,
  // receives all issues including warnings.
  static Result<Catalog> Build(CatalogData data, LintReport* report = nullptr);

  // ---- lookup by name or id (case-insensitive names, synonyms, brands)
  // Resolves "Fluvoxamine", "Luvox", "fluvoxamine 50 mg" (trailing words dropped).
  std::optional<SubstanceIndex> ResolveSubstance(std::string_view name) const;
  std::optional<SubstanceIndex> SubstanceIndexOf(std::string_view id) const;
  std::optional<ClassIndex> ClassIndexOf(std::string_view id) const;
  std::optional<ConditionIndex> ResolveCondition(std::string_view name) const;
  std::optional<ConditionIndex> ConditionIndexOf(std::string_view id) const;
  const Reference* FindReference(std::string_view id) const;
  // The closest entries to a name that resolves to none (at most `limit`).
  std::vector<Suggestion> SuggestSubstances(std::string_view name,
                                            std::size_t limit = kMaxSuggestions) const;
  std::vector<Suggestion> SuggestConditions(std::string_view name,
                                            std::size_t limit = kMaxSuggestions) const;
  // Resolution with the matched entry's codes, or the suggestions.
  NameMatch MatchSubstance(std::string_view name) const;
  NameMatch MatchCondition(std::string_view name) const;
  // The condition and every condition it is a kind of (`is_a`, transitively); sorted.
  std::span<const ConditionIndex> ConditionAndBroader(ConditionIndex c) const {
    return condition_closure_[c];
  }
  // A formulation id of the substance for a spelling ("prolonged release" -> "pr");
  // empty text gives the default formulation.
  std::optional<std::string> ResolveFormulation(SubstanceIndex s, std::string_view text) const;

  // ---- the entries
  const std::vector<Reference>& references() const { return data_.references; }
  const std::vector<Substance>& substances() const { return data_.substances; }
  const std::vector<SubstanceClass>& classes() const { return data_.classes; }
  const std::vector<Condition>& conditions() const { return data_.conditions; }
  const std::vector<Contraindication>& contraindications() const { return data_.contraindications; }
  const std::vector<Interaction>& interactions() const { return data_.interactions; }
  const std::vector<CombinationRule>& combinations() const { return data_.combinations; }
  const std::vector<BandTable>& band_tables() const { return data_.band_tables; }
  const std::vector<RegimenRule>& regimen_rules() const { return data_.regimen_rules; }
  const std::vector<ObservationLimit>& observation_limits() const {
    return data_.observation_limits;
  }
  // The plausible range for an observation code (case-insensitive), or null.
  const ObservationLimit* ObservationLimitFor(std::string_view code) const;
  const Substance& substance(SubstanceIndex s) const { return data_.substances[s]; }
  const SubstanceClass& substance_class(ClassIndex c) const { return data_.classes[c]; }
  const Condition& condition(ConditionIndex c) const { return data_.conditions[c]; }

  // ---- relations (precomputed)
  // Every class the substance belongs to, directly or through `includes`; sorted.
  std::span<const ClassIndex> ClassesOf(SubstanceIndex s) const;
  bool IsMember(SubstanceIndex s, ClassIndex c) const;
  // Does the substance match `subject_id` (its own id or one of its classes)?
  bool Matches(SubstanceIndex s, std::string_view subject_id) const;
  // Substances in the class (transitively), in catalog order.
  std::vector<SubstanceIndex> MembersOf(ClassIndex c) const;
  // Interactions (indexes into interactions()) that apply to the unordered pair,
  // after `supersedes` is applied. Constant time.
  std::span<const std::uint32_t> InteractionsBetween(SubstanceIndex a, SubstanceIndex b) const;
  // Indexes into contraindications() / band_tables() / regimen_rules() whose
  // subject matches the substance.
  std::span<const std::uint32_t> ContraindicationsFor(SubstanceIndex s) const;
  std::span<const std::uint32_t> BandTablesFor(SubstanceIndex s) const;
  std::span<const std::uint32_t> RegimenRulesFor(SubstanceIndex s) const;
  // Does substance `s` match side `a` of interaction `k`? (to name it first)
  bool MatchesSideA(std::uint32_t k, SubstanceIndex s) const { return interaction_a_[k][s] != 0; }
  // The condition of contraindication `k`.
  ConditionIndex ContraindicationCondition(std::uint32_t k) const {
    return contraindication_condition_[k];
  }
  // Does substance `s` fill slot `slot` of combination rule `rule`?
  bool SlotMatches(std::size_t rule, std::size_t slot, SubstanceIndex s) const;

  // ---- browsing
  // Interactions and contraindications that can involve the substance.
  std::vector<const Interaction*> InteractionsInvolving(SubstanceIndex s) const;
  std::vector<const CombinationRule*> CombinationsInvolving(SubstanceIndex s) const;
  // Every rule id the catalog can report: interactions, contraindications,
  // combinations, band tables (<id>.per_dose / <id>.per_day), regimen rules,
  // potency rules and class duplication rules (dup.class.<id>). Sorted.
  std::vector<std::string> RuleIds() const;

  std::size_t substance_count() const { return data_.substances.size(); }

 private:
  Catalog() = default;
  void Index();

  CatalogData data_;
  std::unordered_map<std::string, SubstanceIndex> substance_names_;  // normalised
  std::unordered_map<std::string, SubstanceIndex> substance_ids_;
  std::unordered_map<std::string, ClassIndex> class_ids_;
  std::unordered_map<std::string, ConditionIndex> condition_names_;
  std::unordered_map<std::string, ConditionIndex> condition_ids_;
  std::unordered_map<std::string, std::uint32_t> reference_ids_;
  std::vector<std::vector<ClassIndex>> class_closure_;  // per substance, sorted
  std::vector<std::uint64_t> class_bits_;               // per substance, class_words_ words
  std::size_t class_words_ = 0;
  std::vector<std::uint32_t> pair_offsets_;  // n*n+1 offsets into pair_items_
  std::vector<std::uint32_t> pair_items_;
  std::vector<std::vector<std::uint32_t>> contraindications_by_substance_;
  std::vector<std::vector<std::uint32_t>> bands_by_substance_;
  std::vector<std::vector<std::uint32_t>> regimen_rules_by_substance_;
  std::vector<std::vector<std::vector<std::uint8_t>>> slot_matches_;  // rule, slot, substance
  std::vector<std::vector<std::uint8_t>> interaction_a_;              // interaction, substance
  std::vector<ConditionIndex> contraindication_condition_;
  std::vector<std::vector<ConditionIndex>> condition_closure_;  // per condition, sorted
  std::vector<NamedEntry> substance_entries_;                   // for suggestions
  std::vector<NamedEntry> condition_entries_;
};

}  // namespace pineal::kb
