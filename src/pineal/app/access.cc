// Who may see and change what. Roles: an admin manages accounts but reads no
// clinical data; a clinician sees the patients whose care team they are on; a
// patient sees their own record and writes only their own check-ins.
#include "pineal/app/pineal_app.h"

namespace pineal::app {
namespace {

Status Hidden(PatientId patient) {
  return Status::NotFound("patient " + patient.ToString() + " not found");
}

}  // namespace

Status PinealApp::CheckCanRead(const Actor& actor, PatientId patient) {
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

Status PinealApp::CheckCanWriteClinical(const Actor& actor, PatientId patient) {
  PINEAL_RETURN_IF_ERROR(CheckCanRead(actor, patient));
  if (actor.role == Role::kPatient) {
    return Status::PermissionDenied("only a clinician can change this part of the record");
  }
  return Status::Ok();
}

Status PinealApp::CheckCanCheckIn(const Actor& actor, PatientId patient) {
  return CheckCanRead(actor, patient);
}

Status PinealApp::CheckAdmin(const Actor& actor) {
  if (actor.role == Role::kAdmin || actor.role == Role::kSystem) return Status::Ok();
  return Status::PermissionDenied("only an administrator can manage accounts");
}

}  // namespace pineal::app
