// Unit tests of the app/ use cases: a PinealApp over an in-memory store, a
// fixed clock and the knowledge base of the source tree; no server, no files.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/app/pineal_app.h"
#include "pineal/core/clock.h"
#include "pineal/store/memory/memory_store.h"
#include "tests/support/records_fixtures.h"
#include "tests/support/source_knowledge.h"

namespace pineal::testing {

// A Store that forwards every call to a MemoryStore, except that AppendAudit
// can be made to fail: a use case must then leave nothing behind, because a
// write and its audit row commit together or not at all.
class AuditFailingStore final : public store::Store {
 public:
  explicit AuditFailingStore(store::MemoryStore& inner) : inner_(inner) {}

  void FailAudit(bool fail) { fail_audit_ = fail; }
  // How many audit rows were refused.
  int refused_audits() const { return refused_audits_; }

  Status AppendAudit(const store::AuditEvent& event) override {
    if (fail_audit_) {
      ++refused_audits_;
      return Status::Unavailable("audit log unavailable (test)");
    }
    return inner_.AppendAudit(event);
  }

  Status InTransaction(const std::function<Status()>& body) override {
    return inner_.InTransaction(body);
  }
  Status ReadTogether(const std::function<Status()>& body) override {
    return inner_.ReadTogether(body);
  }
  Status Migrate() override { return inner_.Migrate(); }
  Result<std::vector<store::MigrationInfo>> Migrations() override { return inner_.Migrations(); }

  Result<PatientId> InsertPatient(const records::Patient& p) override {
    return inner_.InsertPatient(p);
  }
  Result<records::Patient> GetPatient(PatientId id) override { return inner_.GetPatient(id); }
  Status UpdatePatient(const records::Patient& p, Instant now) override {
    return inner_.UpdatePatient(p, now);
  }
  Result<store::Page<records::Patient>> ListPatients(const store::PatientQuery& q) override {
    return inner_.ListPatients(q);
  }
  Status AddWeight(PatientId id, const records::WeightRecord& w,
                   const records::Provenance& by) override {
    return inner_.AddWeight(id, w, by);
  }

  Result<MedicationId> InsertMedication(const records::MedicationEntry& m) override {
    return inner_.InsertMedication(m);
  }
  Result<records::MedicationEntry> GetMedication(PatientId patient, MedicationId id) override {
    return inner_.GetMedication(patient, id);
  }
  Status UpdateMedication(const records::MedicationEntry& m) override {
    return inner_.UpdateMedication(m);
  }
  Result<std::vector<records::MedicationEntry>> ListMedications(PatientId patient) override {
    return inner_.ListMedications(patient);
  }

  Result<RegimenId> InsertRegimen(const records::Regimen& r) override {
    return inner_.InsertRegimen(r);
  }
  Status AppendRegimenVersion(RegimenId id, const records::RegimenVersion& v) override {
    return inner_.AppendRegimenVersion(id, v);
  }
  Result<records::Regimen> GetRegimen(PatientId patient, RegimenId id) override {
    return inner_.GetRegimen(patient, id);
  }
  Result<std::vector<records::Regimen>> ListRegimens(PatientId patient) override {
    return inner_.ListRegimens(patient);
  }

  Result<DoseEventId> InsertDoseEvent(const records::DoseEvent& e) override {
    return inner_.InsertDoseEvent(e);
  }
  Result<records::DoseEvent> GetDoseEvent(PatientId patient, DoseEventId id) override {
    return inner_.GetDoseEvent(patient, id);
  }
  Result<std::vector<records::DoseEvent>> ListDoseEvents(PatientId patient,
                                                         const store::TimeRange& range,
                                                         bool with_superseded) override {
    return inner_.ListDoseEvents(patient, range, with_superseded);
  }
  Result<std::vector<records::DoseEvent>> PageDoseEvents(
      const store::EventPageQuery& query) override {
    return inner_.PageDoseEvents(query);
  }
  Result<ObservationId> InsertObservation(const records::Observation& o) override {
    return inner_.InsertObservation(o);
  }
  Result<records::Observation> GetObservation(PatientId patient, ObservationId id) override {
    return inner_.GetObservation(patient, id);
  }
  Result<std::vector<records::Observation>> ListObservations(PatientId patient,
                                                             const store::TimeRange& range,
                                                             bool with_superseded) override {
    return inner_.ListObservations(patient, range, with_superseded);
  }
  Result<std::vector<records::DoseEvent>> ListDoseEventsSince(PatientId patient,
                                                              Instant from) override {
    return inner_.ListDoseEventsSince(patient, from);
  }
  Result<std::vector<records::Observation>> ListObservationsOfKinds(
      PatientId patient, const std::vector<records::ObservationKind>& kinds) override {
    return inner_.ListObservationsOfKinds(patient, kinds);
  }
  Result<std::optional<Instant>> LastCheckIn(PatientId patient) override {
    return inner_.LastCheckIn(patient);
  }
  Result<std::vector<records::Observation>> PageObservations(
      const store::EventPageQuery& query) override {
    return inner_.PageObservations(query);
  }

  Result<std::int64_t> InsertCircadianPlan(const store::CircadianPlanRecord& plan) override {
    return inner_.InsertCircadianPlan(plan);
  }
  Result<store::CircadianPlanRecord> GetCircadianPlan(PatientId patient, std::int64_t id) override {
    return inner_.GetCircadianPlan(patient, id);
  }
  Result<std::vector<store::CircadianPlanRecord>> ListCircadianPlans(PatientId patient) override {
    return inner_.ListCircadianPlans(patient);
  }

  Result<std::optional<std::int64_t>> InsertAlertIfNew(const store::AlertRecord& a) override {
    return inner_.InsertAlertIfNew(a);
  }
  Result<store::AlertRecord> GetAlert(PatientId patient, std::int64_t id) override {
    return inner_.GetAlert(patient, id);
  }
  Result<std::vector<store::AlertRecord>> ListAlerts(const store::AlertQuery& q) override {
    return inner_.ListAlerts(q);
  }
  Status AppendAlertStatus(std::int64_t id, const store::AlertStatusChange& c) override {
    return inner_.AppendAlertStatus(id, c);
  }
  Result<std::int64_t> InsertReviewAction(const store::ReviewAction& a) override {
    return inner_.InsertReviewAction(a);
  }
  Result<std::vector<store::ReviewAction>> ListReviewActions(PatientId patient) override {
    return inner_.ListReviewActions(patient);
  }
  Result<std::int64_t> InsertProposal(const store::ProposalRecord& p) override {
    return inner_.InsertProposal(p);
  }
  Result<store::ProposalRecord> GetProposal(PatientId patient, std::int64_t id) override {
    return inner_.GetProposal(patient, id);
  }
  Result<std::vector<store::ProposalRecord>> ListProposals(PatientId patient) override {
    return inner_.ListProposals(patient);
  }
  Status DecideProposal(std::int64_t id, const store::ProposalDecision& d) override {
    return inner_.DecideProposal(id, d);
  }

  Result<UserId> InsertUser(const store::User& u) override { return inner_.InsertUser(u); }
  Result<store::User> GetUser(UserId id) override { return inner_.GetUser(id); }
  Result<store::User> FindUser(const std::string& username) override {
    return inner_.FindUser(username);
  }
  Result<std::vector<store::User>> ListUsers() override { return inner_.ListUsers(); }
  Status UpdateUser(const store::User& u) override { return inner_.UpdateUser(u); }
  Result<store::LoginThrottle> GetLoginThrottle(const std::string& username,
                                                const std::string& address) override {
    return inner_.GetLoginThrottle(username, address);
  }
  Status PutLoginThrottle(const store::LoginThrottle& row) override {
    return inner_.PutLoginThrottle(row);
  }
  Result<int> ClearLoginThrottles(const std::string& username, Instant now) override {
    return inner_.ClearLoginThrottles(username, now);
  }
  Status PurgeLoginThrottles(Instant before) override { return inner_.PurgeLoginThrottles(before); }
  Result<std::optional<store::IdempotencyRecord>> FindIdempotencyKey(
      UserId user, const std::string& key) override {
    return inner_.FindIdempotencyKey(user, key);
  }
  Status InsertIdempotencyKey(const store::IdempotencyRecord& r) override {
    return inner_.InsertIdempotencyKey(r);
  }
  Status CompleteIdempotencyKey(const store::IdempotencyRecord& r) override {
    return inner_.CompleteIdempotencyKey(r);
  }
  Status DeleteIdempotencyKey(UserId user, const std::string& key) override {
    return inner_.DeleteIdempotencyKey(user, key);
  }
  Status PurgeIdempotencyKeys(Instant before) override {
    return inner_.PurgeIdempotencyKeys(before);
  }

  Status AddToCareTeam(PatientId patient, UserId user, const records::Provenance& by) override {
    return inner_.AddToCareTeam(patient, user, by);
  }
  Result<bool> IsOnCareTeam(PatientId patient, UserId user) override {
    return inner_.IsOnCareTeam(patient, user);
  }
  Result<std::vector<UserId>> CareTeam(PatientId patient) override {
    return inner_.CareTeam(patient);
  }

  Result<std::int64_t> InsertSession(const store::Session& s) override {
    return inner_.InsertSession(s);
  }
  Result<store::Session> FindSession(const std::string& token_hash) override {
    return inner_.FindSession(token_hash);
  }
  Result<std::vector<store::Session>> ListSessions(UserId user) override {
    return inner_.ListSessions(user);
  }
  Status RevokeSession(UserId user, std::int64_t id, Instant at) override {
    return inner_.RevokeSession(user, id, at);
  }
  Result<int> RevokeAllSessions(UserId user, Instant at) override {
    return inner_.RevokeAllSessions(user, at);
  }
  Result<std::int64_t> InsertCalendarFeed(const store::CalendarFeed& f) override {
    return inner_.InsertCalendarFeed(f);
  }
  Result<store::CalendarFeed> FindActiveCalendarFeed(const std::string& token_hash) override {
    return inner_.FindActiveCalendarFeed(token_hash);
  }
  Result<std::vector<store::CalendarFeed>> ListCalendarFeeds(PatientId patient) override {
    return inner_.ListCalendarFeeds(patient);
  }
  Status RevokeCalendarFeed(PatientId patient, std::int64_t id, Instant at) override {
    return inner_.RevokeCalendarFeed(patient, id, at);
  }

  Result<std::vector<store::AuditEvent>> ListAudit(const store::AuditQuery& q) override {
    return inner_.ListAudit(q);
  }

 private:
  store::MemoryStore& inner_;
  bool fail_audit_ = false;
  int refused_audits_ = 0;
};

inline Instant At(std::string_view iso) {
  auto t = ParseInstant(iso);
  EXPECT_TRUE(t.ok()) << iso;
  return t.ok() ? *t : Instant{};
}
inline LocalDate Day(std::string_view iso) {
  auto d = ParseDate(iso);
  EXPECT_TRUE(d.ok()) << iso;
  return d.ok() ? *d : LocalDate{};
}

class AppTest : public ::testing::Test {
 protected:
  // Every test starts at the same instant, so dates and ages are fixed.
  static constexpr std::string_view kNow = "2026-11-10T12:00:00Z";
  static constexpr std::string_view kPassword = "correct horse battery staple";

  AppTest() : store_(memory_), clock_(At(kNow)) {}

  void SetUp() override {
    ASSERT_TRUE(memory_.Migrate().ok());
    app_ = std::make_unique<app::PinealApp>(store_, clock_, Knowledge().View());
    dr_ = NewActor("dr.house", store::UserRole::kClinician);
  }

  // The knowledge base of the source tree, loaded once per test program.
  static const app::LoadedKnowledge& Knowledge() { return SourceKnowledge(); }

  // Creates an account as the local operator and returns it as an actor.
  app::Actor NewActor(const std::string& username, store::UserRole role,
                      std::optional<PatientId> patient = std::nullopt) {
    auto user = app_->accounts().CreateUser(
        app::Actor{}, app::NewUser{username, username, role, patient, std::string(kPassword)});
    EXPECT_TRUE(user.ok()) << user.status().ToString();
    if (!user.ok()) return app::Actor{};
    return app::Actor{user->id, user->username, app::RoleOf(role), patient, ""};
  }

  static records::Patient PatientDraft(std::string name = "Ada L.") {
    records::Patient p;
    p.display_name = std::move(name);
    p.birth_date = Day("1960-05-04");
    p.sex = records::Sex::kFemale;
    p.weight = records::WeightRecord{BodyWeight::FromBase(64.5), Day("2026-11-01")};
    p.time_zone = "Europe/Paris";
    return p;
  }

  // A patient on `clinician`'s care team.
  PatientId NewPatient(const app::Actor& clinician, std::string name = "Ada L.") {
    auto p = app_->patients().CreatePatient(clinician, PatientDraft(std::move(name)));
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? p->id : PatientId();
  }
  PatientId NewPatient(std::string name = "Ada L.") { return NewPatient(dr_, std::move(name)); }

  static app::RegimenDraft Melatonin(double mg) {
    app::RegimenDraft d;
    d.substance = "melatonin";
    d.version.formulation = "ir";
    d.version.dose = Mg(mg);
    d.version.times_of_day = {*ParseTimeOfDay("22:00")};
    d.version.indication = "insomnia";
    d.version.start_date = Day("2026-11-01");
    return d;
  }

  Result<records::Regimen> CreateRegimen(PatientId patient, double mg,
                                         const std::vector<safety::Override>& overrides = {},
                                         app::ScreeningReport* report = nullptr) {
    app::ScreeningReport ignored;
    return app_->regimens().CreateRegimen(dr_, patient, Melatonin(mg), overrides,
                                          report != nullptr ? report : &ignored);
  }

  static records::DoseEvent Taken(std::string_view at, double mg,
                                  std::optional<RegimenId> regimen = std::nullopt) {
    records::DoseEvent e;
    e.regimen_id = regimen;
    if (!regimen) e.substance = "melatonin";
    e.taken_at = At(at);
    e.amount = Mg(mg);
    e.status = records::DoseStatus::kTaken;
    return e;
  }

  // Every audit row, oldest first, read from the store underneath.
  std::vector<store::AuditEvent> AuditLog() {
    store::AuditQuery q;
    q.limit = 100000;
    auto rows = memory_.ListAudit(q);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::vector<store::AuditEvent> out = rows.ok() ? *rows : std::vector<store::AuditEvent>{};
    std::reverse(out.begin(), out.end());
    return out;
  }
  // The audit rows of one action, oldest first.
  std::vector<store::AuditEvent> AuditOf(std::string_view action) {
    std::vector<store::AuditEvent> out;
    for (auto& e : AuditLog()) {
      if (e.action == action) out.push_back(std::move(e));
    }
    return out;
  }

  std::vector<records::DoseEvent> StoredDoses(PatientId patient, bool with_superseded = true) {
    auto d = memory_.ListDoseEvents(patient, {}, with_superseded);
    EXPECT_TRUE(d.ok()) << d.status().ToString();
    return d.ok() ? *d : std::vector<records::DoseEvent>{};
  }
  std::vector<records::Observation> StoredObservations(PatientId patient,
                                                       bool with_superseded = true) {
    auto o = memory_.ListObservations(patient, {}, with_superseded);
    EXPECT_TRUE(o.ok()) << o.status().ToString();
    return o.ok() ? *o : std::vector<records::Observation>{};
  }
  std::vector<records::Regimen> StoredRegimens(PatientId patient) {
    auto r = memory_.ListRegimens(patient);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : std::vector<records::Regimen>{};
  }

  store::MemoryStore memory_;
  AuditFailingStore store_;
  FixedClock clock_;
  std::unique_ptr<app::PinealApp> app_;
  app::Actor dr_;  // a clinician, on the care team of the patients NewPatient() makes
};

}  // namespace pineal::testing
