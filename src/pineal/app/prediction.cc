// Use case: the predicted concentration curve of a patient from the dose log.
#include "pineal/app/prediction.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "pineal/app/modelling.h"
#include "pineal/core/text.h"
#include "pineal/monitor/adherence_plan.h"
#include "pineal/records/enums.h"

namespace pineal::app {
namespace {

double HoursBetween(Instant from, Instant to) {
  return std::chrono::duration<double, std::ratio<3600>>(to - from).count();
}

Status CheckQuery(const PredictionQuery& q) {
  if (q.days < 1 || q.days > kMaxPredictionDays) {
    return Status::InvalidArgument(
        fmt::format("must be a whole number of days from 1 to {}", kMaxPredictionDays), "days");
  }
  if (q.subjects < 0 || q.subjects > kMaxPredictionSubjects) {
    return Status::InvalidArgument(
        fmt::format("must be 0 (typical patient only) to {}", kMaxPredictionSubjects), "subjects");
  }
  if (auto w = ParseTimeOfDay(q.wake); !w.ok()) {
    return Status::InvalidArgument(w.status().message(), "wake");
  }
  return Status::Ok();
}

const records::Regimen* ActiveRegimenFor(const std::vector<records::Regimen>& regimens,
                                         const std::string& substance) {
  for (const auto& r : regimens) {
    if (AsciiLower(r.substance) == substance &&
        r.current().status == records::RegimenStatus::kActive) {
      return &r;
    }
  }
  return nullptr;
}

}  // namespace

Result<PatientPrediction> Modelling::PredictConcentrations(const Actor& actor, PatientId patient,
                                                           const PredictionQuery& query) {
  auto result = [&]() -> Result<PatientPrediction> {
    PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
    PINEAL_RETURN_IF_ERROR(CheckQuery(query));
    if (knowledge_.pk == nullptr) {
      return Status::Unavailable("the PK models of the knowledge base are not loaded");
    }
    const std::string substance = AsciiLower(query.substance);
    PINEAL_ASSIGN_OR_RETURN(const kb::PkModelSpec* model, pk::ModelFor(*knowledge_.pk, substance));
    PINEAL_ASSIGN_OR_RETURN(records::Patient p, store_.GetPatient(patient));
    PINEAL_ASSIGN_OR_RETURN(auto regimens, store_.ListRegimens(patient));
    const Instant now = clock_.Now();
    PINEAL_ASSIGN_OR_RETURN(LocalDateTime local_now, ToLocal(now, p.time_zone));
    const Instant origin = now - std::chrono::hours(24 * query.days);
    PINEAL_ASSIGN_OR_RETURN(auto events,
                            store_.ListDoseEvents(patient, {origin, now + std::chrono::seconds(1)},
                                                  /*with_superseded=*/false));

    PatientPrediction out;
    out.time_zone = p.time_zone;
    out.origin = origin;
    out.now_h = HoursBetween(origin, now);
    pk::SimulationRequest r;
    r.substance = substance;
    PINEAL_ASSIGN_OR_RETURN(r.patient, LoadCovariates(p));
    r.subjects = query.subjects;
    r.seed = query.seed;
    r.threads = 1;  // a server request must not take every core
    r.wake_clock_h = ParseTimeOfDay(query.wake)->minutes / 60.0;
    PINEAL_ASSIGN_OR_RETURN(LocalDateTime local_origin, ToLocal(origin, p.time_zone));
    r.start_clock_h = local_origin.time.minutes / 60.0;

    const records::Regimen* regimen = ActiveRegimenFor(regimens, substance);
    if (regimen != nullptr) {
      const auto& v = regimen->current();
      const bool known = std::any_of(model->formulations.begin(), model->formulations.end(),
                                     [&](const auto& f) { return f.id == v.formulation; });
      if (known) {
        r.formulation = v.formulation;
      } else if (!v.formulation.empty()) {
        out.notes.push_back(fmt::format(
            "the regimen's formulation '{}' has no PK parameters; the model's default is used",
            v.formulation));
      }
      r.content_mg_per_g = v.content_mg_per_g;
    }

    for (const auto& e : events) {
      if (e.status == records::DoseStatus::kSkipped || !e.taken_at) continue;
      if (AsciiLower(e.substance) != substance) continue;
      std::optional<Mass> amount = e.amount;
      if (!amount && regimen != nullptr) {
        amount = regimen->current().dose;
        out.notes.push_back("a dose logged at " + FormatInstant(*e.taken_at) +
                            " has no amount; the regimen's dose was assumed");
      }
      if (!amount) continue;
      r.doses.push_back({HoursBetween(origin, *e.taken_at), amount->base()});
      ++out.logged_doses;
    }

    // The next 24 hours as the regimen plans them: where tonight's dose
    // leaves tomorrow morning.
    if (regimen != nullptr) {
      const auto& v = regimen->current();
      const Instant until = now + std::chrono::hours(24);
      for (int d = 0; d <= 1; ++d) {
        const LocalDate day{std::chrono::sys_days(local_now.date) + std::chrono::days(d)};
        if (!monitor::IsDosingDay(v, day)) continue;
        for (const TimeOfDay& t : v.times_of_day) {
          auto at = FromLocal(day, t, p.time_zone);
          if (!at.ok() || *at <= now || *at > until) continue;
          const double h = HoursBetween(origin, *at);
          r.doses.push_back({h, monitor::PlannedDoseOn(v, day).base()});
          out.planned_dose_h.push_back(h);
        }
      }
    }
    if (r.doses.empty()) {
      return Status::FailedPrecondition(
          fmt::format("no {} doses logged in the last {} days and no active regimen plans one; "
                      "nothing to predict",
                      substance, query.days));
    }
    pk::SortDoses(r.doses);
    // A day past now, and at least to the wake time after the last dose, so
    // the next-morning residual of the last dose is on the curve.
    const double last_h = r.doses.back().time_h;
    const double last_clock = std::fmod(r.start_clock_h + last_h, 24.0);
    const double to_wake = std::fmod(r.wake_clock_h - last_clock + 24.0, 24.0);
    r.horizon_h = std::max(out.now_h + 24.0, last_h + to_wake + 1.0);
    PINEAL_ASSIGN_OR_RETURN(out.result, pk::Simulate(*knowledge_.pk, r));
    out.title = fmt::format("{}: {} over the last {} days{}", p.display_name, substance, query.days,
                            out.planned_dose_h.empty() ? "" : " and the next day");
    return out;
  }();
  WithholdIfUnaudited(
      result, RecordAudit(actor, "prediction.view", patient, result.status(), query.substance));
  return result;
}

}  // namespace pineal::app
