#include "pineal/records/enums.h"

#include <array>
#include <utility>

namespace pineal::records {
namespace {

template <typename E, size_t N>
using Table = std::array<std::pair<E, std::string_view>, N>;

constexpr Table<Sex, 4> kSex{{{Sex::kFemale, "female"},
                              {Sex::kMale, "male"},
                              {Sex::kOther, "other"},
                              {Sex::kUnknown, "unknown"}}};
constexpr Table<PregnancyStatus, 4> kPregnancy{
    {{PregnancyStatus::kNotPregnant, "not_pregnant"},
     {PregnancyStatus::kPregnant, "pregnant"},
     {PregnancyStatus::kUnknown, "unknown"},
     {PregnancyStatus::kNotApplicable, "not_applicable"}}};
constexpr Table<MedicationCategory, 3> kCategory{{{MedicationCategory::kMedicine, "medicine"},
                                                  {MedicationCategory::kSupplement, "supplement"},
                                                  {MedicationCategory::kTherapy, "therapy"}}};
constexpr Table<MedicationSource, 2> kSource{{{MedicationSource::kPrescribed, "prescribed"},
                                              {MedicationSource::kSelfReported, "self_reported"}}};
constexpr Table<RegimenStatus, 3> kRegimenStatus{{{RegimenStatus::kActive, "active"},
                                                  {RegimenStatus::kStopped, "stopped"},
                                                  {RegimenStatus::kPending, "pending"}}};
constexpr Table<Frequency, 4> kFrequency{{{Frequency::kDaily, "daily"},
                                          {Frequency::kEveryOtherDay, "every_other_day"},
                                          {Frequency::kWeekly, "weekly"},
                                          {Frequency::kAsNeeded, "as_needed"}}};
constexpr Table<DoseStatus, 4> kDoseStatus{{{DoseStatus::kTaken, "taken"},
                                            {DoseStatus::kSkipped, "skipped"},
                                            {DoseStatus::kExtra, "extra"},
                                            {DoseStatus::kEnteredInError, "entered_in_error"}}};
constexpr Table<ObservationKind, 7> kObservationKind{{{ObservationKind::kInstrument, "instrument"},
                                                      {ObservationKind::kSleepDiary, "sleep_diary"},
                                                      {ObservationKind::kSideEffect, "side_effect"},
                                                      {ObservationKind::kVital, "vital"},
                                                      {ObservationKind::kLab, "lab"},
                                                      {ObservationKind::kSymptom, "symptom"},
                                                      {ObservationKind::kNote, "note"}}};

template <typename E, size_t N>
std::string_view Name(const Table<E, N>& table, E v) {
  for (const auto& [value, name] : table) {
    if (value == v) return name;
  }
  return "unknown";
}

template <typename E, size_t N>
std::optional<E> Parse(const Table<E, N>& table, std::string_view name) {
  for (const auto& [value, n] : table) {
    if (n == name) return value;
  }
  return std::nullopt;
}

}  // namespace

std::string_view ToString(Sex v) { return Name(kSex, v); }
std::string_view ToString(PregnancyStatus v) { return Name(kPregnancy, v); }
std::string_view ToString(MedicationCategory v) { return Name(kCategory, v); }
std::string_view ToString(MedicationSource v) { return Name(kSource, v); }
std::string_view ToString(RegimenStatus v) { return Name(kRegimenStatus, v); }
std::string_view ToString(Frequency v) { return Name(kFrequency, v); }
std::string_view ToString(DoseStatus v) { return Name(kDoseStatus, v); }
std::string_view ToString(ObservationKind v) { return Name(kObservationKind, v); }

#define PINEAL_ENUM_NAMES(E, table, allowed)              \
  template <>                                             \
  std::optional<E> FromString<E>(std::string_view name) { \
    return Parse(table, name);                            \
  }                                                       \
  template <>                                             \
  std::string_view AllowedNames<E>() {                    \
    return allowed;                                       \
  }

PINEAL_ENUM_NAMES(Sex, kSex, "female, male, other, unknown")
PINEAL_ENUM_NAMES(PregnancyStatus, kPregnancy, "not_pregnant, pregnant, unknown, not_applicable")
PINEAL_ENUM_NAMES(MedicationCategory, kCategory, "medicine, supplement, therapy")
PINEAL_ENUM_NAMES(MedicationSource, kSource, "prescribed, self_reported")
PINEAL_ENUM_NAMES(RegimenStatus, kRegimenStatus, "active, stopped")
PINEAL_ENUM_NAMES(Frequency, kFrequency, "daily, every_other_day, weekly, as_needed")
PINEAL_ENUM_NAMES(DoseStatus, kDoseStatus, "taken, skipped, extra, entered_in_error")
PINEAL_ENUM_NAMES(ObservationKind, kObservationKind,
                  "instrument, sleep_diary, side_effect, vital, lab, symptom, note")

#undef PINEAL_ENUM_NAMES

}  // namespace pineal::records
