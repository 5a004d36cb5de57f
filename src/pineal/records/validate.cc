// Field-level validation of records. Checks that need the current time (a
// birth date in the future) live in app/, which owns the clock.
#include <algorithm>
#include <cmath>
#include <string>

#include "pineal/records/dose_event.h"
#include "pineal/records/medication.h"
#include "pineal/records/observation.h"
#include "pineal/records/patient.h"
#include "pineal/records/regimen.h"
#include "pineal/records/text_checks.h"

namespace pineal::records {
namespace {

constexpr size_t kNameMax = 200;
constexpr size_t kNoteMax = 10000;
constexpr size_t kCodeMax = 100;
constexpr size_t kMaxConditions = 50;
constexpr size_t kMaxTimesPerDay = 12;
constexpr size_t kMaxTitrationSteps = 52;
constexpr double kMinWeightKg = 0.3;
constexpr double kMaxWeightKg = 400.0;
// A single administration above 1 kg of anything is a typing error, not a dose.
constexpr double kMaxDoseMg = 1.0e6;

Status CheckDose(const Mass& dose, const std::string& field, bool allow_zero) {
  if (dose.base() < 0 || (!allow_zero && dose.base() == 0)) {
    return Status::InvalidArgument(
        allow_zero ? "must not be negative" : "must be greater than zero", field);
  }
  if (dose.base() > kMaxDoseMg) {
    return Status::InvalidArgument(
        "'" + dose.ToString() + "' is not a plausible single dose (at most 1000 g)", field);
  }
  return Status::Ok();
}

}  // namespace

Status ValidatePatient(const Patient& p) {
  PINEAL_RETURN_IF_ERROR(CheckRequiredText(p.display_name, "display_name", kNameMax));
  if (p.birth_date && static_cast<int>(p.birth_date->year()) < 1890) {
    return Status::InvalidArgument("must be after 1890", "birth_date");
  }
  if (p.weight) {
    double kg = p.weight->weight.base();
    if (kg < kMinWeightKg || kg > kMaxWeightKg) {
      return Status::InvalidArgument(
          "'" + p.weight->weight.ToString() + "' is outside the plausible range 0.3-400 kg",
          "weight.value");
    }
  }
  if (p.pregnancy == PregnancyStatus::kPregnant && p.sex == Sex::kMale) {
    return Status::InvalidArgument("cannot be 'pregnant' when sex is 'male'", "pregnancy");
  }
  if (p.conditions.size() > kMaxConditions) {
    return Status::InvalidArgument("has more than 50 entries", "conditions");
  }
  for (size_t i = 0; i < p.conditions.size(); ++i) {
    PINEAL_RETURN_IF_ERROR(
        CheckRequiredText(p.conditions[i], "conditions[" + std::to_string(i) + "]", kCodeMax));
  }
  PINEAL_RETURN_IF_ERROR(ValidateTimeZone(p.time_zone).WithFieldPrefix("time_zone"));
  return CheckOptionalText(p.notes, "notes", kNoteMax);
}

Status ValidateMedication(const MedicationEntry& m) {
  PINEAL_RETURN_IF_ERROR(CheckRequiredText(m.name, "name", kNameMax));
  PINEAL_RETURN_IF_ERROR(CheckOptionalText(m.code_system, "code_system", kNameMax));
  PINEAL_RETURN_IF_ERROR(CheckOptionalText(m.code, "code", kCodeMax));
  if (!m.code.empty() && m.code_system.empty()) {
    return Status::InvalidArgument("is required when a code is given", "code_system");
  }
  if (m.dose) PINEAL_RETURN_IF_ERROR(CheckDose(*m.dose, "dose", /*allow_zero=*/false));
  PINEAL_RETURN_IF_ERROR(CheckOptionalText(m.schedule, "schedule", kNameMax));
  if (m.start_date && m.stop_date && *m.stop_date < *m.start_date) {
    return Status::InvalidArgument("is before start_date", "stop_date");
  }
  return CheckOptionalText(m.note, "note", kNoteMax);
}

bool IsCurrentOn(const MedicationEntry& m, LocalDate day) {
  if (m.start_date && day < *m.start_date) return false;
  return !m.stop_date || day <= *m.stop_date;
}

double AverageDosesPerDay(const RegimenVersion& v) {
  const double per_dosing_day = std::max<double>(1.0, static_cast<double>(v.times_of_day.size()));
  switch (v.frequency) {
    case Frequency::kDaily: return per_dosing_day;
    case Frequency::kEveryOtherDay: return per_dosing_day / 2;
    case Frequency::kWeekly: return per_dosing_day / 7;
    case Frequency::kAsNeeded: return per_dosing_day;
  }
  return per_dosing_day;
}

Status ValidateSubstanceName(const std::string& substance) {
  return CheckRequiredText(substance, "substance", kNameMax);
}

Status ValidateRegimenVersion(const RegimenVersion& v) {
  PINEAL_RETURN_IF_ERROR(CheckRequiredText(v.formulation, "formulation", kCodeMax));
  PINEAL_RETURN_IF_ERROR(CheckDose(v.dose, "dose", /*allow_zero=*/false));
  if (v.frequency != Frequency::kAsNeeded && v.times_of_day.empty()) {
    return Status::InvalidArgument("needs at least one time unless frequency is as_needed",
                                   "times_of_day");
  }
  if (v.times_of_day.size() > kMaxTimesPerDay) {
    return Status::InvalidArgument("has more than 12 times per day", "times_of_day");
  }
  for (size_t i = 1; i < v.times_of_day.size(); ++i) {
    if (v.times_of_day[i] <= v.times_of_day[i - 1]) {
      return Status::InvalidArgument("must be in increasing order without repeats",
                                     "times_of_day[" + std::to_string(i) + "]");
    }
  }
  if (v.end_date && *v.end_date < v.start_date) {
    return Status::InvalidArgument("is before start_date", "end_date");
  }
  if (v.titration.size() > kMaxTitrationSteps) {
    return Status::InvalidArgument("has more than 52 steps", "titration");
  }
  int previous_day = 0;
  for (size_t i = 0; i < v.titration.size(); ++i) {
    const std::string field = "titration[" + std::to_string(i) + "]";
    const TitrationStep& step = v.titration[i];
    if (step.after_days <= previous_day) {
      return Status::InvalidArgument(
          "must be greater than the previous step's (" + std::to_string(previous_day) + ")",
          field + ".after_days");
    }
    previous_day = step.after_days;
    PINEAL_RETURN_IF_ERROR(CheckDose(step.dose, field + ".dose", /*allow_zero=*/true));
  }
  if (v.content_mg_per_g && (*v.content_mg_per_g <= 0 || *v.content_mg_per_g > 1000)) {
    return Status::InvalidArgument("must be between 0 and 1000 mg/g", "content_mg_per_g");
  }
  PINEAL_RETURN_IF_ERROR(CheckOptionalText(v.indication, "indication", kNameMax));
  return CheckOptionalText(v.reason, "reason", kNoteMax);
}

Status ValidateDoseEvent(const DoseEvent& e) {
  PINEAL_RETURN_IF_ERROR(CheckRequiredText(e.substance, "substance", kNameMax));
  switch (e.status) {
    case DoseStatus::kTaken:
    case DoseStatus::kExtra:
      if (!e.taken_at)
        return Status::InvalidArgument("is required for a dose that was taken", "taken_at");
      if (!e.amount)
        return Status::InvalidArgument("is required for a dose that was taken", "amount");
      PINEAL_RETURN_IF_ERROR(CheckDose(*e.amount, "amount", /*allow_zero=*/false));
      break;
    case DoseStatus::kSkipped:
      if (!e.planned_at)
        return Status::InvalidArgument("is required for a skipped dose", "planned_at");
      if (e.taken_at)
        return Status::InvalidArgument("must be empty for a skipped dose", "taken_at");
      if (e.amount) return Status::InvalidArgument("must be empty for a skipped dose", "amount");
      break;
    case DoseStatus::kEnteredInError:
      if (!e.corrects) {
        return Status::InvalidArgument("is required: entered_in_error withdraws the entry it names",
                                       "corrects");
      }
      if (e.taken_at) {
        return Status::InvalidArgument("must be empty when an entry is withdrawn", "taken_at");
      }
      if (!e.planned_at) {
        return Status::InvalidArgument("is required: the time the withdrawn entry was filed under",
                                       "planned_at");
      }
      if (e.amount) {
        return Status::InvalidArgument("must be empty when an entry is withdrawn", "amount");
      }
      break;
  }
  if (e.status == DoseStatus::kExtra && e.planned_at) {
    return Status::InvalidArgument("must be empty for an extra (unplanned) dose", "planned_at");
  }
  return CheckOptionalText(e.note, "note", kNoteMax);
}

Status ValidateObservation(const Observation& o) {
  if (o.kind != ObservationKind::kNote) {
    PINEAL_RETURN_IF_ERROR(CheckRequiredText(o.code, "code", kCodeMax));
  } else {
    PINEAL_RETURN_IF_ERROR(CheckOptionalText(o.code, "code", kCodeMax));
  }
  PINEAL_RETURN_IF_ERROR(CheckOptionalText(o.unit, "unit", 32));
  PINEAL_RETURN_IF_ERROR(CheckOptionalText(o.text, "text", kNoteMax));
  if (!o.value && o.text.empty()) {
    return Status::InvalidArgument("an observation needs a value or a text", "value");
  }
  if (o.value && (o.kind == ObservationKind::kVital || o.kind == ObservationKind::kLab) &&
      o.unit.empty()) {
    return Status::InvalidArgument(
        "is required for a measured value (a UCUM unit such as /min or mg/dL)", "unit");
  }
  PINEAL_RETURN_IF_ERROR(CheckOptionalText(o.interpretation, "interpretation", kCodeMax));
  if (o.components.size() > 200) {
    return Status::InvalidArgument("at most 200 components", "components");
  }
  for (std::size_t i = 0; i < o.components.size(); ++i) {
    const auto& c = o.components[i];
    const std::string at = "components[" + std::to_string(i) + "]";
    PINEAL_RETURN_IF_ERROR(CheckRequiredText(c.code, "code", kCodeMax).WithFieldPrefix(at));
    PINEAL_RETURN_IF_ERROR(CheckOptionalText(c.text, "text", kNoteMax).WithFieldPrefix(at));
    if (c.value && !std::isfinite(*c.value)) {
      return Status::InvalidArgument("must be a finite number", at + ".value");
    }
    if (!c.value && c.text.empty()) {
      return Status::InvalidArgument("a component needs a value or a text", at + ".value");
    }
  }
  if (o.kind == ObservationKind::kInstrument && !o.value) {
    return Status::InvalidArgument("an instrument observation needs its score", "value");
  }
  if (o.kind == ObservationKind::kSideEffect && o.value &&
      (*o.value < 1 || *o.value > 5 || *o.value != static_cast<int>(*o.value))) {
    return Status::InvalidArgument("a side-effect grade is a whole number from 1 to 5", "value");
  }
  return Status::Ok();
}

}  // namespace pineal::records
