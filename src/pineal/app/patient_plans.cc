// Use cases: circadian plans kept in a patient's record.
#include "pineal/app/modelling.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>

#include "pineal/app/screening.h"

namespace pineal::app {

namespace {

// The melatonin a plan gives, as one proposal for screening: its largest
// dose, once a day, for as many days as the plan has one.
std::optional<safety::ProposedRegimen> PlanMelatonin(const std::vector<circadian::PlanDay>& days,
                                                     const char* indication, const char* label) {
  double largest_mg = 0;
  int dosing_days = 0;
  for (const circadian::PlanDay& d : days) {
    if (!d.melatonin || d.melatonin->dose_mg <= 0) continue;
    largest_mg = std::max(largest_mg, d.melatonin->dose_mg);
    ++dosing_days;
  }
  if (dosing_days == 0) return std::nullopt;
  safety::ProposedRegimen r;
  r.label = label;
  r.substance = "melatonin";
  r.formulation = "ir";
  r.dose = Mass::FromBase(largest_mg);
  r.doses_per_day = 1.0;
  r.indication = indication;
  r.duration_days = dosing_days;
  return r;
}

std::string PatchedRequest(const std::string& request_json, const char* zone_field,
                           const std::string& zone) {
  nlohmann::json request = nlohmann::json::parse(request_json, nullptr, false);
  if (!request.is_object()) request = nlohmann::json::object();
  if (!request.contains(zone_field)) request[zone_field] = zone;
  return request.dump();
}

}  // namespace

Result<store::CircadianPlanRecord> Modelling::SavePatientPlan(const Actor& actor, PatientId patient,
                                                              PatientPlanRequest request,
                                                              const PlanEncoders& encoders,
                                                              ScreeningReport* report) {
  const bool trip = std::holds_alternative<JetLagSpec>(request.spec);
  const char* kind = trip ? "jetlag" : "shift";
  return AuditedWrite<store::CircadianPlanRecord>(
      actor, "circadian_plan.create", patient,
      [&]() -> Result<store::CircadianPlanRecord> {
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));
        if (knowledge_.circadian == nullptr) {
          return Status::Unavailable("the circadian models are not loaded");
        }
        if (request.title.size() > 200)
          return Status::InvalidArgument("at most 200 characters", "title");
        PINEAL_ASSIGN_OR_RETURN(records::Patient who, store_.GetPatient(patient));
        store::CircadianPlanRecord record;
        record.patient_id = patient;
        record.kind = kind;
        record.title = request.title;
        std::optional<safety::ProposedRegimen> melatonin;
        if (trip) {
          auto& spec = std::get<JetLagSpec>(request.spec);
          if (spec.from.empty()) spec.from = who.time_zone;
          record.request_json = PatchedRequest(request.request_json, "from", spec.from);
          PINEAL_ASSIGN_OR_RETURN(circadian::JetLagPlan plan,
                                  PlanTrip(*knowledge_.circadian, spec));
          record.plan_json = encoders.trip(plan);
          melatonin = PlanMelatonin(plan.days, "jet_lag", "jet-lag plan");
          if (record.title.empty()) {
            record.title = "Trip " + spec.from + " to " + spec.to + ", departing " + spec.depart;
          }
        } else {
          auto& spec = std::get<ShiftSpec>(request.spec);
          if (spec.zone.empty()) spec.zone = who.time_zone;
          record.request_json = PatchedRequest(request.request_json, "zone", spec.zone);
          PINEAL_ASSIGN_OR_RETURN(circadian::RotaPlan plan,
                                  PlanShifts(*knowledge_.circadian, spec));
          record.plan_json = encoders.rota(plan);
          melatonin = PlanMelatonin(plan.days, "shift_work", "shift-work plan");
          if (record.title.empty()) record.title = "Shift rota in " + spec.zone;
        }
        if (melatonin) {
          PINEAL_ASSIGN_OR_RETURN(
              *report, writes_.Screen(patient, *melatonin, std::nullopt, request.overrides));
          PINEAL_RETURN_IF_ERROR(report->Verdict());
          if (report->evaluation.needs_cosign()) {
            return Status::FailedPrecondition(
                "a contraindicated finding cannot be overridden in a plan; plan without "
                "melatonin, or prescribe it as a regimen, which a second clinician must co-sign",
                "overrides");
          }
          record.findings = RecordFindings(report->findings);
          for (const auto& a : report->evaluation.applied) {
            record.overrides.push_back(
                {a.finding_key, a.rule_id, a.reason, actor.name, clock_.Now()});
          }
        } else if (!request.overrides.empty()) {
          return Status::InvalidArgument("this plan gives no melatonin, so nothing was screened",
                                         "overrides");
        }
        record.provenance = NewProvenance(actor);
        PINEAL_ASSIGN_OR_RETURN(std::int64_t id, store_.InsertCircadianPlan(record));
        record.id = id;
        return record;
      },
      [&] { return std::string(kind) + (request.overrides.empty() ? "" : "; overrides given"); });
}

Result<std::vector<store::CircadianPlanRecord>> Modelling::ListCircadianPlans(const Actor& actor,
                                                                              PatientId patient) {
  return AuditedRead<std::vector<store::CircadianPlanRecord>>(
      actor, "circadian_plan.list", patient,
      [&]() -> Result<std::vector<store::CircadianPlanRecord>> {
        PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
        return store_.ListCircadianPlans(patient);
      });
}

Result<store::CircadianPlanRecord> Modelling::GetCircadianPlan(const Actor& actor,
                                                               PatientId patient, std::int64_t id) {
  return AuditedRead<store::CircadianPlanRecord>(
      actor, "circadian_plan.read", patient, [&]() -> Result<store::CircadianPlanRecord> {
        PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
        return store_.GetCircadianPlan(patient, id);
      });
}

}  // namespace pineal::app
