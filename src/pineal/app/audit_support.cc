// What every use case shares: provenance, audit entries, time checks.
#include <cstdio>

#include "pineal/app/pineal_app.h"

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
                                 std::string detail) {
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
  return e;
}

}  // namespace

Status PinealApp::AppendAuditRow(const Actor& actor, std::string_view action,
                                 std::optional<PatientId> patient, std::string detail) {
  return store_.AppendAudit(
      MakeAuditEvent(clock_.Now(), actor, action, patient, Status::Ok(), std::move(detail)));
}

Status PinealApp::CommitAudited(const Actor& actor, std::string_view action,
                                std::optional<PatientId> patient,
                                const std::function<Status()>& body,
                                const std::function<std::string()>& detail) {
  Status st = store_.InTransaction([&]() -> Status {
    PINEAL_RETURN_IF_ERROR(body());
    return AppendAuditRow(actor, action, patient, detail ? detail() : std::string());
  });
  if (!st.ok()) RecordAudit(actor, action, patient, st, detail ? detail() : std::string());
  return st;
}

void PinealApp::RecordAudit(const Actor& actor, std::string_view action,
                            std::optional<PatientId> patient, const Status& outcome,
                            std::string detail) {
  const store::AuditEvent e =
      MakeAuditEvent(clock_.Now(), actor, action, patient, outcome, std::move(detail));
  // An audit write that fails must not hide the outcome of the action; it is
  // reported on stderr so an operator sees the store is in trouble.
  Status st = store_.AppendAudit(e);
  if (!st.ok()) std::fprintf(stderr, "pineal: audit write failed: %s\n", st.ToString().c_str());
}

records::Provenance PinealApp::NewProvenance(const Actor& actor) const {
  return records::Provenance{clock_.Now(), actor.name};
}

Status PinealApp::CheckNotFuture(Instant t, std::string_view field) const {
  // A few minutes of clock skew between a phone and the server is tolerated.
  if (t > clock_.Now() + std::chrono::minutes(10)) {
    return Status::InvalidArgument("is in the future (" + FormatInstant(t) + ")",
                                   std::string(field));
  }
  return Status::Ok();
}

Result<std::vector<store::AuditEvent>> PinealApp::Audit(const Actor& actor,
                                                        store::AuditQuery query) {
  auto result = [&]() -> Result<std::vector<store::AuditEvent>> {
    if (query.limit < 1 || query.limit > 1000) {
      return Status::InvalidArgument("must be between 1 and 1000", "limit");
    }
    switch (actor.role) {
      case Role::kAdmin:
      case Role::kSystem: break;
      case Role::kClinician:
        // A clinician sees the log of a patient they care for, or their own.
        if (query.patient_id) {
          PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, *query.patient_id));
        } else {
          query.actor = actor.name;
        }
        break;
      case Role::kPatient:
        return Status::PermissionDenied("the audit log is for clinicians and administrators");
    }
    return store_.ListAudit(query);
  }();
  RecordAudit(actor, "audit.read", query.patient_id, result.status());
  return result;
}

}  // namespace pineal::app
