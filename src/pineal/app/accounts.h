// Use cases, accounts and sessions: user accounts (admins, or the local
// operator through the CLI), care teams, logins, sessions and API tokens.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pineal/app/account_types.h"
#include "pineal/app/use_case_base.h"

namespace pineal::app {

class Accounts : public UseCaseBase {
 public:
  Accounts(store::Store& store, const Clock& clock, Knowledge knowledge)
      : UseCaseBase(store, clock, knowledge) {}

  Result<store::User> CreateUser(const Actor& actor, NewUser user);
  Result<std::vector<store::User>> ListUsers(const Actor& actor);
  Result<store::User> SetUserDisabled(const Actor& actor, const std::string& username,
                                      bool disabled);
  Result<store::User> ResetPassword(const Actor& actor, const std::string& username,
                                    const std::string& new_password);
  // Clears every failed-login lock of an account; returns how many were in force.
  Result<int> UnlockUser(const Actor& actor, const std::string& username);
  // Clinicians on a patient's care team see the patient; only a team member
  // (or the local operator) may add another clinician, never an admin.
  Status AddToCareTeam(const Actor& actor, PatientId patient, const std::string& username);

  // Sessions. A login refused for too many failures fills `refusal`.
  Result<LoginGrant> Login(const std::string& username, const std::string& password,
                           const std::string& address, LoginRefusal* refusal = nullptr);
  Result<Authenticated> Authenticate(const std::string& token, const std::string& address);
  Status Logout(const Actor& actor, std::int64_t session_id);
  Result<int> LogoutEverywhere(const Actor& actor);
  Result<ApiTokenGrant> CreateApiToken(const Actor& actor, const std::string& name);
  Result<std::vector<store::Session>> ListApiTokens(const Actor& actor);
  Status RevokeApiToken(const Actor& actor, std::int64_t token_id);

 private:
  // Ends one of the caller's own sessions (a login or an API token), audited
  // as `action` with the session's id.
  Status EndOwnSession(const Actor& actor, std::string_view action, std::int64_t session_id);
  // Who may create, reset or otherwise manage `target`'s kind of account.
  Status CheckCanManage(const Actor& actor, store::UserRole role, std::optional<PatientId> patient);
  // Counts an attempt as failed before its password is checked, in one
  // transaction, so concurrent attempts cannot slip past the limit. Returns
  // whether the address is one the username signed in from, or the end of
  // the lock that refuses it.
  struct LoginSlot {
    bool known_address = false;
    std::optional<Instant> locked_until;
  };
  Result<LoginSlot> ReserveLoginAttempt(const std::string& username, const std::string& address,
                                        Instant now);
  // Undoes the reservation of a correct password and remembers the address.
  Status RecordLoginSuccess(const std::string& username, const std::string& address,
                            bool known_address, Instant now);
};

}  // namespace pineal::app
