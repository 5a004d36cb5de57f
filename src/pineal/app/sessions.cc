// Use cases: logging in and out, API tokens, resolving a token to a caller.
#include <optional>

#include "pineal/app/credentials.h"
#include "pineal/app/accounts.h"
#include "pineal/records/text_checks.h"

namespace pineal::app {
Role RoleOf(store::UserRole r) {
  switch (r) {
    case store::UserRole::kAdmin: return Role::kAdmin;
    case store::UserRole::kClinician: return Role::kClinician;
    case store::UserRole::kPatient: return Role::kPatient;
  }
  return Role::kPatient;
}

namespace {

Status BadCredentials() { return Status::Unauthenticated("wrong username or password"); }

// A hash to verify against when the username does not exist, so that the
// answer takes as long as for a real account.
const std::string& DummyHash() {
  static const std::string hash = *HashPassword("pineal-timing-equaliser");
  return hash;
}

}  // namespace

Result<LoginGrant> Accounts::Login(const std::string& username, const std::string& password,
                                   const std::string& address, LoginRefusal* refusal) {
  const Instant now = clock_.Now();
  const std::string& dummy_hash = DummyHash();
  Actor who{std::nullopt, username, Role::kSystem, std::nullopt, address};
  auto result = [&]() -> Result<LoginGrant> {
    // The same steps, in the same order, for existing and unknown usernames:
    // count the attempt, then check a password hash (a dummy one if there is
    // no such account), so neither the answer nor its timing tells them apart.
    PINEAL_ASSIGN_OR_RETURN(LoginSlot slot, ReserveLoginAttempt(username, address, now));
    auto user = store_.FindUser(username);
    if (user.ok())
      who = Actor{user->id, user->username, RoleOf(user->role), user->patient_id, address};
    if (slot.locked_until) {
      if (refusal != nullptr) refusal->retry_at = *slot.locked_until;
      return Status::ResourceExhausted(
          "too many failed logins for this username; try again after " +
          FormatInstant(*slot.locked_until));
    }
    if (!VerifyPassword(password, user.ok() ? user->password_hash : dummy_hash) || !user.ok()) {
      return BadCredentials();
    }
    const store::User& u = *user;
    if (u.disabled) return Status::Unauthenticated("this account is disabled");
    PINEAL_RETURN_IF_ERROR(RecordLoginSuccess(username, address, slot.known_address, now));
    LoginGrant grant;
    PINEAL_ASSIGN_OR_RETURN(grant.session_token, NewToken());
    grant.csrf_token = CsrfTokenFor(grant.session_token);
    grant.user = u;
    grant.expires_at = now + kBrowserSessionLifetime;
    store::Session s;
    s.token_hash = Sha256Hex(grant.session_token);
    s.user_id = u.id;
    s.kind = store::SessionKind::kBrowser;
    s.csrf_hash = Sha256Hex(grant.csrf_token);
    s.created_at = now;
    s.expires_at = grant.expires_at;
    PINEAL_RETURN_IF_ERROR(store_.InsertSession(s).status());
    return grant;
  }();
  WithholdIfUnaudited(result, RecordAudit(who, "auth.login", std::nullopt, result.status()));
  return result;
}

Result<Authenticated> Accounts::Authenticate(const std::string& token, const std::string& address) {
  const Status denied =
      Status::Unauthenticated("the session has ended or the token is invalid; log in again");
  if (token.size() != 64) return denied;
  // One snapshot: a session and its user as they stood together.
  std::optional<store::Session> session;
  std::optional<store::User> user;
  const Status found = store_.ReadTogether([&]() -> Status {
    PINEAL_ASSIGN_OR_RETURN(session, store_.FindSession(Sha256Hex(token)));
    PINEAL_ASSIGN_OR_RETURN(user, store_.GetUser(session->user_id));
    return Status::Ok();
  });
  if (!found.ok()) return denied;
  if (session->revoked_at) return denied;
  if (session->expires_at && *session->expires_at <= clock_.Now()) return denied;
  if (user->disabled) return denied;
  return Authenticated{
      Actor{user->id, user->username, RoleOf(user->role), user->patient_id, address}, *session};
}

Status Accounts::EndOwnSession(const Actor& actor, std::string_view action,
                               std::int64_t session_id) {
  return CommitAudited(
      actor, action, std::nullopt,
      [&]() -> Status {
        if (!actor.user_id) return Status::Unauthenticated("not logged in");
        return store_.RevokeSession(*actor.user_id, session_id, clock_.Now());
      },
      {}, [&] { return std::vector<std::string>{AuditRecordId("session", session_id)}; });
}

Status Accounts::Logout(const Actor& actor, std::int64_t session_id) {
  return EndOwnSession(actor, "auth.logout", session_id);
}

Result<int> Accounts::LogoutEverywhere(const Actor& actor) {
  return AuditedWrite<int>(actor, "auth.logout_everywhere", std::nullopt, [&]() -> Result<int> {
    if (!actor.user_id) return Status::Unauthenticated("not logged in");
    return store_.RevokeAllSessions(*actor.user_id, clock_.Now());
  });
}

Result<ApiTokenGrant> Accounts::CreateApiToken(const Actor& actor, const std::string& name) {
  auto result = AuditedWrite<ApiTokenGrant>(
      actor, "auth.token_create", std::nullopt,
      [&]() -> Result<ApiTokenGrant> {
        if (!actor.user_id) return Status::Unauthenticated("not logged in");
        PINEAL_RETURN_IF_ERROR(records::CheckRequiredText(name, "name", 100));
        ApiTokenGrant grant;
        PINEAL_ASSIGN_OR_RETURN(grant.token, NewToken());
        grant.name = name;
        store::Session s;
        s.token_hash = Sha256Hex(grant.token);
        s.user_id = *actor.user_id;
        s.kind = store::SessionKind::kApi;
        s.name = name;
        s.created_at = clock_.Now();
        PINEAL_ASSIGN_OR_RETURN(grant.id, store_.InsertSession(s));
        return grant;
      },
      [&] { return "name=" + name; });
  return result;
}

Result<std::vector<store::Session>> Accounts::ListApiTokens(const Actor& actor) {
  if (!actor.user_id) return Status::Unauthenticated("not logged in");
  PINEAL_ASSIGN_OR_RETURN(auto all, store_.ListSessions(*actor.user_id));
  std::vector<store::Session> tokens;
  for (auto& s : all) {
    if (s.kind == store::SessionKind::kApi) tokens.push_back(std::move(s));
  }
  return tokens;
}

Status Accounts::RevokeApiToken(const Actor& actor, std::int64_t token_id) {
  return EndOwnSession(actor, "auth.token_revoke", token_id);
}

}  // namespace pineal::app
