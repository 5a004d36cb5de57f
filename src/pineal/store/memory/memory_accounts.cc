// Users, care teams, sessions and the audit log.
#include <algorithm>

#include "pineal/store/memory/memory_store.h"
#include "pineal/store/memory/memory_util.h"

namespace pineal::store {

using memory::Conflict;
using memory::ForeignKeyConflict;

Result<UserId> MemoryStore::InsertUser(const User& u) {
  std::lock_guard lock(mu_);
  for (const User& other : t_.users) {
    if (memory::EqualsNoCase(other.username, u.username)) {
      return Status::AlreadyExists("the username '" + u.username + "' is taken", "username");
    }
  }
  if ((u.role == UserRole::kPatient) != u.patient_id.has_value()) {
    return Conflict("add user",
                    "CHECK constraint failed: (role = 'patient') = (patient_id IS NOT NULL)");
  }
  if (u.patient_id && !PatientExists(*u.patient_id)) return ForeignKeyConflict("add user");
  // The INSERT leaves the login state at its column defaults.
  User row = u;
  row.id = UserId(NextId(t_.users));
  row.disabled = false;
  row.password_reset_at.reset();
  row.password_reset_by.clear();
  t_.users.push_back(std::move(row));
  return t_.users.back().id;
}

Result<User> MemoryStore::GetUser(UserId id) {
  std::lock_guard lock(mu_);
  const User* u = Find(t_.users, id.value());
  if (u == nullptr) return Status::NotFound("user " + id.ToString() + " not found");
  return *u;
}

Result<User> MemoryStore::FindUser(const std::string& username) {
  std::lock_guard lock(mu_);
  for (const User& u : t_.users) {
    if (memory::EqualsNoCase(u.username, username)) return u;
  }
  return Status::NotFound("no user named '" + username + "'");
}

Result<std::vector<User>> MemoryStore::ListUsers() {
  std::lock_guard lock(mu_);
  std::vector<User> out = t_.users;
  std::stable_sort(out.begin(), out.end(), [](const User& a, const User& b) {
    return memory::LessNoCase(a.username, b.username);
  });
  return out;
}

Status MemoryStore::UpdateUser(const User& u) {
  std::lock_guard lock(mu_);
  User* row = Find(t_.users, u.id.value());
  if (row == nullptr) return Status::NotFound("user " + u.id.ToString() + " not found");
  row->display_name = u.display_name;
  row->password_hash = u.password_hash;
  row->disabled = u.disabled;
  row->password_reset_at = u.password_reset_at;
  row->password_reset_by = u.password_reset_by;
  return Status::Ok();
}

Status MemoryStore::AddToCareTeam(PatientId patient, UserId user,
                                  const records::Provenance& /*by*/) {
  std::lock_guard lock(mu_);
  // INSERT OR IGNORE: a member added twice stays once; foreign keys still hold.
  for (const CareTeamRow& row : t_.care_team) {
    if (row.patient_id == patient && row.user_id == user) return Status::Ok();
  }
  if (!PatientExists(patient) || !UserExists(user)) return ForeignKeyConflict("add to care team");
  t_.care_team.push_back({patient, user});
  return Status::Ok();
}

Result<bool> MemoryStore::IsOnCareTeam(PatientId patient, UserId user) {
  std::lock_guard lock(mu_);
  return std::any_of(t_.care_team.begin(), t_.care_team.end(), [&](const CareTeamRow& row) {
    return row.patient_id == patient && row.user_id == user;
  });
}

Result<std::vector<UserId>> MemoryStore::CareTeam(PatientId patient) {
  std::lock_guard lock(mu_);
  std::vector<UserId> out;
  for (const CareTeamRow& row : t_.care_team) {
    if (row.patient_id == patient) out.push_back(row.user_id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

Result<std::int64_t> MemoryStore::InsertSession(const Session& s) {
  std::lock_guard lock(mu_);
  for (const Session& other : t_.sessions) {
    if (other.token_hash == s.token_hash) {
      return Conflict("add session", "UNIQUE constraint failed: sessions.token_hash");
    }
  }
  if (!UserExists(s.user_id)) return ForeignKeyConflict("add session");
  Session row = s;
  row.id = NextId(t_.sessions);
  row.revoked_at.reset();  // not written by the INSERT
  t_.sessions.push_back(std::move(row));
  return t_.sessions.back().id;
}

Result<Session> MemoryStore::FindSession(const std::string& token_hash) {
  std::lock_guard lock(mu_);
  for (const Session& s : t_.sessions) {
    if (s.token_hash == token_hash) return s;
  }
  return Status::NotFound("no such session");
}

Result<std::vector<Session>> MemoryStore::ListSessions(UserId user) {
  std::lock_guard lock(mu_);
  std::vector<Session> out;
  for (const Session& s : t_.sessions) {
    if (s.user_id == user) out.push_back(s);
  }
  return out;
}

Status MemoryStore::RevokeSession(UserId user, std::int64_t session_id, Instant at) {
  std::lock_guard lock(mu_);
  Session* s = Find(t_.sessions, session_id);
  if (s == nullptr || s->user_id != user) {
    return Status::NotFound("token " + std::to_string(session_id) + " not found");
  }
  if (!s->revoked_at) s->revoked_at = at;  // the first revocation's time stays
  return Status::Ok();
}

Result<int> MemoryStore::RevokeAllSessions(UserId user, Instant at) {
  std::lock_guard lock(mu_);
  int count = 0;
  for (Session& s : t_.sessions) {
    if (s.user_id == user && !s.revoked_at) {
      s.revoked_at = at;
      ++count;
    }
  }
  return count;
}

Status MemoryStore::AppendAudit(const AuditEvent& event) {
  std::lock_guard lock(mu_);
  AuditEvent row = event;
  row.id = NextId(t_.audit);
  t_.audit.push_back(std::move(row));
  return Status::Ok();
}

Result<std::vector<AuditEvent>> MemoryStore::ListAudit(const AuditQuery& query) {
  std::lock_guard lock(mu_);
  std::vector<AuditEvent> out;
  for (auto it = t_.audit.rbegin(); it != t_.audit.rend(); ++it) {  // ORDER BY id DESC
    if (query.patient_id && it->patient_id != query.patient_id) continue;
    if (!query.actor.empty() && it->actor != query.actor) continue;
    if (query.before_id && it->id >= *query.before_id) continue;
    out.push_back(*it);
  }
  return memory::LimitOffset(std::move(out), query.limit);
}

}  // namespace pineal::store
