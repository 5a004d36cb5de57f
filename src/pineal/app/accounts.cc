// Use cases: accounts and care teams.
#include <cctype>

#include "pineal/app/credentials.h"
#include "pineal/app/accounts.h"
#include "pineal/records/text_checks.h"

namespace pineal::app {
namespace {

Status CheckUsername(const std::string& name) {
  if (name.size() < 3 || name.size() > 64) {
    return Status::InvalidArgument("must have 3 to 64 characters", "username");
  }
  for (char c : name) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) {
      return Status::InvalidArgument("may contain only letters, digits, '.', '_' and '-'",
                                     "username");
    }
  }
  return Status::Ok();
}

}  // namespace

// Staff accounts (admins, clinicians) are an administrator's; a patient
// account opens a clinical record, so only a clinician on that patient's care
// team (or the local operator) may create it or set its password. An admin who
// could would read the record by logging in as the patient.
Status Accounts::CheckCanManage(const Actor& actor, store::UserRole role,
                                std::optional<PatientId> patient) {
  if (actor.role == Role::kSystem) return Status::Ok();
  if (role != store::UserRole::kPatient) return CheckAdmin(actor);
  if (actor.role != Role::kClinician) {
    return Status::PermissionDenied(
        "only a clinician on the patient's care team can create or reset a patient account");
  }
  if (!patient) return Status::InvalidArgument("is required for a patient account", "patient_id");
  return CheckCanWriteClinical(actor, *patient);
}

Result<store::User> Accounts::CreateUser(const Actor& actor, NewUser n) {
  auto result = AuditedWrite<store::User>(
      actor, "user.create", n.patient_id,
      [&]() -> Result<store::User> {
        if (n.role == store::UserRole::kPatient && !n.patient_id) {
          return Status::InvalidArgument("is required for a patient account", "patient_id");
        }
        PINEAL_RETURN_IF_ERROR(CheckCanManage(actor, n.role, n.patient_id));
        PINEAL_RETURN_IF_ERROR(CheckUsername(n.username));
        if (n.display_name.empty()) n.display_name = n.username;
        PINEAL_RETURN_IF_ERROR(records::CheckRequiredText(n.display_name, "display_name", 200));
        if (n.role == store::UserRole::kPatient) {
          if (!store_.GetPatient(*n.patient_id).ok()) {
            return Status::InvalidArgument("names no patient", "patient_id");
          }
        } else if (n.patient_id) {
          return Status::InvalidArgument("is only for patient accounts", "patient_id");
        }
        PINEAL_RETURN_IF_ERROR(CheckPasswordPolicy(n.password, n.username));
        store::User u;
        u.username = n.username;
        u.display_name = n.display_name;
        u.role = n.role;
        u.patient_id = n.patient_id;
        PINEAL_ASSIGN_OR_RETURN(u.password_hash, HashPassword(n.password));
        u.created_at = clock_.Now();
        u.created_by = actor.name;
        PINEAL_ASSIGN_OR_RETURN(UserId id, store_.InsertUser(u));
        return store_.GetUser(id);
      },
      [&] { return "username=" + n.username; });
  return result;
}

Result<std::vector<store::User>> Accounts::ListUsers(const Actor& actor) {
  return AuditedRead<std::vector<store::User>>(actor, "user.list", std::nullopt,
                                               [&]() -> Result<std::vector<store::User>> {
                                                 PINEAL_RETURN_IF_ERROR(CheckAdmin(actor));
                                                 return store_.ListUsers();
                                               });
}

Result<store::User> Accounts::SetUserDisabled(const Actor& actor, const std::string& username,
                                              bool disabled) {
  return AuditedWrite<store::User>(
      actor, disabled ? "user.disable" : "user.enable", std::nullopt,
      [&]() -> Result<store::User> {
        PINEAL_RETURN_IF_ERROR(CheckAdmin(actor));
        PINEAL_ASSIGN_OR_RETURN(store::User u, store_.FindUser(username));
        u.disabled = disabled;
        PINEAL_RETURN_IF_ERROR(store_.UpdateUser(u));
        // A disabled account is logged out everywhere at once.
        if (disabled) PINEAL_RETURN_IF_ERROR(store_.RevokeAllSessions(u.id, clock_.Now()).status());
        return u;
      },
      [&] { return "username=" + username; });
}

Result<store::User> Accounts::ResetPassword(const Actor& actor, const std::string& username,
                                            const std::string& new_password) {
  auto result = AuditedWrite<store::User>(
      actor, "user.reset_password", std::nullopt,
      [&]() -> Result<store::User> {
        if (actor.role == Role::kPatient) return CheckAdmin(actor);  // before any lookup
        PINEAL_ASSIGN_OR_RETURN(store::User u, store_.FindUser(username));
        PINEAL_RETURN_IF_ERROR(CheckCanManage(actor, u.role, u.patient_id));
        PINEAL_RETURN_IF_ERROR(CheckPasswordPolicy(new_password, u.username));
        PINEAL_ASSIGN_OR_RETURN(u.password_hash, HashPassword(new_password));
        // The owner sees who reset their password and when; their sessions
        // end, so a reset cannot go unnoticed.
        u.password_reset_at = clock_.Now();
        u.password_reset_by = actor.name;
        PINEAL_RETURN_IF_ERROR(store_.UpdateUser(u));
        PINEAL_RETURN_IF_ERROR(store_.ClearLoginThrottles(u.username, clock_.Now()).status());
        PINEAL_RETURN_IF_ERROR(store_.RevokeAllSessions(u.id, clock_.Now()).status());
        return u;
      },
      [&] { return "username=" + username; });
  return result;
}

Result<int> Accounts::UnlockUser(const Actor& actor, const std::string& username) {
  int cleared = 0;
  auto result = AuditedWrite<int>(
      actor, "user.unlock", std::nullopt,
      [&]() -> Result<int> {
        PINEAL_RETURN_IF_ERROR(CheckAdmin(actor));
        PINEAL_ASSIGN_OR_RETURN(store::User u, store_.FindUser(username));
        PINEAL_ASSIGN_OR_RETURN(cleared, store_.ClearLoginThrottles(u.username, clock_.Now()));
        return cleared;
      },
      [&] { return "username=" + username + " locks_cleared=" + std::to_string(cleared); });
  return result;
}

Status Accounts::AddToCareTeam(const Actor& actor, PatientId patient, const std::string& username) {
  UserId added;
  return CommitAudited(
      actor, "care_team.add", patient,
      [&]() -> Status {
        // An admin may not add anyone: an admin-made clinician account on a
        // team would be a way into the record.
        if (actor.role == Role::kAdmin) {
          return Status::PermissionDenied(
              "only a clinician on the patient's care team can add a colleague to it");
        }
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));
        PINEAL_RETURN_IF_ERROR(store_.GetPatient(patient).status());
        auto user = store_.FindUser(username);
        if (!user.ok() || user->role != store::UserRole::kClinician) {
          return Status::InvalidArgument("names no clinician account", "username");
        }
        added = user->id;
        return store_.AddToCareTeam(patient, user->id, NewProvenance(actor));
      },
      [&] { return "username=" + username; },
      [&] { return std::vector<std::string>{AuditRecordId("user", added.value())}; });
}

}  // namespace pineal::app
