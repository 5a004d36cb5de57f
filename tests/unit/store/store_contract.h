// The fixture shared by the Store contract tests: one store per test, of the
// backend the test parameter names, migrated and empty. The tests use the
// Store interface only, so every backend must pass them unchanged.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "pineal/store/sqlite/sqlite_store.h"
#include "pineal/store/memory/memory_store.h"
#include "pineal/store/store.h"
#include "tests/support/records_fixtures.h"
#include "tests/support/temp_dir.h"

namespace pineal::store::contract {

using pineal::testing::At;
using pineal::testing::Day;
using pineal::testing::Mg;

class StoreContract : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    const std::string& backend = GetParam();
    if (backend == "sqlite") {
      auto s = SqliteStore::Open(dir_.File("pineal.db"));
      ASSERT_TRUE(s.ok()) << s.status().ToString();
      store_ = std::move(*s);
    } else if (backend == "memory") {
      store_ = std::make_unique<pineal::store::MemoryStore>();
    } else {
      FAIL() << "unknown backend " << backend;
    }
    Status migrated = store_->Migrate();
    ASSERT_TRUE(migrated.ok()) << migrated.ToString();
  }

  Store& store() { return *store_; }

  PatientId AddPatient(std::string name = "Ada L.") {
    auto id = store_->InsertPatient(pineal::testing::SamplePatient(std::move(name)));
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : PatientId();
  }

  records::Patient LoadPatient(PatientId id) {
    auto p = store_->GetPatient(id);
    EXPECT_TRUE(p.ok()) << p.status().ToString();
    return p.ok() ? *p : records::Patient{};
  }

  int PatientTotal(const PatientQuery& q = {}) {
    auto page = store_->ListPatients(q);
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    return page.ok() ? page->total : -1;
  }

  records::Regimen NewRegimen(PatientId patient, std::string substance = "melatonin") {
    records::Regimen r;
    r.patient_id = patient;
    r.substance = std::move(substance);
    r.versions = {pineal::testing::SampleVersion()};
    return r;
  }

  RegimenId AddRegimen(PatientId patient, std::string substance = "melatonin") {
    auto id = store_->InsertRegimen(NewRegimen(patient, std::move(substance)));
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : RegimenId();
  }

  // The next version of a regimen: the sample version with another dose.
  static records::RegimenVersion Version(int number, double dose_mg) {
    records::RegimenVersion v = pineal::testing::SampleVersion(dose_mg);
    v.version = number;
    v.reason = "step " + std::to_string(number);
    v.provenance = {At("2026-11-27T10:00:00Z"), "dr.next"};
    return v;
  }

  DoseEventId AddDose(const records::DoseEvent& e) {
    auto id = store_->InsertDoseEvent(e);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : DoseEventId();
  }

  ObservationId AddObservation(const records::Observation& o) {
    auto id = store_->InsertObservation(o);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : ObservationId();
  }

  static User NewUser(std::string username, UserRole role = UserRole::kClinician) {
    User u;
    u.display_name = "Dr " + username;
    u.username = std::move(username);
    u.role = role;
    u.password_hash = "$argon2id$v=19$m=65536,t=3,p=1$stub";
    u.created_at = At("2026-11-01T08:00:00Z");
    u.created_by = "admin";
    return u;
  }

  UserId AddUser(std::string username) {
    auto id = store_->InsertUser(NewUser(std::move(username)));
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    return id.ok() ? *id : UserId();
  }

  static AlertRecord NewAlert(PatientId patient, std::string key,
                              const char* created_at = "2026-11-20T09:00:00Z") {
    AlertRecord a;
    a.patient_id = patient;
    a.rule_id = "alert.phq9.item9";
    a.severity = "urgent";
    a.title = "PHQ-9 item 9 positive";
    a.message = "item 9 scored 1";
    a.dedupe_key = std::move(key);
    a.evidence_json = R"([{"kind":"observation","id":3}])";
    a.refs_json = R"(["kroenke2001"])";
    a.provenance = {At(created_at), "system"};
    return a;
  }

  std::int64_t AddAlert(const AlertRecord& a) {
    auto id = store_->InsertAlertIfNew(a);
    EXPECT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_TRUE(id.ok() && id->has_value()) << "alert " << a.dedupe_key << " was not new";
    return id.ok() && id->has_value() ? **id : 0;
  }

  static ProposalRecord NewProposal(PatientId patient, RegimenId regimen,
                                    std::string action = "increase") {
    ProposalRecord p;
    p.patient_id = patient;
    p.regimen_id = regimen;
    p.regimen_version = 1;
    p.action = std::move(action);
    p.proposal_json = R"({"to":{"dose":"3 mg"}})";
    p.provenance = {At("2026-11-27T08:00:00Z"), "system"};
    return p;
  }

  static Session NewSession(UserId user, std::string token_hash,
                            SessionKind kind = SessionKind::kBrowser) {
    Session s;
    s.token_hash = std::move(token_hash);
    s.user_id = user;
    s.kind = kind;
    s.name = kind == SessionKind::kApi ? "sync script" : "";
    s.csrf_hash = kind == SessionKind::kBrowser ? std::string(64, 'c') : "";
    s.created_at = At("2026-11-20T09:00:00Z");
    s.expires_at = At("2026-11-20T21:00:00Z");
    return s;
  }

  static AuditEvent NewAudit(std::string actor, std::optional<PatientId> patient,
                             std::string action = "patient.read") {
    AuditEvent e;
    e.at = At("2026-11-20T09:00:00Z");
    e.actor = std::move(actor);
    e.role = "clinician";
    e.action = std::move(action);
    e.patient_id = patient;
    e.address = "192.0.2.7";
    e.outcome = "ok";
    e.detail = "GET /api/v1/patients";
    return e;
  }

 private:
  pineal::testing::TempDir dir_;
  std::unique_ptr<Store> store_;
};

}  // namespace pineal::store::contract
