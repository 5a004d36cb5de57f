#include "pineal/kb/grading.h"

#include <array>
#include <string>
#include <utility>

#include "pineal/kb/names.h"

namespace pineal::kb {
namespace {

template <typename E, std::size_t N>
std::optional<E> Lookup(const std::array<std::pair<std::string_view, E>, N>& table,
                        std::string_view text) {
  const std::string key = NormalizeName(text);
  for (const auto& [name, value] : table) {
    if (key == name) return value;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<std::string_view, Severity>, 5> kSeverities{{
    {"info", Severity::kInfo},
    {"minor", Severity::kMinor},
    {"moderate", Severity::kModerate},
    {"major", Severity::kMajor},
    {"contraindicated", Severity::kContraindicated},
}};
constexpr std::array<std::pair<std::string_view, Likelihood>, 4> kLikelihoods{{
    {"unlikely", Likelihood::kUnlikely},
    {"possible", Likelihood::kPossible},
    {"probable", Likelihood::kProbable},
    {"likely", Likelihood::kLikely},
}};
constexpr std::array<std::pair<std::string_view, EvidenceLevel>, 4> kEvidence{{
    {"a", EvidenceLevel::kA},
    {"b", EvidenceLevel::kB},
    {"c", EvidenceLevel::kC},
    {"d", EvidenceLevel::kD},
}};
constexpr std::array<std::pair<std::string_view, BandLevel>, 5> kBandLevels{{
    {"physiological", BandLevel::kPhysiological},
    {"standard", BandLevel::kStandard},
    {"high", BandLevel::kHigh},
    {"very_high", BandLevel::kVeryHigh},
    {"outside_evidence", BandLevel::kOutsideEvidence},
}};
constexpr std::array<std::pair<std::string_view, Population>, 6> kPopulations{{
    {"adult", Population::kAdult},
    {"older_adult", Population::kOlderAdult},
    {"child", Population::kChild},
    {"pregnancy", Population::kPregnancy},
    {"breastfeeding", Population::kBreastfeeding},
    {"hepatic_impairment", Population::kHepaticImpairment},
}};
constexpr std::array<std::pair<std::string_view, Indication>, 49> kIndications{{
    {"insomnia", Indication::kInsomnia},
    {"sleep onset insomnia", Indication::kInsomnia},
    {"jet_lag", Indication::kJetLag},
    {"jet lag", Indication::kJetLag},
    {"jet-lag", Indication::kJetLag},
    {"shift_work", Indication::kShiftWork},
    {"shift work", Indication::kShiftWork},
    {"night work", Indication::kShiftWork},
    {"delayed_sleep_phase", Indication::kDelayedSleepPhase},
    {"delayed sleep phase", Indication::kDelayedSleepPhase},
    {"delayed sleep-wake phase", Indication::kDelayedSleepPhase},
    {"dsps", Indication::kDelayedSleepPhase},
    {"dspd", Indication::kDelayedSleepPhase},
    {"chronic_fatigue", Indication::kChronicFatigue},
    {"chronic fatigue", Indication::kChronicFatigue},
    {"chronic fatigue syndrome", Indication::kChronicFatigue},
    {"cfs", Indication::kChronicFatigue},
    {"me/cfs", Indication::kChronicFatigue},
    {"myalgic encephalomyelitis", Indication::kChronicFatigue},
    {"pain", Indication::kPain},
    {"chronic pain", Indication::kPain},
    {"opioid_withdrawal", Indication::kOpioidWithdrawal},
    {"opioid withdrawal", Indication::kOpioidWithdrawal},
    {"opioid-withdrawal support", Indication::kOpioidWithdrawal},
    {"opioid withdrawal support", Indication::kOpioidWithdrawal},
    {"research", Indication::kResearch},
    {"high-dose", Indication::kResearch},
    {"high dose", Indication::kResearch},
    {"research/high-dose", Indication::kResearch},
    {"seasonal_affective_disorder", Indication::kSeasonalAffectiveDisorder},
    {"seasonal affective disorder", Indication::kSeasonalAffectiveDisorder},
    {"sad", Indication::kSeasonalAffectiveDisorder},
    {"winter depression", Indication::kSeasonalAffectiveDisorder},
    {"cognition", Indication::kCognition},
    {"cognitive impairment", Indication::kCognition},
    {"cognitive decline", Indication::kCognition},
    {"dementia", Indication::kCognition},
    {"memory", Indication::kCognition},
    {"immune_support", Indication::kImmuneSupport},
    {"immune support", Indication::kImmuneSupport},
    {"immunity", Indication::kImmuneSupport},
    {"inflammation", Indication::kImmuneSupport},
    {"arthritis", Indication::kArthritis},
    {"rheumatoid arthritis", Indication::kArthritis},
    {"fibromyalgia", Indication::kFibromyalgia},
    {"neuropathic_pain", Indication::kNeuropathicPain},
    {"neuropathic pain", Indication::kNeuropathicPain},
    {"nerve pain", Indication::kNeuropathicPain},
    {"neuropathy", Indication::kNeuropathicPain},
}};

template <typename E, std::size_t N>
std::string_view NameOf(const std::array<std::pair<std::string_view, E>, N>& table, E value) {
  for (const auto& [name, v] : table) {
    if (v == value) return name;
  }
  return "?";
}

}  // namespace

std::string_view SeverityName(Severity s) { return NameOf(kSeverities, s); }
std::string_view LikelihoodName(Likelihood l) { return NameOf(kLikelihoods, l); }
std::string_view EvidenceLevelName(EvidenceLevel e) {
  switch (e) {
    case EvidenceLevel::kA: return "A";
    case EvidenceLevel::kB: return "B";
    case EvidenceLevel::kC: return "C";
    case EvidenceLevel::kD: return "D";
  }
  return "?";
}
std::string_view BandLevelName(BandLevel b) { return NameOf(kBandLevels, b); }
std::string_view BandLevelLabel(BandLevel b) {
  switch (b) {
    case BandLevel::kPhysiological: return "physiological";
    case BandLevel::kStandard: return "standard";
    case BandLevel::kHigh: return "high";
    case BandLevel::kVeryHigh: return "very high";
    case BandLevel::kOutsideEvidence: return "outside all evidence";
  }
  return "?";
}
std::string_view PopulationName(Population p) { return NameOf(kPopulations, p); }
std::string_view IndicationName(Indication i) { return NameOf(kIndications, i); }
std::string_view IndicationLabel(Indication i) {
  switch (i) {
    case Indication::kInsomnia: return "insomnia";
    case Indication::kJetLag: return "jet lag";
    case Indication::kShiftWork: return "shift work";
    case Indication::kDelayedSleepPhase: return "delayed sleep phase";
    case Indication::kChronicFatigue: return "chronic fatigue";
    case Indication::kPain: return "pain";
    case Indication::kOpioidWithdrawal: return "opioid-withdrawal support";
    case Indication::kResearch: return "research / high dose";
    case Indication::kSeasonalAffectiveDisorder: return "seasonal affective disorder";
    case Indication::kCognition: return "cognition or dementia";
    case Indication::kImmuneSupport: return "immune support or inflammation";
    case Indication::kArthritis: return "arthritis";
    case Indication::kFibromyalgia: return "fibromyalgia";
    case Indication::kNeuropathicPain: return "neuropathic pain";
  }
  return "?";
}

std::optional<Severity> ParseSeverity(std::string_view text) { return Lookup(kSeverities, text); }
std::optional<Likelihood> ParseLikelihood(std::string_view text) {
  return Lookup(kLikelihoods, text);
}
std::optional<EvidenceLevel> ParseEvidenceLevel(std::string_view text) {
  return Lookup(kEvidence, text);
}
std::optional<BandLevel> ParseBandLevel(std::string_view text) { return Lookup(kBandLevels, text); }
std::optional<Population> ParsePopulation(std::string_view text) {
  return Lookup(kPopulations, text);
}
std::optional<Indication> ParseIndication(std::string_view text) {
  return Lookup(kIndications, text);
}

std::optional<Severity> DefaultBandSeverity(BandLevel level) {
  switch (level) {
    case BandLevel::kPhysiological:
    case BandLevel::kStandard: return std::nullopt;
    case BandLevel::kHigh: return Severity::kMinor;
    case BandLevel::kVeryHigh: return Severity::kMajor;
    case BandLevel::kOutsideEvidence: return Severity::kContraindicated;
  }
  return std::nullopt;
}

}  // namespace pineal::kb
