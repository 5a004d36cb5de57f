// Use cases: patients.
#include "pineal/app/patient_records.h"

namespace pineal::app {
namespace {

constexpr int kMaxPatientPageSize = 200;

}  // namespace

Result<records::Patient> PatientRecords::CreatePatient(const Actor& actor, records::Patient draft) {
  auto result = [&]() -> Result<records::Patient> {
    if (actor.role != Role::kClinician && actor.role != Role::kSystem) {
      return Status::PermissionDenied("only a clinician can add patients");
    }
    PINEAL_RETURN_IF_ERROR(records::ValidatePatient(draft));
    if (draft.birth_date && *draft.birth_date > DateOf(clock_.Now())) {
      return Status::InvalidArgument("is in the future", "birth_date");
    }
    draft.provenance = NewProvenance(actor);
    PatientId id;
    Status st = store_.InTransaction([&]() -> Status {
      PINEAL_ASSIGN_OR_RETURN(id, store_.InsertPatient(draft));
      // The clinician who adds a patient is on the patient's care team.
      if (actor.role == Role::kClinician && actor.user_id) {
        PINEAL_RETURN_IF_ERROR(store_.AddToCareTeam(id, *actor.user_id, draft.provenance));
      }
      // The id exists only now, so the audit row is written here, in the
      // same transaction as the patient.
      return AppendAuditRow(actor, "patient.create", id, {},
                            {AuditRecordId("patient", id.value())});
    });
    if (!st.ok()) return st;
    return store_.GetPatient(id);
  }();
  if (!result.ok()) {
    // The failure is the answer whether or not its row could be written.
    static_cast<void>(RecordAudit(actor, "patient.create", std::nullopt, result.status()));
  }
  return result;
}

Result<records::Patient> PatientRecords::GetPatient(const Actor& actor, PatientId id) {
  return AuditedRead<records::Patient>(actor, "patient.read", id,
                                       [&]() -> Result<records::Patient> {
                                         PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, id));
                                         return store_.GetPatient(id);
                                       });
}

Result<records::Patient> PatientRecords::UpdatePatient(const Actor& actor,
                                                       records::Patient changes) {
  const PatientId id = changes.id;
  auto result = AuditedWrite<records::Patient>(
      actor, "patient.update", id, [&]() -> Result<records::Patient> {
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, id));
        PINEAL_RETURN_IF_ERROR(records::ValidatePatient(changes));
        if (changes.birth_date && *changes.birth_date > DateOf(clock_.Now())) {
          return Status::InvalidArgument("is in the future", "birth_date");
        }
        Status st = store_.InTransaction([&]() -> Status {
          PINEAL_ASSIGN_OR_RETURN(records::Patient before, store_.GetPatient(id));
          PINEAL_RETURN_IF_ERROR(store_.UpdatePatient(changes, clock_.Now()));
          // A new or different weight becomes a new entry of the weight history.
          if (changes.weight &&
              (!before.weight || before.weight->weight.base() != changes.weight->weight.base() ||
               before.weight->measured_on != changes.weight->measured_on)) {
            PINEAL_RETURN_IF_ERROR(store_.AddWeight(id, *changes.weight, NewProvenance(actor)));
          }
          return Status::Ok();
        });
        if (!st.ok()) return st;
        return store_.GetPatient(id);
      });
  return result;
}

Result<store::Page<records::Patient>> PatientRecords::ListPatients(const Actor& actor,
                                                                   store::PatientQuery query) {
  return AuditedRead<store::Page<records::Patient>>(
      actor, "patient.list", std::nullopt, [&]() -> Result<store::Page<records::Patient>> {
        switch (actor.role) {
          case Role::kClinician:
            if (!actor.user_id) return Status::PermissionDenied("no clinician account");
            query.care_team_of = actor.user_id;
            break;
          case Role::kPatient:
            if (!actor.patient_id) return Status::PermissionDenied("no patient record");
            query.only = actor.patient_id;
            break;
          case Role::kAdmin:
            return Status::PermissionDenied(
                "an administrator account does not read clinical records");
          case Role::kSystem: break;
        }
        if (query.limit < 1 || query.limit > kMaxPatientPageSize) {
          return Status::InvalidArgument("must be between 1 and 200", "limit");
        }
        if (query.offset < 0) return Status::InvalidArgument("must not be negative", "offset");
        if (query.search.size() > 200) {
          return Status::InvalidArgument("is too long (at most 200 characters)", "q");
        }
        return store_.ListPatients(query);
      });
}

std::vector<kb::NameMatch> PatientRecords::MatchConditions(const records::Patient& patient) const {
  std::vector<kb::NameMatch> out;
  if (knowledge_.safety == nullptr) return out;
  out.reserve(patient.conditions.size());
  for (const std::string& text : patient.conditions) {
    out.push_back(knowledge_.safety->MatchCondition(text));
  }
  return out;
}

}  // namespace pineal::app
