// Store contract: users, care teams, sessions and API tokens, the audit log.
// The method coverage list is in store_contract_test.cc.
#include "tests/unit/store/store_contract.h"

namespace pineal::store::contract {
namespace {

// ---------------------------------------------------------------- users

TEST_P(StoreContract, InsertUserRoundTrips) {
  auto id = store().InsertUser(NewUser("dr.house"));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_TRUE(id->valid());
  auto u = store().GetUser(*id);
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(u->id, *id);
  EXPECT_EQ(u->username, "dr.house");
  EXPECT_EQ(u->display_name, "Dr dr.house");
  EXPECT_EQ(u->role, UserRole::kClinician);
  EXPECT_FALSE(u->patient_id.has_value());
  EXPECT_EQ(u->password_hash, "$argon2id$v=19$m=65536,t=3,p=1$stub");
  EXPECT_FALSE(u->disabled);
  EXPECT_FALSE(u->password_reset_at.has_value());
  EXPECT_EQ(u->password_reset_by, "");
  EXPECT_EQ(u->created_at, At("2026-11-01T08:00:00Z"));
  EXPECT_EQ(u->created_by, "admin");
  auto admin = store().InsertUser(NewUser("root", UserRole::kAdmin));
  ASSERT_TRUE(admin.ok());
  EXPECT_NE(*admin, *id);
  EXPECT_EQ(store().GetUser(*admin)->role, UserRole::kAdmin);
}

TEST_P(StoreContract, PatientAccountKeepsItsPatient) {
  PatientId p = AddPatient();
  User in = NewUser("ada", UserRole::kPatient);
  in.patient_id = p;
  auto id = store().InsertUser(in);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto u = store().GetUser(*id);
  ASSERT_TRUE(u.ok());
  EXPECT_EQ(u->role, UserRole::kPatient);
  EXPECT_EQ(u->patient_id, p);
}

TEST_P(StoreContract, UsernamesAreUniqueRegardlessOfCase) {
  UserId first = AddUser("Dr.Who");
  User clash = NewUser("dr.who");
  clash.display_name = "Impostor";
  auto second = store().InsertUser(clash);
  EXPECT_EQ(second.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(second.status().field(), "username");
  EXPECT_EQ(store().InsertUser(NewUser("Dr.Who")).status().code(), StatusCode::kAlreadyExists);
  auto users = store().ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 1u);
  EXPECT_EQ(users->at(0).id, first);
  EXPECT_EQ(users->at(0).display_name, "Dr Dr.Who");
}

TEST_P(StoreContract, GetUnknownUserIsNotFound) {
  UserId id = AddUser("dr.a");
  EXPECT_EQ(store().GetUser(UserId(id.value() + 1000)).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().GetUser(UserId()).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContract, FindUserIgnoresCase) {
  UserId id = AddUser("Dr.Who");
  AddUser("dr.other");
  for (const char* name : {"Dr.Who", "dr.who", "DR.WHO"}) {
    auto u = store().FindUser(name);
    ASSERT_TRUE(u.ok()) << name << ": " << u.status().ToString();
    EXPECT_EQ(u->id, id) << name;
    EXPECT_EQ(u->username, "Dr.Who");  // stored as first written
  }
  EXPECT_EQ(store().FindUser("dr.whom").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().FindUser("").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContract, ListUsersOrderedByUsername) {
  EXPECT_TRUE(store().ListUsers()->empty());
  UserId carl = AddUser("carl");
  UserId alice = AddUser("Alice");
  UserId bob = AddUser("bob");
  auto users = store().ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 3u);
  EXPECT_EQ(users->at(0).id, alice);
  EXPECT_EQ(users->at(1).id, bob);
  EXPECT_EQ(users->at(2).id, carl);
  EXPECT_EQ(users->at(0).username, "Alice");
  EXPECT_EQ(users->at(2).password_hash, "$argon2id$v=19$m=65536,t=3,p=1$stub");
}

TEST_P(StoreContract, UpdateUserWritesOnlyTheMutableFields) {
  UserId id = AddUser("dr.a");
  User u = *store().GetUser(id);
  u.display_name = "Dr A. Renamed";
  u.password_hash = "$argon2id$new";
  u.disabled = true;
  u.password_reset_at = At("2026-11-20T10:15:00Z");
  u.password_reset_by = "admin.one";
  // Not writable through UpdateUser:
  u.username = "dr.b";
  u.role = UserRole::kAdmin;
  u.created_at = At("2030-01-01T00:00:00Z");
  u.created_by = "intruder";
  ASSERT_TRUE(store().UpdateUser(u).ok());
  auto got = store().GetUser(id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->display_name, "Dr A. Renamed");
  EXPECT_EQ(got->password_hash, "$argon2id$new");
  EXPECT_TRUE(got->disabled);
  EXPECT_EQ(got->password_reset_at, At("2026-11-20T10:15:00Z"));
  EXPECT_EQ(got->password_reset_by, "admin.one");
  EXPECT_EQ(got->username, "dr.a");
  EXPECT_EQ(got->role, UserRole::kClinician);
  EXPECT_EQ(got->created_at, At("2026-11-01T08:00:00Z"));
  EXPECT_EQ(got->created_by, "admin");
  EXPECT_EQ(store().FindUser("dr.b").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContract, LoginThrottlesAreKeptPerUsernameAndAddress) {
  auto fresh = store().GetLoginThrottle("Dr.A", "203.0.113.1");
  ASSERT_TRUE(fresh.ok());
  EXPECT_EQ(fresh->failures, 0);
  EXPECT_FALSE(fresh->locked_until.has_value());
  LoginThrottle row = *fresh;
  row.failures = 5;
  row.lockouts = 1;
  row.locked_until = At("2026-11-20T10:15:00Z");
  row.updated_at = At("2026-11-20T10:00:00Z");
  ASSERT_TRUE(store().PutLoginThrottle(row).ok());
  LoginThrottle known;
  known.username = "dr.a";
  known.address = "192.0.2.1";
  known.last_success_at = At("2026-11-19T08:00:00Z");
  known.updated_at = At("2026-11-19T08:00:00Z");
  ASSERT_TRUE(store().PutLoginThrottle(known).ok());
  // Usernames match regardless of case, addresses exactly.
  auto got = store().GetLoginThrottle("dr.a", "203.0.113.1");
  EXPECT_EQ(got->failures, 5);
  EXPECT_EQ(got->lockouts, 1);
  EXPECT_EQ(got->locked_until, At("2026-11-20T10:15:00Z"));
  EXPECT_EQ(store().GetLoginThrottle("dr.a", "203.0.113.2")->failures, 0);
  EXPECT_EQ(*store().ClearLoginThrottles("DR.A", At("2026-11-20T10:05:00Z")), 1);
  EXPECT_FALSE(store().GetLoginThrottle("dr.a", "203.0.113.1")->locked_until.has_value());
  EXPECT_EQ(store().GetLoginThrottle("dr.a", "203.0.113.1")->lockouts, 0);
  // A purge forgets idle addresses that never signed in, not known ones.
  ASSERT_TRUE(store().PurgeLoginThrottles(At("2026-11-22T00:00:00Z")).ok());
  EXPECT_EQ(store().GetLoginThrottle("dr.a", "203.0.113.1")->updated_at, Instant{});
  EXPECT_EQ(store().GetLoginThrottle("dr.a", "192.0.2.1")->last_success_at,
            At("2026-11-19T08:00:00Z"));
}

TEST_P(StoreContract, IdempotencyKeysAreReservedOnceThenAnswered) {
  UserId id = AddUser("dr.a");
  IdempotencyRecord r;
  r.user_id = id;
  r.key = "k-1";
  r.fingerprint = "abc";
  r.created_at = At("2026-11-20T10:00:00Z");
  ASSERT_TRUE(store().InsertIdempotencyKey(r).ok());
  EXPECT_EQ(store().InsertIdempotencyKey(r).code(), StatusCode::kAborted);
  auto running = store().FindIdempotencyKey(id, "k-1");
  ASSERT_TRUE(running.ok() && running->has_value());
  EXPECT_FALSE((*running)->status.has_value());
  r.status = 201;
  r.content_type = "application/json";
  r.headers_json = R"([["Location","/x"]])";
  r.body = std::string("{\"id\":1}\0tail", 13);
  ASSERT_TRUE(store().CompleteIdempotencyKey(r).ok());
  auto done = store().FindIdempotencyKey(id, "k-1");
  EXPECT_EQ((*done)->status, 201);
  EXPECT_EQ((*done)->body, r.body);
  EXPECT_EQ((*done)->headers_json, r.headers_json);
  EXPECT_EQ((*done)->fingerprint, "abc");
  r.key = "k-2";
  EXPECT_EQ(store().CompleteIdempotencyKey(r).code(), StatusCode::kNotFound);
  ASSERT_TRUE(store().PurgeIdempotencyKeys(At("2026-11-20T10:00:01Z")).ok());
  EXPECT_FALSE(store().FindIdempotencyKey(id, "k-1")->has_value());
}

TEST_P(StoreContract, UpdateUnknownUserIsNotFound) {
  UserId id = AddUser("dr.a");
  User u = *store().GetUser(id);
  u.id = UserId(id.value() + 1000);
  u.display_name = "ghost";
  EXPECT_EQ(store().UpdateUser(u).code(), StatusCode::kNotFound);
  EXPECT_EQ(store().GetUser(id)->display_name, "Dr dr.a");
  EXPECT_EQ(store().ListUsers()->size(), 1u);
}

// ---------------------------------------------------------------- care teams

TEST_P(StoreContract, CareTeamMembershipIsIdempotentAndSorted) {
  PatientId p = AddPatient();
  UserId a = AddUser("dr.a");
  UserId b = AddUser("dr.b");
  UserId c = AddUser("dr.c");
  EXPECT_TRUE(store().CareTeam(p)->empty());
  ASSERT_TRUE(store().AddToCareTeam(p, c, {At("2026-11-20T09:00:00Z"), "admin"}).ok());
  ASSERT_TRUE(store().AddToCareTeam(p, a, {At("2026-11-20T09:00:00Z"), "admin"}).ok());
  ASSERT_TRUE(store().AddToCareTeam(p, a, {At("2026-11-21T09:00:00Z"), "admin"}).ok());
  auto team = store().CareTeam(p);
  ASSERT_TRUE(team.ok());
  EXPECT_EQ(*team, (std::vector<UserId>{a, c}));
  EXPECT_TRUE(*store().IsOnCareTeam(p, a));
  EXPECT_TRUE(*store().IsOnCareTeam(p, c));
  EXPECT_FALSE(*store().IsOnCareTeam(p, b));
}

TEST_P(StoreContract, CareTeamsArePerPatient) {
  PatientId p = AddPatient("A");
  PatientId q = AddPatient("B");
  UserId a = AddUser("dr.a");
  UserId b = AddUser("dr.b");
  ASSERT_TRUE(store().AddToCareTeam(p, a, {}).ok());
  ASSERT_TRUE(store().AddToCareTeam(q, b, {}).ok());
  EXPECT_EQ(*store().CareTeam(p), std::vector<UserId>{a});
  EXPECT_EQ(*store().CareTeam(q), std::vector<UserId>{b});
  EXPECT_FALSE(*store().IsOnCareTeam(q, a));
  EXPECT_FALSE(*store().IsOnCareTeam(p, b));
  EXPECT_FALSE(*store().IsOnCareTeam(PatientId(q.value() + 1000), a));
}

// ---------------------------------------------------------------- sessions

TEST_P(StoreContract, SessionsRoundTripByTokenHash) {
  UserId u = AddUser("dr.s");
  auto browser = store().InsertSession(NewSession(u, std::string(64, 'a')));
  ASSERT_TRUE(browser.ok()) << browser.status().ToString();
  Session api_in = NewSession(u, std::string(64, 'b'), SessionKind::kApi);
  api_in.expires_at = std::nullopt;
  auto api = store().InsertSession(api_in);
  ASSERT_TRUE(api.ok());
  EXPECT_NE(*browser, *api);

  auto s = store().FindSession(std::string(64, 'a'));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->id, *browser);
  EXPECT_EQ(s->token_hash, std::string(64, 'a'));
  EXPECT_EQ(s->user_id, u);
  EXPECT_EQ(s->kind, SessionKind::kBrowser);
  EXPECT_EQ(s->name, "");
  EXPECT_EQ(s->csrf_hash, std::string(64, 'c'));
  EXPECT_EQ(s->created_at, At("2026-11-20T09:00:00Z"));
  EXPECT_EQ(s->expires_at, At("2026-11-20T21:00:00Z"));
  EXPECT_FALSE(s->revoked_at.has_value());

  auto t = store().FindSession(std::string(64, 'b'));
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->id, *api);
  EXPECT_EQ(t->kind, SessionKind::kApi);
  EXPECT_EQ(t->name, "sync script");
  EXPECT_FALSE(t->expires_at.has_value());
}

TEST_P(StoreContract, FindUnknownSessionIsNotFound) {
  UserId u = AddUser("dr.s");
  ASSERT_TRUE(store().InsertSession(NewSession(u, std::string(64, 'a'))).ok());
  EXPECT_EQ(store().FindSession(std::string(64, 'z')).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().FindSession(std::string(64, 'A')).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().FindSession("").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContract, ATokenHashIsStoredOnce) {
  UserId u = AddUser("dr.s");
  UserId v = AddUser("dr.v");
  auto first = store().InsertSession(NewSession(u, std::string(64, 'a')));
  ASSERT_TRUE(first.ok());
  // A second session with the same hash would make FindSession ambiguous.
  EXPECT_FALSE(store().InsertSession(NewSession(v, std::string(64, 'a'))).ok());
  auto s = store().FindSession(std::string(64, 'a'));
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->id, *first);
  EXPECT_EQ(s->user_id, u);
  EXPECT_TRUE(store().ListSessions(v)->empty());
}

TEST_P(StoreContract, ListSessionsPerUserInOrder) {
  UserId u = AddUser("dr.s");
  UserId v = AddUser("dr.v");
  auto a = store().InsertSession(NewSession(u, std::string(64, 'a')));
  auto other = store().InsertSession(NewSession(v, std::string(64, 'o')));
  auto b = store().InsertSession(NewSession(u, std::string(64, 'b'), SessionKind::kApi));
  ASSERT_TRUE(a.ok() && other.ok() && b.ok());
  ASSERT_TRUE(store().RevokeSession(u, *a, At("2026-11-20T10:00:00Z")).ok());
  auto list = store().ListSessions(u);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);  // revoked sessions are still listed
  EXPECT_EQ(list->at(0).id, *a);
  EXPECT_EQ(list->at(0).revoked_at, At("2026-11-20T10:00:00Z"));
  EXPECT_EQ(list->at(1).id, *b);
  EXPECT_EQ(list->at(1).kind, SessionKind::kApi);
  auto theirs = store().ListSessions(v);
  ASSERT_EQ(theirs->size(), 1u);
  EXPECT_EQ(theirs->at(0).id, *other);
  EXPECT_TRUE(store().ListSessions(UserId(v.value() + 1000))->empty());
}

TEST_P(StoreContract, RevokeSessionKeepsTheFirstRevocation) {
  UserId u = AddUser("dr.s");
  auto id = store().InsertSession(NewSession(u, std::string(64, 'a')));
  auto live = store().InsertSession(NewSession(u, std::string(64, 'b')));
  ASSERT_TRUE(id.ok() && live.ok());
  ASSERT_TRUE(store().RevokeSession(u, *id, At("2026-11-20T10:00:00Z")).ok());
  // Revoking again succeeds but keeps when it was first revoked.
  ASSERT_TRUE(store().RevokeSession(u, *id, At("2026-11-20T12:00:00Z")).ok());
  EXPECT_EQ(store().FindSession(std::string(64, 'a'))->revoked_at, At("2026-11-20T10:00:00Z"));
  EXPECT_FALSE(store().FindSession(std::string(64, 'b'))->revoked_at.has_value());
}

TEST_P(StoreContract, RevokeSessionOfAnotherUserIsNotFound) {
  UserId u = AddUser("dr.s");
  UserId v = AddUser("dr.v");
  auto id = store().InsertSession(NewSession(u, std::string(64, 'a')));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(store().RevokeSession(v, *id, At("2026-11-20T10:00:00Z")).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store().RevokeSession(u, *id + 1000, At("2026-11-20T10:00:00Z")).code(),
            StatusCode::kNotFound);
  EXPECT_FALSE(store().FindSession(std::string(64, 'a'))->revoked_at.has_value());
}

TEST_P(StoreContract, RevokeAllSessionsCountsOnlyLiveOnes) {
  UserId u = AddUser("dr.s");
  UserId v = AddUser("dr.v");
  auto early = store().InsertSession(NewSession(u, std::string(64, 'a')));
  ASSERT_TRUE(early.ok());
  ASSERT_TRUE(store().InsertSession(NewSession(u, std::string(64, 'b'))).ok());
  ASSERT_TRUE(store().InsertSession(NewSession(u, std::string(64, 'c'), SessionKind::kApi)).ok());
  ASSERT_TRUE(store().InsertSession(NewSession(v, std::string(64, 'd'))).ok());
  ASSERT_TRUE(store().RevokeSession(u, *early, At("2026-11-20T10:00:00Z")).ok());
  auto n = store().RevokeAllSessions(u, At("2026-11-20T11:00:00Z"));
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(*n, 2);
  auto list = store().ListSessions(u);
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ(list->at(0).revoked_at, At("2026-11-20T10:00:00Z"));  // kept
  EXPECT_EQ(list->at(1).revoked_at, At("2026-11-20T11:00:00Z"));
  EXPECT_EQ(list->at(2).revoked_at, At("2026-11-20T11:00:00Z"));
  EXPECT_FALSE(store().FindSession(std::string(64, 'd'))->revoked_at.has_value());
  EXPECT_EQ(*store().RevokeAllSessions(u, At("2026-11-20T12:00:00Z")), 0);
  EXPECT_EQ(*store().RevokeAllSessions(UserId(v.value() + 1000), At("2026-11-20T12:00:00Z")), 0);
}

// ---------------------------------------------------------------- audit

TEST_P(StoreContract, AuditEventRoundTrips) {
  PatientId p = AddPatient();
  AuditEvent in = NewAudit("dr.a", p, "dose_event.create");
  in.outcome = "PERMISSION_DENIED";
  in.record_ids = {"dose_event:12", "patient:3"};
  ASSERT_TRUE(store().AppendAudit(in).ok());
  ASSERT_TRUE(store().AppendAudit(NewAudit("system", std::nullopt, "backup.create")).ok());
  auto list = store().ListAudit({});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  const AuditEvent& e = list->at(1);
  EXPECT_GT(e.id, 0);
  EXPECT_EQ(e.at, At("2026-11-20T09:00:00Z"));
  EXPECT_EQ(e.actor, "dr.a");
  EXPECT_EQ(e.role, "clinician");
  EXPECT_EQ(e.action, "dose_event.create");
  EXPECT_EQ(e.patient_id, p);
  EXPECT_EQ(e.address, "192.0.2.7");
  EXPECT_EQ(e.outcome, "PERMISSION_DENIED");
  EXPECT_EQ(e.detail, "GET /api/v1/patients");
  EXPECT_EQ(e.record_ids, (std::vector<std::string>{"dose_event:12", "patient:3"}));
  EXPECT_TRUE(list->at(0).record_ids.empty());
  EXPECT_EQ(list->at(0).action, "backup.create");
  EXPECT_FALSE(list->at(0).patient_id.has_value());
  EXPECT_GT(list->at(0).id, e.id);
}

TEST_P(StoreContract, ListAuditNewestFirstWithLimit) {
  for (int i = 0; i < 5; ++i) {
    AuditEvent e = NewAudit("dr.a", std::nullopt);
    e.detail = "n" + std::to_string(i);
    // Entry order decides, not the recorded time.
    e.at = At(i % 2 == 0 ? "2026-11-20T09:00:00Z" : "2026-11-19T09:00:00Z");
    ASSERT_TRUE(store().AppendAudit(e).ok());
  }
  auto all = store().ListAudit({});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 5u);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(all->at(i).detail, "n" + std::to_string(4 - i));
  AuditQuery q;
  q.limit = 2;
  auto two = store().ListAudit(q);
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ(two->at(0).detail, "n4");
  EXPECT_EQ(two->at(1).detail, "n3");
}

TEST_P(StoreContract, ListAuditFiltersByPatientAndActor) {
  PatientId p = AddPatient("A");
  PatientId q = AddPatient("B");
  ASSERT_TRUE(store().AppendAudit(NewAudit("dr.a", p, "a-on-p")).ok());
  ASSERT_TRUE(store().AppendAudit(NewAudit("dr.a", q, "a-on-q")).ok());
  ASSERT_TRUE(store().AppendAudit(NewAudit("dr.b", p, "b-on-p")).ok());
  ASSERT_TRUE(store().AppendAudit(NewAudit("dr.b", std::nullopt, "b-login")).ok());
  auto actions = [&](const AuditQuery& query) {
    std::vector<std::string> out;
    auto list = store().ListAudit(query);
    EXPECT_TRUE(list.ok());
    if (list.ok()) {
      for (const auto& e : *list) out.push_back(e.action);
    }
    return out;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(actions({p, "", 100, {}}), (V{"b-on-p", "a-on-p"}));
  EXPECT_EQ(actions({std::nullopt, "dr.b", 100, {}}), (V{"b-login", "b-on-p"}));
  EXPECT_EQ(actions({p, "dr.a", 100, {}}), V{"a-on-p"});
  EXPECT_EQ(actions({q, "dr.b", 100, {}}), V{});
  EXPECT_EQ(actions({std::nullopt, "DR.A", 100, {}}), V{});  // actors match exactly
}

TEST_P(StoreContract, AuditIdsAreNeverReused) {
  ASSERT_TRUE(store().AppendAudit(NewAudit("dr.a", std::nullopt, "first")).ok());
  AuditEvent again = NewAudit("dr.b", std::nullopt, "second");
  again.id = store().ListAudit({})->at(0).id;  // an existing entry's id
  ASSERT_TRUE(store().AppendAudit(again).ok());
  auto list = store().ListAudit({});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->at(0).action, "second");
  EXPECT_EQ(list->at(1).action, "first");
  EXPECT_EQ(list->at(1).actor, "dr.a");
  EXPECT_NE(list->at(0).id, list->at(1).id);
}

}  // namespace
}  // namespace pineal::store::contract
