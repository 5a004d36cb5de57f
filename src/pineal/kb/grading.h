// Vocabularies shared by the knowledge base and the safety engine: severity,
// likelihood and evidence are separate axes (standards.md, interaction grading),
// plus dose-band levels, populations and indications.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace pineal::kb {

// Ordered: a larger value is more severe. kMajor and above block a regimen
// until a clinician overrides them.
enum class Severity : std::uint8_t { kInfo, kMinor, kModerate, kMajor, kContraindicated };
enum class Likelihood : std::uint8_t { kUnlikely, kPossible, kProbable, kLikely };
// A: systematic review or RCT; B: controlled clinical or PK study;
// C: label statement, case series, observational; D: theory, in vitro, class effect.
enum class EvidenceLevel : std::uint8_t { kA, kB, kC, kD };
enum class BandLevel : std::uint8_t {
  kPhysiological,
  kStandard,
  kHigh,
  kVeryHigh,
  kOutsideEvidence
};
enum class Population : std::uint8_t {
  kAdult,       // 18-64 y
  kOlderAdult,  // >= 65 y
  kChild,       // < 18 y
  kPregnancy,
  kBreastfeeding,
  kHepaticImpairment,
};
enum class Indication : std::uint8_t {
  kInsomnia,
  kJetLag,
  kShiftWork,
  kDelayedSleepPhase,
  kChronicFatigue,
  kPain,
  kOpioidWithdrawal,
  kResearch,
  // Claimed uses without good evidence (melatonin.md section 6): recognised so
  // that a regimen for them gets the knowledge base's "evidence: none or weak"
  // rule (regimen_rules.yaml, indication_evidence), never a band of their own.
  kSeasonalAffectiveDisorder,
  kCognition,
  kImmuneSupport,
  kArthritis,
  kFibromyalgia,
  kNeuropathicPain,
};

inline constexpr double kAdultAgeYears = 18.0;
inline constexpr double kOlderAdultAgeYears = 65.0;

std::string_view SeverityName(Severity s);  // "contraindicated", "major", ...
std::string_view LikelihoodName(Likelihood l);
std::string_view EvidenceLevelName(EvidenceLevel e);  // "A".."D"
std::string_view BandLevelName(BandLevel b);          // "very_high", ...
std::string_view BandLevelLabel(BandLevel b);         // "very high", ...
std::string_view PopulationName(Population p);
std::string_view IndicationName(Indication i);   // "jet_lag", ...
std::string_view IndicationLabel(Indication i);  // "jet lag", ...

std::optional<Severity> ParseSeverity(std::string_view text);
std::optional<Likelihood> ParseLikelihood(std::string_view text);
std::optional<EvidenceLevel> ParseEvidenceLevel(std::string_view text);
std::optional<BandLevel> ParseBandLevel(std::string_view text);
std::optional<Population> ParsePopulation(std::string_view text);
// Accepts the canonical names and common spellings ("jet lag", "DSPS",
// "opioid-withdrawal support", "high-dose"), case-insensitively.
std::optional<Indication> ParseIndication(std::string_view text);

// The severity a band level implies when the band does not say.
std::optional<Severity> DefaultBandSeverity(BandLevel level);

}  // namespace pineal::kb
