// Accounts, logins, sessions and API tokens.
#include "tests/unit/app/app_fixture.h"

namespace pineal::testing {
namespace {

using AccountsTest = AppTest;

TEST_F(AccountsTest, ALoginWithTheRightPasswordOpensASession) {
  auto grant = app_->accounts().Login("dr.house", std::string(kPassword), "10.0.0.7");
  ASSERT_TRUE(grant.ok()) << grant.status().ToString();
  EXPECT_EQ(grant->user.username, "dr.house");
  EXPECT_EQ(grant->session_token.size(), 64u);
  EXPECT_EQ(grant->expires_at, At(kNow) + app::kBrowserSessionLifetime);

  auto who = app_->accounts().Authenticate(grant->session_token, "10.0.0.7");
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_EQ(who->actor.user_id, dr_.user_id);
  EXPECT_EQ(who->actor.role, app::Role::kClinician);
  EXPECT_EQ(who->actor.address, "10.0.0.7");
  EXPECT_EQ(who->session.kind, store::SessionKind::kBrowser);

  auto rows = AuditOf("auth.login");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].outcome, "ok");
  EXPECT_EQ(rows[0].actor, "dr.house");
  EXPECT_EQ(rows[0].role, "clinician");
  EXPECT_EQ(rows[0].address, "10.0.0.7");

  // A browser session ends after its lifetime.
  clock_.Set(At(kNow) + app::kBrowserSessionLifetime);
  EXPECT_EQ(app_->accounts().Authenticate(grant->session_token, "").status().code(),
            StatusCode::kUnauthenticated);
}

TEST_F(AccountsTest, ALogoutIsAuditedWithItsSession) {
  auto grant = app_->accounts().Login("dr.house", std::string(kPassword), "10.0.0.7");
  ASSERT_TRUE(grant.ok()) << grant.status().ToString();
  auto who = app_->accounts().Authenticate(grant->session_token, "10.0.0.7");
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  ASSERT_TRUE(app_->accounts().Logout(who->actor, who->session.id).ok());
  auto rows = AuditOf("auth.logout");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].outcome, "ok");
  EXPECT_EQ(rows[0].record_ids,
            std::vector<std::string>{"session:" + std::to_string(who->session.id)});
  EXPECT_EQ(app_->accounts().Authenticate(grant->session_token, "").status().code(),
            StatusCode::kUnauthenticated);
}

TEST_F(AccountsTest, AWrongPasswordIsUnauthenticatedAndCounted) {
  auto r = app_->accounts().Login("dr.house", "not the password at all", "10.0.0.7");
  ASSERT_EQ(r.status().code(), StatusCode::kUnauthenticated);
  auto unknown = app_->accounts().Login("dr.nobody", "not the password at all", "10.0.0.7");
  ASSERT_EQ(unknown.status().code(), StatusCode::kUnauthenticated);
  // The same answer, so that usernames cannot be probed.
  EXPECT_EQ(r.status().message(), unknown.status().message());

  EXPECT_EQ(memory_.GetLoginThrottle("dr.house", "10.0.0.7")->failures, 1);
  auto rows = AuditOf("auth.login");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].outcome, "unauthenticated");
  EXPECT_EQ(rows[0].actor, "dr.house");
  EXPECT_EQ(rows[1].actor, "dr.nobody");
  EXPECT_EQ(rows[1].role, "system");

  // A successful login clears the count.
  ASSERT_TRUE(app_->accounts().Login("dr.house", std::string(kPassword), "10.0.0.7").ok());
  EXPECT_EQ(memory_.GetLoginThrottle("dr.house", "10.0.0.7")->failures, 0);
}

TEST_F(AccountsTest, TooManyWrongPasswordsLockTheAccountForAWhile) {
  for (int i = 0; i < app::kMaxFailedLogins; ++i) {
    EXPECT_EQ(app_->accounts().Login("dr.house", "not the password at all", "").status().code(),
              StatusCode::kUnauthenticated);
  }
  // Even the right password is refused from that address while it is locked.
  app::LoginRefusal refusal;
  EXPECT_EQ(
      app_->accounts().Login("dr.house", std::string(kPassword), "", &refusal).status().code(),
      StatusCode::kResourceExhausted);
  EXPECT_EQ(refusal.retry_at, At(kNow) + app::kLockout);
  clock_.Set(At(kNow) + app::kLockout);
  EXPECT_TRUE(app_->accounts().Login("dr.house", std::string(kPassword), "").ok());
}

TEST_F(AccountsTest, ADisabledAccountCannotLogInAndItsSessionsEnd) {
  const app::Actor admin = NewActor("admin.one", store::UserRole::kAdmin);
  auto grant = app_->accounts().Login("dr.house", std::string(kPassword), "");
  ASSERT_TRUE(grant.ok());
  auto disabled = app_->accounts().SetUserDisabled(admin, "dr.house", true);
  ASSERT_TRUE(disabled.ok()) << disabled.status().ToString();
  EXPECT_TRUE(memory_.FindUser("dr.house")->disabled);
  EXPECT_EQ(app_->accounts().Authenticate(grant->session_token, "").status().code(),
            StatusCode::kUnauthenticated);
  auto again = app_->accounts().Login("dr.house", std::string(kPassword), "");
  EXPECT_EQ(again.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(again.status().message(), "this account is disabled");

  // Only an administrator manages accounts.
  EXPECT_EQ(app_->accounts().SetUserDisabled(dr_, "admin.one", true).status().code(),
            StatusCode::kPermissionDenied);
}

TEST_F(AccountsTest, AnApiTokenAuthenticatesUntilItIsRevoked) {
  auto grant = app_->accounts().CreateApiToken(dr_, "laptop");
  ASSERT_TRUE(grant.ok()) << grant.status().ToString();
  EXPECT_EQ(grant->name, "laptop");
  EXPECT_EQ(grant->token.size(), 64u);

  auto tokens = app_->accounts().ListApiTokens(dr_);
  ASSERT_TRUE(tokens.ok());
  ASSERT_EQ(tokens->size(), 1u);
  EXPECT_EQ((*tokens)[0].id, grant->id);
  EXPECT_EQ((*tokens)[0].name, "laptop");
  EXPECT_EQ((*tokens)[0].kind, store::SessionKind::kApi);
  // Only the hash of the token is stored.
  EXPECT_NE((*tokens)[0].token_hash, grant->token);

  // An API token does not expire with time.
  clock_.Set(At("2027-11-10T12:00:00Z"));
  auto who = app_->accounts().Authenticate(grant->token, "");
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_EQ(who->actor.name, "dr.house");

  // Someone else cannot revoke it.
  const app::Actor other = NewActor("dr.wilson", store::UserRole::kClinician);
  EXPECT_EQ(app_->accounts().RevokeApiToken(other, grant->id).code(), StatusCode::kNotFound);
  EXPECT_TRUE(app_->accounts().Authenticate(grant->token, "").ok());

  ASSERT_TRUE(app_->accounts().RevokeApiToken(dr_, grant->id).ok());
  EXPECT_EQ(app_->accounts().Authenticate(grant->token, "").status().code(),
            StatusCode::kUnauthenticated);
  auto rows = AuditOf("auth.token_revoke");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].outcome, "not_found");
  EXPECT_EQ(rows[1].outcome, "ok");
  EXPECT_EQ(rows[1].actor, "dr.house");
  EXPECT_EQ(rows[1].record_ids, std::vector<std::string>{"session:" + std::to_string(grant->id)});
  EXPECT_TRUE(rows[0].record_ids.empty()) << "a refused revocation names no record";
}

TEST_F(AccountsTest, ATokenNeedsAName) {
  auto r = app_->accounts().CreateApiToken(dr_, "");
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "name");
  EXPECT_TRUE(memory_.ListSessions(*dr_.user_id)->empty());
  EXPECT_EQ(app_->accounts().CreateApiToken(app::Actor{}, "cli").status().code(),
            StatusCode::kUnauthenticated);
}

TEST_F(AccountsTest, LogoutEverywhereEndsEverySessionAndToken) {
  auto s1 = app_->accounts().Login("dr.house", std::string(kPassword), "");
  auto s2 = app_->accounts().Login("dr.house", std::string(kPassword), "");
  auto t = app_->accounts().CreateApiToken(dr_, "laptop");
  ASSERT_TRUE(s1.ok() && s2.ok() && t.ok());
  auto n = app_->accounts().LogoutEverywhere(dr_);
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(*n, 3);
  for (const std::string& token : {s1->session_token, s2->session_token, t->token}) {
    EXPECT_EQ(app_->accounts().Authenticate(token, "").status().code(),
              StatusCode::kUnauthenticated);
  }
}

TEST_F(AccountsTest, CreateUserChecksRoleUsernameAndPassword) {
  const PatientId p = NewPatient();
  app::Actor system;
  auto by_clinician = app_->accounts().CreateUser(
      dr_, {"dr.wilson", "", store::UserRole::kClinician, std::nullopt, std::string(kPassword)});
  EXPECT_EQ(by_clinician.status().code(), StatusCode::kPermissionDenied);

  auto no_patient = app_->accounts().CreateUser(
      system, {"ada.l", "", store::UserRole::kPatient, std::nullopt, std::string(kPassword)});
  EXPECT_EQ(no_patient.status().field(), "patient_id");
  auto clinician_with_patient = app_->accounts().CreateUser(
      system, {"dr.wilson", "", store::UserRole::kClinician, p, std::string(kPassword)});
  EXPECT_EQ(clinician_with_patient.status().field(), "patient_id");
  auto short_password = app_->accounts().CreateUser(
      system, {"dr.wilson", "", store::UserRole::kClinician, std::nullopt, "short"});
  EXPECT_EQ(short_password.status().field(), "password");
  auto bad_name = app_->accounts().CreateUser(
      system, {"dr wilson", "", store::UserRole::kClinician, std::nullopt, std::string(kPassword)});
  EXPECT_EQ(bad_name.status().field(), "username");
  // Usernames are unique regardless of case.
  auto taken = app_->accounts().CreateUser(
      system, {"DR.HOUSE", "", store::UserRole::kClinician, std::nullopt, std::string(kPassword)});
  EXPECT_EQ(taken.status().code(), StatusCode::kAlreadyExists);

  auto users = memory_.ListUsers();
  ASSERT_TRUE(users.ok());
  EXPECT_EQ(users->size(), 1u);  // the fixture's clinician

  auto ok = app_->accounts().CreateUser(
      system, {"ada.l", "", store::UserRole::kPatient, p, std::string(kPassword)});
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_EQ(ok->display_name, "ada.l");  // defaults to the username
  EXPECT_EQ(ok->patient_id, p);
  EXPECT_EQ(ok->created_by, "system");
  EXPECT_EQ(ok->created_at, At(kNow));
  EXPECT_NE(ok->password_hash.find("argon2id"), std::string::npos);
}

}  // namespace
}  // namespace pineal::testing
