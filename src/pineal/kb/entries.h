// The entries of the safety knowledge base, as loaded from knowledge/*.yaml.
// Plain data; kb::Catalog owns them and adds the indexes the engine uses.
// Every entry keeps where it was defined so lint and browsing can point at it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/core/quantity.h"
#include "pineal/kb/grading.h"

namespace pineal::kb {

struct SourceLocation {
  std::string file;
  int line = 0;  // 1-based; 0 when unknown
};

struct Reference {
  std::string id;  // <firstauthor><year>[_suffix], lower case
  std::string authors;
  int year = 0;  // 0: the document states no year
  std::string title;
  std::string journal;   // journal citation, or
  std::string document;  // a regulator or web document
  std::string pmid;
  std::string doi;
  std::string pmc;
  std::string confidence;  // V, Vs, M
  std::string note;
  SourceLocation where;
};

// A code in a code system. Substances: atc, rxnorm, gsrs, unii (and the local
// urn:pineal:substance); conditions: icd10cm, snomedct.
struct Code {
  std::string system;
  std::string code;
  std::string note;
  std::string display;     // the code's title in its system, as read
  std::string version;     // code-set edition ("FY2026" for ICD-10-CM)
  std::string confidence;  // as for references: V, Vs, M (M always carries a note)
};

struct Formulation {
  std::string id;                  // "ir", "pr"
  std::vector<std::string> names;  // spellings that resolve to it
};

// A product whose strength cannot be trusted: the engine reports
// `rule_id` (kind unknown_potency) instead of applying dose bands.
struct UnknownPotencyRule {
  std::string rule_id;
  bool always = false;  // false: only when no content (mg/g) is recorded
  Severity severity = Severity::kMajor;
  std::string title;
  std::string message;
  std::string action;
  std::vector<std::string> refs;
};

struct Potency {
  std::string content_of;  // "mitragynine"
  std::optional<double> default_content_mg_per_g;
  std::optional<double> content_low_mg_per_g;
  std::optional<double> content_high_mg_per_g;
  std::optional<UnknownPotencyRule> unknown;
  std::vector<std::string> refs;
};

// The largest amount per dose that can be meant: above it a dose is refused
// as an entry error (a unit slip, "900 g"), not screened.
struct PlausibleDose {
  Mass per_dose;
  std::string reason;
  std::vector<std::string> refs;
};

struct Substance {
  std::string id;
  std::string name;
  std::string kind;  // supplement, medicine, botanical, exposure, illicit
  std::vector<std::string> synonyms;
  std::vector<std::string> brands;
  std::vector<std::string> classes;  // direct memberships
  std::vector<Code> codes;           // includes the local urn:pineal:substance code
  std::vector<Formulation> formulations;
  std::string default_formulation;
  std::optional<Potency> potency;
  std::optional<PlausibleDose> plausible_dose;
  std::vector<std::string> refs;
  std::string note;
  SourceLocation where;
};

struct SubstanceClass {
  std::string id;
  std::string name;
  std::string description;
  std::vector<std::string> includes;    // sub-classes whose members belong here too
  std::optional<Severity> duplication;  // two members at once -> dup.class.<id>
  std::vector<std::string> refs;
  SourceLocation where;
};

// The plausible range of a measured observation (a vital sign) in one unit:
// a value outside it is refused as an entry error, never stored. Ranges are
// set wider than any documented living human value, with the source.
struct ObservationRange {
  std::string unit;  // UCUM, as the observation records it
  double min = 0;
  double max = 0;
};
struct ObservationLimit {
  std::string id;
  std::string name;
  std::vector<std::string> codes;  // the codes an observation may carry (and LOINC)
  std::vector<ObservationRange> ranges;
  std::string reason;
  std::vector<std::string> refs;
  std::string note;
  SourceLocation where;
};

struct Condition {
  std::string id;
  std::string name;
  std::vector<std::string> synonyms;
  std::string derived_from;  // "pregnant" / "breastfeeding": set from snapshot flags
  // Broader conditions this one is a kind of: a patient with it also has them
  // for screening (opioid use disorder in remission -> substance use disorder).
  std::vector<std::string> is_a;
  std::vector<Code> codes;  // icd10cm and snomedct
  std::vector<std::string> refs;
  std::string note;
  SourceLocation where;
};

struct Contraindication {
  std::string id;
  std::string subject;    // substance or class id
  std::string condition;  // condition id
  Severity severity = Severity::kModerate;
  EvidenceLevel evidence = EvidenceLevel::kC;
  std::string title;
  std::string message;
  std::string action;
  std::vector<std::string> refs;
  SourceLocation where;
};

struct Interaction {
  std::string id;
  std::string a;  // substance or class id
  std::string b;
  Severity severity = Severity::kModerate;
  Likelihood likelihood = Likelihood::kPossible;
  EvidenceLevel evidence = EvidenceLevel::kC;
  std::string title;
  std::string mechanism;
  std::string consequence;
  std::string action;
  std::vector<std::string> supersedes;  // interaction ids replaced for the same pair
  std::vector<std::string> refs;
  SourceLocation where;
};

struct CombinationSlot {
  std::vector<std::string> any_of;  // substance or class ids
  int min_distinct = 1;
  bool daily = false;  // members must be used at least daily
};

struct CombinationRule {
  std::string id;
  std::vector<CombinationSlot> slots;
  Severity severity = Severity::kMajor;
  Likelihood likelihood = Likelihood::kPossible;
  EvidenceLevel evidence = EvidenceLevel::kC;
  std::string title;
  std::string mechanism;
  std::string consequence;
  std::string action;
  std::vector<std::string> refs;
  SourceLocation where;
};

enum class BandUnit { kMass, kMassPerKg };  // base units mg and mg/kg
enum class DoseBasis { kProduct, kMitragynine };

// One band: the half-open interval (from, to] in base units; no `to` = unbounded.
struct Band {
  double from = 0.0;
  std::optional<double> to;
  std::string from_text;  // as written ("0.5 mg")
  std::string to_text;
  BandLevel level = BandLevel::kStandard;
  std::optional<Severity> severity;  // none: no finding for this band
  std::string note;
  std::vector<std::string> refs;
  SourceLocation where;
  bool parsed = true;  // false when a bound did not parse (already reported)
};

struct BandScale {
  BandUnit unit = BandUnit::kMass;
  std::vector<Band> bands;  // contiguous from 0, last unbounded (checked by lint)
};

struct BandTable {
  std::string id;
  std::string subject;                    // substance or class id
  std::vector<std::string> formulations;  // empty: all
  std::vector<Indication> indications;    // empty: any
  std::vector<Population> populations;
  std::optional<double> age_min_years;  // [min, below)
  std::optional<double> age_below_years;
  DoseBasis basis = DoseBasis::kProduct;
  std::optional<BandScale> per_dose;
  std::optional<BandScale> per_day;
  std::vector<std::string> refs;
  SourceLocation where;

  std::string PerDoseRuleId() const { return id + ".per_dose"; }
  std::string PerDayRuleId() const { return id + ".per_day"; }
};

struct RegimenRule {
  std::string id;
  std::string subject;
  std::vector<std::string> formulations;
  std::vector<Indication> indications;
  std::optional<double> max_doses_per_day;
  // Regular use: fires when the average doses per day reach this (1 = daily).
  std::optional<double> regular_use_doses_per_day;
  std::optional<int> max_course_days;
  // `indication_evidence: none_or_weak`: fires whenever the rule applies (its
  // subject, formulations and indications), naming the review that found no
  // or weak evidence for that use. Never blocks (minor or moderate).
  bool indication_evidence_weak = false;
  Severity severity = Severity::kModerate;
  std::string title;
  std::string message;
  std::string action;
  std::vector<std::string> refs;
  SourceLocation where;
};

// Everything the loader read, before indexing.
struct CatalogData {
  std::vector<Reference> references;
  std::vector<Substance> substances;
  std::vector<SubstanceClass> classes;
  std::vector<Condition> conditions;
  std::vector<Contraindication> contraindications;
  std::vector<Interaction> interactions;
  std::vector<CombinationRule> combinations;
  std::vector<BandTable> band_tables;
  std::vector<RegimenRule> regimen_rules;
  std::vector<ObservationLimit> observation_limits;
};

}  // namespace pineal::kb
