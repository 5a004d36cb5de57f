// What every use-case family shares: provenance, audit entries, time checks,
// and who may see and change what (see use_case_base.h).
#include <cstdio>

#include "pineal/app/use_case_base.h"

namespace pineal::app {

std::string RoleName(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kClinician: return "clinician";
    case Role::kPatient: return "patient";
    case Role::kSystem: return "system";
  }
  return "unknown";
}

namespace {

store::AuditEvent MakeAuditEvent(Instant at, const Actor& actor, std::string_view action,
                                 std::optional<PatientId> patient, const Status& outcome,
                                 std::string detail, std::vector<std::string> record_ids) {
  store::AuditEvent e;
  e.at = at;
  e.actor = actor.name;
  e.role = RoleName(actor.role);
  e.action = std::string(action);
  e.patient_id = patient;
  e.address = actor.address;
  e.outcome = outcome.ok() ? "ok" : std::string(StatusCodeName(outcome.code()));
  if (detail.empty() && !outcome.ok()) detail = outcome.ToString();
  e.detail = std::move(detail);
  e.record_ids = std::move(record_ids);
  return e;
}

}  // namespace

Status UseCaseBase::AppendAuditRow(const Actor& actor, std::string_view action,
                                   std::optional<PatientId> patient, std::string detail,
                                   std::vector<std::string> record_ids) {
  return store_.AppendAudit(MakeAuditEvent(clock_.Now(), actor, action, patient, Status::Ok(),
                                           std::move(detail), std::move(record_ids)));
}

Status UseCaseBase::CommitAudited(const Actor& actor, std::string_view action,
                                  std::optional<PatientId> patient,
                                  const std::function<Status()>& body,
                                  const std::function<std::string()>& detail,
                                  const std::function<std::vector<std::string>()>& record_ids) {
  Status st = store_.InTransaction([&]() -> Status {
    PINEAL_RETURN_IF_ERROR(body());
    return AppendAuditRow(actor, action, patient, detail ? detail() : std::string(),
                          record_ids ? record_ids() : std::vector<std::string>());
  });
  // The failure is the answer whether or not its row could be written.
  if (!st.ok()) {
    static_cast<void>(RecordAudit(actor, action, patient, st, detail ? detail() : std::string()));
  }
  return st;
}

Status UseCaseBase::RecordAudit(const Actor& actor, std::string_view action,
                                std::optional<PatientId> patient, const Status& outcome,
                                std::string detail, std::vector<std::string> record_ids) {
  const store::AuditEvent e = MakeAuditEvent(clock_.Now(), actor, action, patient, outcome,
                                             std::move(detail), std::move(record_ids));
  // Reported on stderr too, so an operator sees the store is in trouble.
  Status st = store_.AppendAudit(e);
  if (!st.ok()) std::fprintf(stderr, "pineal: audit write failed: %s\n", st.ToString().c_str());
  return st;
}

Status UseCaseBase::UnauditedRefusal() {
  return Status::Unavailable(
      "the audit log could not record this access, so nothing is shown; try again later");
}

records::Provenance UseCaseBase::NewProvenance(const Actor& actor) const {
  return records::Provenance{clock_.Now(), actor.name};
}

Status UseCaseBase::CheckNotFuture(Instant t, std::string_view field) const {
  // A few minutes of clock skew between a phone and the server is tolerated.
  if (t > clock_.Now() + std::chrono::minutes(10)) {
    return Status::InvalidArgument("is in the future (" + FormatInstant(t) + ")",
                                   std::string(field));
  }
  return Status::Ok();
}

Status UseCaseBase::CheckEventTime(const records::Patient& patient, Instant t,
                                   std::string_view field) const {
  PINEAL_RETURN_IF_ERROR(CheckNotFuture(t, field));
  return CheckNotBeforeBirth(patient, t, field);
}

Status UseCaseBase::CheckNotBeforeBirth(const records::Patient& p, Instant t,
                                        std::string_view field) {
  auto local = ToLocal(t, p.time_zone);
  const LocalDate day = local.ok() ? local->date : DateOf(t);
  if (p.birth_date && day < *p.birth_date) {
    return Status::InvalidArgument(
        "is before the patient's birth date (" + FormatDate(*p.birth_date) + ")",
        std::string(field));
  }
  const LocalDate earliest{std::chrono::year{1900}, std::chrono::January, std::chrono::day{1}};
  if (day < earliest) {
    return Status::InvalidArgument("is before 1900; check the year", std::string(field));
  }
  return Status::Ok();
}

Result<LocalDate> UseCaseBase::TodayFor(const records::Patient& patient) const {
  PINEAL_ASSIGN_OR_RETURN(LocalDateTime local, ToLocal(clock_.Now(), patient.time_zone));
  return local.date;
}

// Who may see and change what. Roles: an admin manages accounts but reads no
// clinical data; a clinician sees the patients whose care team they are on; a
// patient sees their own record and writes only their own check-ins.

namespace {

Status Hidden(PatientId patient) {
  return Status::NotFound("patient " + patient.ToString() + " not found");
}

}  // namespace

Status UseCaseBase::CheckCanRead(const Actor& actor, PatientId patient) {
  switch (actor.role) {
    case Role::kSystem: return store_.GetPatient(patient).status();
    case Role::kClinician: {
      if (!actor.user_id) return Hidden(patient);
      PINEAL_ASSIGN_OR_RETURN(bool member, store_.IsOnCareTeam(patient, *actor.user_id));
      return member ? Status::Ok() : Hidden(patient);
    }
    case Role::kPatient: return actor.patient_id == patient ? Status::Ok() : Hidden(patient);
    case Role::kAdmin: return Hidden(patient);
  }
  return Hidden(patient);
}

Status UseCaseBase::CheckCanWriteClinical(const Actor& actor, PatientId patient) {
  PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
  if (actor.role == Role::kPatient) {
    return Status::PermissionDenied("only a clinician can change this part of the record");
  }
  return Status::Ok();
}

Status UseCaseBase::CheckCanCheckIn(const Actor& actor, PatientId patient) {
  return CheckCanRead(actor, patient);
}

Status UseCaseBase::CheckAdmin(const Actor& actor) {
  if (actor.role == Role::kAdmin || actor.role == Role::kSystem) return Status::Ok();
  return Status::PermissionDenied("only an administrator can manage accounts");
}

}  // namespace pineal::app
