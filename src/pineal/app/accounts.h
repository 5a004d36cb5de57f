// Use cases, accounts and sessions: user accounts (admins, or the local
// operator through the CLI), care teams, logins, sessions and API tokens.
#pragma once

#include <string>
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
  // Clinicians on a patient's care team see the patient; a team member or an
  // admin may add another clinician.
  Status AddToCareTeam(const Actor& actor, PatientId patient, const std::string& username);

  // Sessions.
  Result<LoginGrant> Login(const std::string& username, const std::string& password,
                           const std::string& address);
  Result<Authenticated> Authenticate(const std::string& token, const std::string& address);
  Status Logout(const Actor& actor, std::int64_t session_id);
  Result<int> LogoutEverywhere(const Actor& actor);
  Result<ApiTokenGrant> CreateApiToken(const Actor& actor, const std::string& name);
  Result<std::vector<store::Session>> ListApiTokens(const Actor& actor);
  Status RevokeApiToken(const Actor& actor, std::int64_t token_id);
};

}  // namespace pineal::app
