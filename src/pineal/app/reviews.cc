// Use cases: follow-up reviews and adherence. Review dates come from the
// rules of knowledge/rules/followup.yaml (monitor::PlanReviews); what a
// clinician did about a review (done, moved, cancelled) is appended.
#include "pineal/app/monitoring.h"
#include "pineal/records/text_checks.h"

namespace pineal::app {
namespace {

monitor::ReviewRecord EngineRecord(const store::ReviewAction& a) {
  monitor::ReviewRecord r;
  r.id = a.id;
  r.due = a.due;
  r.note = a.note;
  if (a.action == "done") {
    r.state = monitor::ReviewState::kDone;
    r.done_on = a.date;
  } else if (a.action == "moved") {
    r.state = monitor::ReviewState::kMoved;
    r.moved_to = a.date;
  } else {
    r.state = monitor::ReviewState::kCancelled;
  }
  return r;
}

constexpr int kReviewsShown = 3;

}  // namespace

Result<PatientReviews> Monitoring::PlanPatientReviews(PatientId patient, int count) {
  if (knowledge_.rules == nullptr) return Status::Unavailable("the follow-up rules are not loaded");
  PINEAL_ASSIGN_OR_RETURN(records::Patient p, store_.GetPatient(patient));
  PINEAL_ASSIGN_OR_RETURN(auto regimens, store_.ListRegimens(patient));
  PatientReviews out;
  PINEAL_ASSIGN_OR_RETURN(out.history, store_.ListReviewActions(patient));
  PINEAL_ASSIGN_OR_RETURN(LocalDate today, TodayFor(p));
  for (const auto& r : regimens) {
    if (r.current().status == records::RegimenStatus::kStopped) continue;
    std::vector<monitor::ReviewRecord> records;
    for (const auto& a : out.history) {
      if (a.regimen_id == r.id) records.push_back(EngineRecord(a));
    }
    PINEAL_ASSIGN_OR_RETURN(auto schedule, monitor::PlanReviews(knowledge_.rules->followup, p, r,
                                                                records, today, count));
    out.regimens.push_back({r.id, r.substance, std::move(schedule)});
  }
  return out;
}

Result<PatientReviews> Monitoring::Reviews(const Actor& actor, PatientId patient) {
  return AuditedRead<PatientReviews>(actor, "review.list", patient,
                                     [&]() -> Result<PatientReviews> {
                                       PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
                                       return PlanPatientReviews(patient, kReviewsShown);
                                     });
}

Result<store::ReviewAction> Monitoring::RecordReviewAction(const Actor& actor, PatientId patient,
                                                           store::ReviewAction draft) {
  auto result = AuditedWrite<store::ReviewAction>(
      actor, "review." + draft.action, patient,
      [&]() -> Result<store::ReviewAction> {
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));
        PINEAL_RETURN_IF_ERROR(records::CheckOptionalText(draft.note, "note", 2000));
        PINEAL_ASSIGN_OR_RETURN(records::Patient p, store_.GetPatient(patient));
        PINEAL_ASSIGN_OR_RETURN(LocalDate today, TodayFor(p));
        if (draft.action == "done") {
          if (!draft.date)
            return Status::InvalidArgument("is required: the day the review was done", "date");
          if (today < *draft.date) return Status::InvalidArgument("is in the future", "date");
        } else if (draft.action == "moved") {
          if (!draft.date) return Status::InvalidArgument("is required: the new date", "date");
          if (*draft.date < today) {
            return Status::InvalidArgument("must be today (" + FormatDate(today) + ") or later",
                                           "date");
          }
          if (draft.note.size() < 3)
            return Status::InvalidArgument("is required: why it is moved", "note");
        } else if (draft.action == "cancelled") {
          if (draft.date)
            return Status::InvalidArgument("is not used for a cancelled review", "date");
          if (draft.note.size() < 3)
            return Status::InvalidArgument("is required: why it is cancelled", "note");
        } else {
          return Status::InvalidArgument(
              "'" + draft.action + "' is not a review action; use done, moved or cancelled",
              "action");
        }
        // The review acted on must be one the rules have due for this regimen.
        PINEAL_RETURN_IF_ERROR(store_.GetRegimen(patient, draft.regimen_id).status());
        PINEAL_ASSIGN_OR_RETURN(PatientReviews plan, PlanPatientReviews(patient, kReviewsShown));
        const RegimenReviews* mine = nullptr;
        for (const auto& r : plan.regimens) {
          if (r.regimen_id == draft.regimen_id) mine = &r;
        }
        if (mine == nullptr) {
          return Status::FailedPrecondition(
              "regimen " + draft.regimen_id.ToString() +
              " has no reviews planned (it is stopped or no rule applies)");
        }
        std::string due_list;
        bool found = false;
        for (const auto& d : mine->schedule.due) {
          if (d.planned == draft.due) found = true;
          due_list += (due_list.empty() ? "" : ", ") + FormatDate(d.planned);
        }
        if (!found) {
          return Status::InvalidArgument("no review of this regimen is due on " +
                                             FormatDate(draft.due) + "; the reviews due are " +
                                             due_list,
                                         "due");
        }
        draft.patient_id = patient;
        draft.provenance = NewProvenance(actor);
        PINEAL_ASSIGN_OR_RETURN(draft.id, store_.InsertReviewAction(draft));
        return draft;
      },
      [&] {
        return "regimen " + draft.regimen_id.ToString() + " review due " + FormatDate(draft.due) +
               (draft.note.empty() ? "" : ": " + draft.note);
      });
  return result;
}

Result<std::vector<OverdueReview>> Monitoring::OverdueReviews(const Actor& actor) {
  auto result = [&]() -> Result<std::vector<OverdueReview>> {
    if (actor.role != Role::kClinician || !actor.user_id) {
      return Status::PermissionDenied("the overdue reviews are listed for a clinician");
    }
    store::PatientQuery pq;
    pq.care_team_of = actor.user_id;
    pq.limit = 10000;
    PINEAL_ASSIGN_OR_RETURN(auto patients, store_.ListPatients(pq));
    std::vector<OverdueReview> out;
    for (const auto& p : patients.items) {
      PINEAL_ASSIGN_OR_RETURN(PatientReviews plan, PlanPatientReviews(p.id, kReviewsShown));
      for (const auto& r : plan.regimens) {
        for (const auto& d : r.schedule.due) {
          if (d.overdue) out.push_back({p.id, p.display_name, r.regimen_id, r.substance, d});
        }
      }
    }
    std::stable_sort(out.begin(), out.end(), [](const OverdueReview& a, const OverdueReview& b) {
      return a.review.days_overdue > b.review.days_overdue;
    });
    return out;
  }();
  WithholdIfUnaudited(result, RecordAudit(actor, "review.overdue", std::nullopt, result.status()));
  return result;
}

Result<AdherenceAnswer> Monitoring::Adherence(const Actor& actor, PatientId patient,
                                              const AdherenceQuery& query) {
  auto result = [&]() -> Result<AdherenceAnswer> {
    PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
    if (knowledge_.rules == nullptr)
      return Status::Unavailable("the adherence settings are not loaded");
    AdherenceAnswer a;
    a.to = query.to.value_or(clock_.Now());
    a.from = query.from.value_or(a.to - std::chrono::hours(24 * 30));
    if (!(a.from < a.to)) return Status::InvalidArgument("must be before `to`", "from");
    if (a.to - a.from > std::chrono::hours(24 * 366)) {
      return Status::InvalidArgument("the period is at most 366 days", "from");
    }
    if (a.to > clock_.Now()) a.to = clock_.Now();  // doses still to come are not missed
    PINEAL_ASSIGN_OR_RETURN(records::Patient p, store_.GetPatient(patient));
    PINEAL_ASSIGN_OR_RETURN(auto regimens, store_.ListRegimens(patient));
    PINEAL_ASSIGN_OR_RETURN(auto doses, store_.ListDoseEvents(patient, {}, false));
    PINEAL_ASSIGN_OR_RETURN(a.report,
                            monitor::ComputeAdherence(regimens, doses, p.time_zone, a.from, a.to,
                                                      knowledge_.rules->adherence));
    a.threshold_percent = knowledge_.rules->adherence.threshold_percent;
    return a;
  }();
  WithholdIfUnaudited(result, RecordAudit(actor, "adherence.read", patient, result.status()));
  return result;
}

Result<MonitoringBadges> Monitoring::Badges(const Actor& actor, PatientId patient) {
  PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
  MonitoringBadges b;
  if (actor.role == Role::kClinician || actor.role == Role::kSystem) {
    store::AlertQuery q;
    q.patient = patient;
    PINEAL_ASSIGN_OR_RETURN(auto alerts, store_.ListAlerts(q));
    for (const auto& a : alerts) {
      if (a.status() == "resolved") continue;
      if (a.status() == "open") ++b.open_alerts;
      if (a.severity == "urgent") ++b.urgent_alerts;
    }
  }
  if (knowledge_.rules != nullptr) {
    PINEAL_ASSIGN_OR_RETURN(PatientReviews plan, PlanPatientReviews(patient, kReviewsShown));
    for (const auto& r : plan.regimens) {
      for (const auto& d : r.schedule.due) b.overdue_reviews += d.overdue ? 1 : 0;
    }
  }
  return b;
}

}  // namespace pineal::app
