// The monitoring tables: alerts open once per dedupe key and keep their
// status history, a proposal takes one decision, and every row refuses
// UPDATE and DELETE.
#include <SQLiteCpp/Database.h>
#include <gtest/gtest.h>

#include "pineal/store/sqlite/sqlite_store.h"
#include "tests/support/records_fixtures.h"
#include "tests/support/temp_dir.h"

namespace pineal::store {
namespace {

using pineal::testing::At;
using pineal::testing::Day;

class SqliteMonitoringTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = SqliteStore::Open(path_);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    ASSERT_TRUE(store_->Migrate().ok());
    auto p = store_->InsertPatient(pineal::testing::SamplePatient());
    ASSERT_TRUE(p.ok());
    patient_ = *p;
    records::Regimen r;
    r.patient_id = patient_;
    r.substance = "melatonin";
    r.versions = {pineal::testing::SampleVersion()};
    auto rid = store_->InsertRegimen(r);
    ASSERT_TRUE(rid.ok());
    regimen_ = *rid;
  }
  AlertRecord Alert(const std::string& key) {
    AlertRecord a;
    a.patient_id = patient_;
    a.rule_id = "alert.phq9.item9";
    a.severity = "urgent";
    a.title = "PHQ-9 item 9 positive";
    a.message = "item 9 scored 1";
    a.dedupe_key = key;
    a.evidence_json = R"([{"kind":"observation","id":3}])";
    a.refs_json = R"(["kroenke2001"])";
    a.provenance = {At("2026-11-20T09:00:00Z"), "system"};
    return a;
  }

  pineal::testing::TempDir dir_;
  std::string path_ = dir_.File("pineal.db");
  std::unique_ptr<SqliteStore> store_;
  PatientId patient_;
  RegimenId regimen_;
};

TEST_F(SqliteMonitoringTest, AnAlertOpensOncePerKeyAndKeepsItsStatusHistory) {
  auto first = store_->InsertAlertIfNew(Alert("alert.phq9.item9|observation:3"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(first->has_value());
  auto again = store_->InsertAlertIfNew(Alert("alert.phq9.item9|observation:3"));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has_value());
  auto other = store_->InsertAlertIfNew(Alert("alert.phq9.item9|observation:4"));
  ASSERT_TRUE(other.ok() && other->has_value());

  ASSERT_TRUE(
      store_
          ->AppendAlertStatus(**first, {"acknowledged", "phoned", At("2026-11-20T10:00:00Z"), "dr"})
          .ok());
  auto a = store_->GetAlert(patient_, **first);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->history.size(), 2u);
  EXPECT_EQ(a->history[0].status, "open");
  EXPECT_EQ(a->status(), "acknowledged");
  EXPECT_EQ(a->history[1].note, "phoned");

  AlertQuery open;
  open.patient = patient_;
  open.status = "open";
  auto list = store_->ListAlerts(open);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].id, **other);
  // Another patient's id does not reach it.
  auto stranger = store_->InsertPatient(pineal::testing::SamplePatient("Other"));
  EXPECT_EQ(store_->GetAlert(*stranger, **first).status().code(), StatusCode::kNotFound);
}

TEST_F(SqliteMonitoringTest, AProposalTakesOneDecision) {
  ProposalRecord p;
  p.patient_id = patient_;
  p.regimen_id = regimen_;
  p.regimen_version = 1;
  p.action = "increase";
  p.proposal_json = "{}";
  p.provenance = {At("2026-11-20T09:00:00Z"), "dr"};
  auto id = store_->InsertProposal(p);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_FALSE(store_->GetProposal(patient_, *id)->decision.has_value());
  ASSERT_TRUE(store_
                  ->DecideProposal(*id, {"reject", "patient declines", std::nullopt,
                                         At("2026-11-20T10:00:00Z"), "dr"})
                  .ok());
  EXPECT_EQ(
      store_->DecideProposal(*id, {"approve", "", 2, At("2026-11-20T11:00:00Z"), "dr"}).code(),
      StatusCode::kAborted);
  auto loaded = store_->GetProposal(patient_, *id);
  ASSERT_TRUE(loaded.ok());
  ASSERT_TRUE(loaded->decision.has_value());
  EXPECT_EQ(loaded->decision->decision, "reject");
  EXPECT_EQ(loaded->decision->reason, "patient declines");
  // A proposal for a regimen of another patient is refused.
  auto stranger = store_->InsertPatient(pineal::testing::SamplePatient("Other"));
  p.patient_id = *stranger;
  EXPECT_FALSE(store_->InsertProposal(p).ok());
}

TEST_F(SqliteMonitoringTest, ReviewActionsAreKeptInOrder) {
  ASSERT_TRUE(store_
                  ->InsertReviewAction({0,
                                        patient_,
                                        regimen_,
                                        Day("2026-11-14"),
                                        "moved",
                                        Day("2026-11-17"),
                                        "away",
                                        {At("2026-11-13T09:00:00Z"), "dr"}})
                  .ok());
  ASSERT_TRUE(store_
                  ->InsertReviewAction({0,
                                        patient_,
                                        regimen_,
                                        Day("2026-11-14"),
                                        "done",
                                        Day("2026-11-17"),
                                        "",
                                        {At("2026-11-17T09:00:00Z"), "dr"}})
                  .ok());
  auto list = store_->ListReviewActions(patient_);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].action, "moved");
  EXPECT_EQ((*list)[1].action, "done");
  EXPECT_EQ((*list)[1].date, Day("2026-11-17"));
}

TEST_F(SqliteMonitoringTest, MonitoringRowsRefuseUpdatesAndDeletes) {
  auto alert = store_->InsertAlertIfNew(Alert("k"));
  ASSERT_TRUE(alert.ok());
  ASSERT_TRUE(store_
                  ->InsertReviewAction({0,
                                        patient_,
                                        regimen_,
                                        Day("2026-11-14"),
                                        "cancelled",
                                        std::nullopt,
                                        "not needed",
                                        {At("2026-11-13T09:00:00Z"), "dr"}})
                  .ok());
  ProposalRecord p{0, patient_, regimen_, 1, "hold", "{}", {At("2026-11-20T09:00:00Z"), "dr"}, {}};
  auto pid = store_->InsertProposal(p);
  ASSERT_TRUE(pid.ok());
  ASSERT_TRUE(
      store_->DecideProposal(*pid, {"approve", "", std::nullopt, At("2026-11-20T10:00:00Z"), "dr"})
          .ok());
  SQLite::Database raw(path_, SQLite::OPEN_READWRITE);
  for (const char* sql :
       {"UPDATE alerts SET severity = 'info'", "DELETE FROM alerts",
        "UPDATE alert_status_changes SET status = 'resolved'", "DELETE FROM alert_status_changes",
        "UPDATE review_actions SET note = 'x'", "DELETE FROM review_actions",
        "UPDATE titration_proposals SET action = 'stop'", "DELETE FROM titration_proposals",
        "UPDATE titration_decisions SET reason = 'x'", "DELETE FROM titration_decisions"}) {
    EXPECT_THROW(raw.exec(sql), SQLite::Exception) << sql;
  }
}

}  // namespace
}  // namespace pineal::store
