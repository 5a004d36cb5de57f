#include "pineal/app/screening.h"

#include <fmt/format.h>

#include <algorithm>

#include "pineal/core/text.h"
#include "pineal/kb/grading.h"
#include "pineal/safety/screen.h"

namespace pineal::app {
namespace {

safety::EntryKind KindOf(records::MedicationCategory c) {
  switch (c) {
    case records::MedicationCategory::kMedicine: return safety::EntryKind::kMedicine;
    case records::MedicationCategory::kSupplement: return safety::EntryKind::kSupplement;
    case records::MedicationCategory::kTherapy: return safety::EntryKind::kTherapy;
  }
  return safety::EntryKind::kMedicine;
}

}  // namespace

safety::PatientSnapshot SnapshotOf(const records::Patient& p,
                                   const std::vector<records::MedicationEntry>& medications,
                                   const std::vector<records::Regimen>& other_regimens,
                                   const std::vector<records::DoseEvent>& recent_doses,
                                   LocalDate today) {
  safety::PatientSnapshot s;
  if (p.birth_date) s.age_years = AgeInYears(*p.birth_date, today);
  if (p.weight) s.weight_kg = p.weight->weight.base();
  s.sex = p.sex;
  s.pregnant = p.pregnancy == records::PregnancyStatus::kPregnant;
  s.pregnancy_unknown = p.pregnancy == records::PregnancyStatus::kUnknown;
  s.breastfeeding = p.breastfeeding;
  s.conditions = p.conditions;
  s.smoker = p.smoker;
  for (const auto& m : medications) {
    if (!records::IsCurrentOn(m, today)) continue;
    safety::MedicationEntry entry;
    entry.name = m.name;
    entry.dose = m.dose;
    entry.frequency = m.schedule;  // as the clinician wrote it: "daily", "bid", ...
    entry.kind = KindOf(m.category);
    s.medications.push_back(std::move(entry));
  }
  // The other active regimens are things the patient takes, with typed
  // amounts: the engine reads the dose and the doses per day as they are.
  for (const auto& r : other_regimens) {
    const auto& v = r.current();
    if (v.status != records::RegimenStatus::kActive) continue;
    safety::MedicationEntry entry;
    entry.name = r.substance;
    entry.dose = v.dose;
    entry.doses_per_day = records::AverageDosesPerDay(v);
    entry.frequency = fmt::format("{:g}/day", *entry.doses_per_day);  // the label only
    entry.kind = safety::EntryKind::kMedicine;
    s.medications.push_back(std::move(entry));
  }
  for (const auto& e : recent_doses) {
    if (e.status == records::DoseStatus::kSkipped || !e.taken_at) continue;
    s.recent_doses.push_back({e.substance, e.amount, *e.taken_at});
  }
  return s;
}

safety::ProposedRegimen ProposalOf(const std::string& substance, const records::RegimenVersion& v) {
  safety::ProposedRegimen r;
  // A draft has no version number yet.
  r.label = v.version > 0 ? substance + " (version " + std::to_string(v.version) + ")" : substance;
  r.substance = substance;
  r.formulation = v.formulation;
  r.dose = v.dose;
  for (const auto& step : v.titration) r.dose = std::max(r.dose, step.dose);
  r.doses_per_day = records::AverageDosesPerDay(v);
  r.indication = v.indication;
  r.content_mg_per_g = v.content_mg_per_g;
  if (v.end_date) {
    r.duration_days = static_cast<int>(
        (std::chrono::sys_days(*v.end_date) - std::chrono::sys_days(v.start_date)).count() + 1);
  }
  return r;
}

std::string OverrideDetail(const records::RegimenVersion& v) {
  std::string out;
  for (const auto& o : v.overrides) {
    out += (out.empty() ? "overrides: " : "; ") + o.finding_key + " (" + o.reason + ")";
  }
  if (v.status == records::RegimenStatus::kPending) {
    out += "; pending: a hard stop was overridden and needs a second clinician's co-signature";
  }
  return out;
}

std::vector<records::RecordedFinding> RecordFindings(const std::vector<safety::Finding>& findings) {
  std::vector<records::RecordedFinding> out;
  for (const auto& f : findings) {
    out.push_back({f.rule_id, f.key, std::string(safety::FindingKindName(f.kind)),
                   std::string(kb::SeverityName(f.severity)), f.blocking(), f.title, f.message,
                   f.mechanism, f.action, f.refs});
  }
  return out;
}

Result<std::vector<safety::Finding>> ScreenStandalone(
    const kb::Catalog& catalog, const safety::PatientSnapshot& patient,
    const std::vector<safety::ProposedRegimen>& regimens, const Clock& clock,
    const std::string& list_name) {
  PINEAL_RETURN_IF_ERROR(CheckPlausibleProposals(catalog, regimens, list_name));
  return safety::Screen(catalog, patient, regimens, clock.Now());
}

Status CheckPlausibleProposals(const kb::Catalog& catalog,
                               const std::vector<safety::ProposedRegimen>& regimens,
                               const std::string& list_name) {
  for (std::size_t i = 0; i < regimens.size(); ++i) {
    PINEAL_RETURN_IF_ERROR(CheckPlausibleDose(catalog, regimens[i].substance, regimens[i].dose,
                                              list_name + "[" + std::to_string(i) + "].dose"));
  }
  return Status::Ok();
}

Status CheckPlausibleDose(const kb::Catalog& catalog, const std::string& substance,
                          const Mass& dose, const std::string& field) {
  const auto s = catalog.ResolveSubstance(substance);
  if (!s) return Status::Ok();
  const kb::Substance& entry = catalog.substance(*s);
  if (!entry.plausible_dose || dose <= entry.plausible_dose->per_dose) return Status::Ok();
  return Status::InvalidArgument(dose.ToString() + " is not a plausible dose of " + entry.name +
                                     ": at most " + entry.plausible_dose->per_dose.ToString() +
                                     " per dose, because " + entry.plausible_dose->reason +
                                     ". Check the amount and its unit.",
                                 field);
}

Status ScreeningReport::Verdict() const {
  if (!evaluation.problems.empty()) return evaluation.problems.front();
  if (!blocked()) return Status::Ok();
  return Status::FailedPrecondition(
      std::to_string(evaluation.unresolved.size()) +
          " blocking finding(s) need a clinician's override with a documented reason",
      "overrides");
}

Status CheckPlausibleObservation(const kb::Catalog& catalog, const records::Observation& o) {
  if (o.kind != records::ObservationKind::kVital || !o.value) return Status::Ok();
  const kb::ObservationLimit* limit = catalog.ObservationLimitFor(o.code);
  if (limit == nullptr) return Status::Ok();
  std::string units;
  for (const kb::ObservationRange& r : limit->ranges) {
    if (r.unit == o.unit) {
      if (*o.value >= r.min && *o.value <= r.max) return Status::Ok();
      return Status::InvalidArgument(
          fmt::format("{:g} {} is not a plausible {}: record {:g} to {:g} {}, because {}. Check "
                      "the value and its unit.",
                      *o.value, o.unit, AsciiLower(limit->name), r.min, r.max, r.unit,
                      limit->reason),
          "value");
    }
    units += (units.empty() ? "" : ", ") + r.unit;
  }
  return Status::InvalidArgument(
      "'" + o.unit + "' is not a unit for " + AsciiLower(limit->name) + "; use " + units, "unit");
}

Status CheckPlausibleDoses(const kb::Catalog& catalog, const std::string& substance,
                           const records::RegimenVersion& version) {
  PINEAL_RETURN_IF_ERROR(CheckPlausibleDose(catalog, substance, version.dose, "dose"));
  for (std::size_t i = 0; i < version.titration.size(); ++i) {
    PINEAL_RETURN_IF_ERROR(CheckPlausibleDose(catalog, substance, version.titration[i].dose,
                                              "titration[" + std::to_string(i) + "].dose"));
  }
  return Status::Ok();
}

}  // namespace pineal::app
