// Users, care teams and sessions.
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include "pineal/store/sqlite/connection.h"
#include "pineal/store/sqlite/sqlite_guard.h"
#include "pineal/store/sqlite/sqlite_rows.h"

namespace pineal::store {
namespace {

using namespace sqlite;  // NOLINT: private row helpers

User ReadUser(SQLite::Statement& q) {
  User u;
  u.id = UserId(q.getColumn("id").getInt64());
  u.username = ColText(q, "username");
  u.display_name = ColText(q, "display_name");
  auto role = UserRoleFromName(ColText(q, "role"));
  if (!role) throw std::runtime_error("stored user role is unreadable");
  u.role = *role;
  if (auto p = ColOptInt(q, "patient_id")) u.patient_id = PatientId(*p);
  u.password_hash = ColText(q, "password_hash");
  u.disabled = q.getColumn("disabled").getInt() != 0;
  u.password_reset_at = ColOptInstant(q, "password_reset_at");
  u.password_reset_by = ColText(q, "password_reset_by");
  u.created_at = ColInstant(q, "created_at");
  u.created_by = ColText(q, "created_by");
  return u;
}

Session ReadSession(SQLite::Statement& q) {
  Session s;
  s.id = q.getColumn("id").getInt64();
  s.token_hash = ColText(q, "token_hash");
  s.user_id = UserId(q.getColumn("user_id").getInt64());
  s.kind = ColText(q, "kind") == "api" ? SessionKind::kApi : SessionKind::kBrowser;
  s.name = ColText(q, "name");
  s.csrf_hash = ColText(q, "csrf_hash");
  s.created_at = ColInstant(q, "created_at");
  s.expires_at = ColOptInstant(q, "expires_at");
  s.revoked_at = ColOptInstant(q, "revoked_at");
  return s;
}

}  // namespace

std::string_view UserRoleName(UserRole role) {
  switch (role) {
    case UserRole::kAdmin: return "admin";
    case UserRole::kClinician: return "clinician";
    case UserRole::kPatient: return "patient";
  }
  return "unknown";
}

std::optional<UserRole> UserRoleFromName(std::string_view name) {
  for (UserRole r : {UserRole::kAdmin, UserRole::kClinician, UserRole::kPatient}) {
    if (UserRoleName(r) == name) return r;
  }
  return std::nullopt;
}

Result<UserId> SqliteStore::InsertUser(const User& u) {
  return Guarded("add user", [&]() -> Result<UserId> {
    Query exists(*db_, "SELECT 1 FROM users WHERE username = ?");
    exists.bind(1, u.username);
    if (exists.executeStep()) {
      return Status::AlreadyExists("the username '" + u.username + "' is taken", "username");
    }
    Query ins(*db_,
              "INSERT INTO users(username, display_name, role, patient_id, "
              "password_hash, created_at, created_by) VALUES (:u, :d, :r, :p, :h, "
              ":ca, :cb)");
    BindText(ins, ":u", u.username);
    BindText(ins, ":d", u.display_name);
    ins.bind(":r", std::string(UserRoleName(u.role)));
    if (u.patient_id) {
      ins.bind(":p", u.patient_id->value());
    } else {
      ins.bind(":p");
    }
    BindText(ins, ":h", u.password_hash);
    BindInstant(ins, ":ca", u.created_at);
    BindText(ins, ":cb", u.created_by);
    ins.exec();
    return UserId(db_->getLastInsertRowid());
  });
}

Result<User> SqliteStore::GetUser(UserId id) {
  return Guarded("read user", [&]() -> Result<User> {
    Query q(*db_, "SELECT * FROM users WHERE id = ?");
    q.bind(1, id.value());
    if (!q.executeStep()) return Status::NotFound("user " + id.ToString() + " not found");
    return ReadUser(q);
  });
}

Result<User> SqliteStore::FindUser(const std::string& username) {
  return Guarded("find user", [&]() -> Result<User> {
    Query q(*db_, "SELECT * FROM users WHERE username = ?");
    q.bind(1, username);
    if (!q.executeStep()) return Status::NotFound("no user named '" + username + "'");
    return ReadUser(q);
  });
}

Result<std::vector<User>> SqliteStore::ListUsers() {
  return Guarded("list users", [&]() -> Result<std::vector<User>> {
    Query q(*db_, "SELECT * FROM users ORDER BY username");
    std::vector<User> out;
    while (q.executeStep()) out.push_back(ReadUser(q));
    return out;
  });
}

Status SqliteStore::UpdateUser(const User& u) {
  return Guarded("update user", [&]() -> Status {
    Query up(*db_,
             "UPDATE users SET display_name = :d, password_hash = :h, disabled = :x, "
             "password_reset_at = :ra, password_reset_by = :rb WHERE id = :id");
    BindText(up, ":d", u.display_name);
    BindText(up, ":h", u.password_hash);
    up.bind(":x", u.disabled ? 1 : 0);
    BindOptInstant(up, ":ra", u.password_reset_at);
    up.bind(":rb", u.password_reset_by);
    up.bind(":id", u.id.value());
    if (up.exec() == 0) return Status::NotFound("user " + u.id.ToString() + " not found");
    return Status::Ok();
  });
}

Status SqliteStore::AddToCareTeam(PatientId patient, UserId user, const records::Provenance& by) {
  return Guarded("add to care team", [&]() -> Status {
    Query ins(*db_,
              "INSERT OR IGNORE INTO care_team(patient_id, user_id, added_at, added_by) "
              "VALUES (?, ?, ?, ?)");
    ins.bind(1, patient.value());
    ins.bind(2, user.value());
    ins.bind(3, FormatInstant(by.created_at));
    ins.bind(4, by.created_by);
    ins.exec();
    return Status::Ok();
  });
}

Result<bool> SqliteStore::IsOnCareTeam(PatientId patient, UserId user) {
  return Guarded("check care team", [&]() -> Result<bool> {
    Query q(*db_, "SELECT 1 FROM care_team WHERE patient_id = ? AND user_id = ?");
    q.bind(1, patient.value());
    q.bind(2, user.value());
    return q.executeStep();
  });
}

Result<std::vector<UserId>> SqliteStore::CareTeam(PatientId patient) {
  return Guarded("list care team", [&]() -> Result<std::vector<UserId>> {
    Query q(*db_, "SELECT user_id FROM care_team WHERE patient_id = ? ORDER BY user_id");
    q.bind(1, patient.value());
    std::vector<UserId> out;
    while (q.executeStep()) out.emplace_back(q.getColumn(0).getInt64());
    return out;
  });
}

Result<std::int64_t> SqliteStore::InsertSession(const Session& s) {
  return Guarded("add session", [&]() -> Result<std::int64_t> {
    Query ins(*db_,
              "INSERT INTO sessions(token_hash, user_id, kind, name, csrf_hash, "
              "created_at, expires_at) VALUES (:t, :u, :k, :n, :c, :ca, :e)");
    BindText(ins, ":t", s.token_hash);
    ins.bind(":u", s.user_id.value());
    ins.bind(":k", std::string(s.kind == SessionKind::kApi ? "api" : "browser"));
    BindText(ins, ":n", s.name);
    BindText(ins, ":c", s.csrf_hash);
    BindInstant(ins, ":ca", s.created_at);
    BindOptInstant(ins, ":e", s.expires_at);
    ins.exec();
    return db_->getLastInsertRowid();
  });
}

Result<Session> SqliteStore::FindSession(const std::string& token_hash) {
  return Guarded("find session", [&]() -> Result<Session> {
    Query q(*db_, "SELECT * FROM sessions WHERE token_hash = ?");
    q.bind(1, token_hash);
    if (!q.executeStep()) return Status::NotFound("no such session");
    return ReadSession(q);
  });
}

Result<std::vector<Session>> SqliteStore::ListSessions(UserId user) {
  return Guarded("list sessions", [&]() -> Result<std::vector<Session>> {
    Query q(*db_, "SELECT * FROM sessions WHERE user_id = ? ORDER BY id");
    q.bind(1, user.value());
    std::vector<Session> out;
    while (q.executeStep()) out.push_back(ReadSession(q));
    return out;
  });
}

Status SqliteStore::RevokeSession(UserId user, std::int64_t session_id, Instant at) {
  return Guarded("revoke session", [&]() -> Status {
    Query up(*db_,
             "UPDATE sessions SET revoked_at = COALESCE(revoked_at, ?) "
             "WHERE id = ? AND user_id = ?");
    up.bind(1, FormatInstant(at));
    up.bind(2, session_id);
    up.bind(3, user.value());
    if (up.exec() == 0)
      return Status::NotFound("token " + std::to_string(session_id) + " not found");
    return Status::Ok();
  });
}

Result<int> SqliteStore::RevokeAllSessions(UserId user, Instant at) {
  return Guarded("revoke sessions", [&]() -> Result<int> {
    Query up(*db_, "UPDATE sessions SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL");
    up.bind(1, FormatInstant(at));
    up.bind(2, user.value());
    return up.exec();
  });
}

}  // namespace pineal::store
