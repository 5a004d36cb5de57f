// Store contract: alerts (de-duplication and status history), follow-up
// review actions, titration proposals decided once. The method coverage list
// is in store_contract_test.cc.
#include "tests/unit/store/store_contract.h"

namespace pineal::store::contract {
namespace {

// ---------------------------------------------------------------- alerts

TEST_P(StoreContract, InsertAlertIfNewOpensTheAlert) {
  PatientId p = AddPatient();
  auto id = store().InsertAlertIfNew(NewAlert(p, "alert.phq9.item9|observation:3"));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  ASSERT_TRUE(id->has_value());
  EXPECT_GT(**id, 0);
  auto a = store().GetAlert(p, **id);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->id, **id);
  EXPECT_EQ(a->patient_id, p);
  EXPECT_EQ(a->rule_id, "alert.phq9.item9");
  EXPECT_EQ(a->severity, "urgent");
  EXPECT_EQ(a->title, "PHQ-9 item 9 positive");
  EXPECT_EQ(a->message, "item 9 scored 1");
  EXPECT_EQ(a->dedupe_key, "alert.phq9.item9|observation:3");
  EXPECT_EQ(a->evidence_json, R"([{"kind":"observation","id":3}])");
  EXPECT_EQ(a->refs_json, R"(["kroenke2001"])");
  EXPECT_EQ(a->provenance.created_at, At("2026-11-20T09:00:00Z"));
  EXPECT_EQ(a->provenance.created_by, "system");
  // Stored with one "open" change made when and by whom the alert was.
  ASSERT_EQ(a->history.size(), 1u);
  EXPECT_EQ(a->history[0].status, "open");
  EXPECT_EQ(a->history[0].note, "");
  EXPECT_EQ(a->history[0].at, At("2026-11-20T09:00:00Z"));
  EXPECT_EQ(a->history[0].by, "system");
  EXPECT_EQ(a->status(), "open");
}

TEST_P(StoreContract, InsertAlertIfNewDeduplicatesPerPatientAndKey) {
  PatientId p = AddPatient();
  std::int64_t first = AddAlert(NewAlert(p, "k"));
  AlertRecord again = NewAlert(p, "k", "2026-11-21T09:00:00Z");
  again.title = "a different title";
  auto second = store().InsertAlertIfNew(again);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_FALSE(second->has_value());
  AlertQuery q;
  q.patient = p;
  auto list = store().ListAlerts(q);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ(list->at(0).id, first);
  EXPECT_EQ(list->at(0).title, "PHQ-9 item 9 positive");
  EXPECT_EQ(list->at(0).history.size(), 1u);
  // Another key opens another alert.
  std::int64_t other_key = AddAlert(NewAlert(p, "k2"));
  EXPECT_NE(other_key, first);
  EXPECT_EQ(store().ListAlerts(q)->size(), 2u);
}

TEST_P(StoreContract, TheSameKeyForAnotherPatientOpensAnotherAlert) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  std::int64_t mine = AddAlert(NewAlert(p, "shared"));
  std::int64_t theirs = AddAlert(NewAlert(other, "shared"));
  EXPECT_NE(mine, theirs);
  EXPECT_EQ(store().GetAlert(other, theirs)->patient_id, other);
}

TEST_P(StoreContract, AResolvedAlertStillDeduplicates) {
  PatientId p = AddPatient();
  std::int64_t id = AddAlert(NewAlert(p, "k"));
  ASSERT_TRUE(
      store().AppendAlertStatus(id, {"resolved", "ok now", At("2026-11-21T09:00:00Z"), "dr"}).ok());
  auto again = store().InsertAlertIfNew(NewAlert(p, "k", "2026-11-22T09:00:00Z"));
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has_value());
  auto a = store().GetAlert(p, id);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->status(), "resolved");
  EXPECT_EQ(a->history.size(), 2u);
}

TEST_P(StoreContract, GetAlertOfAnotherPatientIsNotFound) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  std::int64_t id = AddAlert(NewAlert(p, "k"));
  EXPECT_EQ(store().GetAlert(other, id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().GetAlert(p, id + 1000).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContract, AppendAlertStatusAppendsToTheHistory) {
  PatientId p = AddPatient();
  std::int64_t id = AddAlert(NewAlert(p, "k"));
  std::int64_t untouched = AddAlert(NewAlert(p, "k2"));
  ASSERT_TRUE(store()
                  .AppendAlertStatus(id, {"acknowledged", "called the patient",
                                          At("2026-11-20T10:00:00Z"), "dr.a"})
                  .ok());
  ASSERT_TRUE(
      store().AppendAlertStatus(id, {"resolved", "safe", At("2026-11-20T11:00:00Z"), "dr.b"}).ok());
  auto a = store().GetAlert(p, id);
  ASSERT_TRUE(a.ok());
  ASSERT_EQ(a->history.size(), 3u);
  EXPECT_EQ(a->history[0].status, "open");
  EXPECT_EQ(a->history[1].status, "acknowledged");
  EXPECT_EQ(a->history[1].note, "called the patient");
  EXPECT_EQ(a->history[1].at, At("2026-11-20T10:00:00Z"));
  EXPECT_EQ(a->history[1].by, "dr.a");
  EXPECT_EQ(a->history[2].status, "resolved");
  EXPECT_EQ(a->history[2].by, "dr.b");
  EXPECT_EQ(a->status(), "resolved");
  // The alert itself is unchanged; only its history grew.
  EXPECT_EQ(a->title, "PHQ-9 item 9 positive");
  EXPECT_EQ(a->provenance.created_at, At("2026-11-20T09:00:00Z"));
  EXPECT_EQ(store().GetAlert(p, untouched)->history.size(), 1u);
}

TEST_P(StoreContract, ListAlertsNewestFirstWithLimit) {
  PatientId p = AddPatient();
  std::int64_t old_alert = AddAlert(NewAlert(p, "old", "2026-11-01T09:00:00Z"));
  std::int64_t newest = AddAlert(NewAlert(p, "new", "2026-11-20T09:00:00Z"));
  std::int64_t backdated = AddAlert(NewAlert(p, "backdated", "2026-10-01T09:00:00Z"));
  std::int64_t tie = AddAlert(NewAlert(p, "tie", "2026-11-20T09:00:00Z"));
  auto list = store().ListAlerts({});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 4u);
  EXPECT_EQ(list->at(0).id, tie);
  EXPECT_EQ(list->at(1).id, newest);
  EXPECT_EQ(list->at(2).id, old_alert);
  EXPECT_EQ(list->at(3).id, backdated);
  EXPECT_EQ(list->at(3).history.size(), 1u);  // listed alerts carry their history
  AlertQuery q;
  q.limit = 2;
  auto limited = store().ListAlerts(q);
  ASSERT_EQ(limited->size(), 2u);
  EXPECT_EQ(limited->at(0).id, tie);
  EXPECT_EQ(limited->at(1).id, newest);
}

TEST_P(StoreContract, ListAlertsByCurrentStatus) {
  PatientId p = AddPatient();
  std::int64_t open = AddAlert(NewAlert(p, "open", "2026-11-01T09:00:00Z"));
  std::int64_t acked = AddAlert(NewAlert(p, "acked", "2026-11-02T09:00:00Z"));
  std::int64_t reopened = AddAlert(NewAlert(p, "reopened", "2026-11-03T09:00:00Z"));
  ASSERT_TRUE(store()
                  .AppendAlertStatus(acked, {"acknowledged", "", At("2026-11-02T10:00:00Z"), "dr"})
                  .ok());
  ASSERT_TRUE(
      store().AppendAlertStatus(reopened, {"resolved", "", At("2026-11-03T10:00:00Z"), "dr"}).ok());
  ASSERT_TRUE(store()
                  .AppendAlertStatus(reopened, {"open", "again", At("2026-11-04T10:00:00Z"), "dr"})
                  .ok());
  auto ids = [&](const std::string& status) {
    AlertQuery q;
    q.status = status;
    std::vector<std::int64_t> out;
    auto list = store().ListAlerts(q);
    EXPECT_TRUE(list.ok());
    if (list.ok()) {
      for (const auto& a : *list) out.push_back(a.id);
    }
    return out;
  };
  using V = std::vector<std::int64_t>;
  // Only the latest change counts: a resolved then reopened alert is open.
  EXPECT_EQ(ids("open"), (V{reopened, open}));
  EXPECT_EQ(ids("acknowledged"), V{acked});
  EXPECT_EQ(ids("resolved"), V{});
  EXPECT_EQ(ids(""), (V{reopened, acked, open}));
}

TEST_P(StoreContract, ListAlertsByPatientAndCareTeam) {
  PatientId a = AddPatient("A");
  PatientId b = AddPatient("B");
  PatientId c = AddPatient("C");
  UserId u = AddUser("dr.u");
  ASSERT_TRUE(store().AddToCareTeam(a, u, {}).ok());
  ASSERT_TRUE(store().AddToCareTeam(c, u, {}).ok());
  std::int64_t on_a = AddAlert(NewAlert(a, "k", "2026-11-01T09:00:00Z"));
  std::int64_t on_b = AddAlert(NewAlert(b, "k", "2026-11-02T09:00:00Z"));
  std::int64_t on_c = AddAlert(NewAlert(c, "k", "2026-11-03T09:00:00Z"));
  AlertQuery q;
  q.patient = b;
  auto of_b = store().ListAlerts(q);
  ASSERT_EQ(of_b->size(), 1u);
  EXPECT_EQ(of_b->at(0).id, on_b);
  q.patient = std::nullopt;
  q.care_team_of = u;
  auto team = store().ListAlerts(q);
  ASSERT_EQ(team->size(), 2u);
  EXPECT_EQ(team->at(0).id, on_c);
  EXPECT_EQ(team->at(1).id, on_a);
  q.patient = b;  // both restrictions apply
  EXPECT_TRUE(store().ListAlerts(q)->empty());
  q.care_team_of = AddUser("dr.none");
  q.patient = std::nullopt;
  EXPECT_TRUE(store().ListAlerts(q)->empty());
}

// ---------------------------------------------------------------- review actions

TEST_P(StoreContract, ReviewActionsRoundTripOldestFirst) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  RegimenId r = AddRegimen(p);
  RegimenId theirs = AddRegimen(other);
  ReviewAction moved;
  moved.patient_id = p;
  moved.regimen_id = r;
  moved.due = Day("2026-12-04");
  moved.action = "moved";
  moved.date = Day("2026-12-11");
  moved.note = "patient away";
  moved.provenance = {At("2026-12-01T09:00:00Z"), "dr.test"};
  auto first = store().InsertReviewAction(moved);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ReviewAction done = moved;
  done.due = Day("2026-12-11");
  done.action = "done";
  done.date = std::nullopt;
  done.note.clear();
  auto second = store().InsertReviewAction(done);
  ASSERT_TRUE(second.ok());
  EXPECT_NE(*first, *second);
  ReviewAction cancelled = moved;
  cancelled.patient_id = other;
  cancelled.regimen_id = theirs;
  cancelled.action = "cancelled";
  ASSERT_TRUE(store().InsertReviewAction(cancelled).ok());

  auto list = store().ListReviewActions(p);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  const ReviewAction& x = list->at(0);
  EXPECT_EQ(x.id, *first);
  EXPECT_EQ(x.patient_id, p);
  EXPECT_EQ(x.regimen_id, r);
  EXPECT_EQ(x.due, Day("2026-12-04"));
  EXPECT_EQ(x.action, "moved");
  EXPECT_EQ(x.date, Day("2026-12-11"));
  EXPECT_EQ(x.note, "patient away");
  EXPECT_EQ(x.provenance.created_at, At("2026-12-01T09:00:00Z"));
  EXPECT_EQ(x.provenance.created_by, "dr.test");
  EXPECT_EQ(list->at(1).id, *second);
  EXPECT_EQ(list->at(1).action, "done");
  EXPECT_FALSE(list->at(1).date.has_value());
  auto theirs_list = store().ListReviewActions(other);
  ASSERT_EQ(theirs_list->size(), 1u);
  EXPECT_EQ(theirs_list->at(0).action, "cancelled");
}

TEST_P(StoreContract, ReviewActionForAnotherPatientsRegimenIsNotFound) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  RegimenId theirs = AddRegimen(other);
  ReviewAction r;
  r.patient_id = p;
  r.regimen_id = theirs;
  r.due = Day("2026-12-04");
  r.action = "done";
  auto id = store().InsertReviewAction(r);
  EXPECT_EQ(id.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(id.status().field(), "regimen_id");
  EXPECT_TRUE(store().ListReviewActions(p)->empty());
  EXPECT_TRUE(store().ListReviewActions(other)->empty());
}

// ---------------------------------------------------------------- proposals

TEST_P(StoreContract, InsertProposalRoundTripsUndecided) {
  PatientId p = AddPatient();
  RegimenId r = AddRegimen(p);
  ProposalRecord in = NewProposal(p, r);
  in.decision = ProposalDecision{"approve", "sneaked in", 2, At("2026-11-27T09:00:00Z"), "x"};
  auto id = store().InsertProposal(in);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_GT(*id, 0);
  auto got = store().GetProposal(p, *id);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->id, *id);
  EXPECT_EQ(got->patient_id, p);
  EXPECT_EQ(got->regimen_id, r);
  EXPECT_EQ(got->regimen_version, 1);
  EXPECT_EQ(got->action, "increase");
  EXPECT_EQ(got->proposal_json, R"({"to":{"dose":"3 mg"}})");
  EXPECT_EQ(got->provenance.created_at, At("2026-11-27T08:00:00Z"));
  EXPECT_EQ(got->provenance.created_by, "system");
  // A decision is made only through DecideProposal.
  EXPECT_FALSE(got->decision.has_value());
}

TEST_P(StoreContract, GetProposalOfAnotherPatientIsNotFound) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  auto id = store().InsertProposal(NewProposal(p, AddRegimen(p)));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(store().GetProposal(other, *id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().GetProposal(p, *id + 1000).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContract, ProposalForAnotherPatientsRegimenIsNotFound) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  RegimenId theirs = AddRegimen(other);
  auto id = store().InsertProposal(NewProposal(p, theirs));
  EXPECT_EQ(id.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(id.status().field(), "regimen_id");
  EXPECT_TRUE(store().ListProposals(p)->empty());
}

TEST_P(StoreContract, DecideProposalRecordsTheDecision) {
  PatientId p = AddPatient();
  RegimenId r = AddRegimen(p);
  auto approved = store().InsertProposal(NewProposal(p, r));
  auto rejected = store().InsertProposal(NewProposal(p, r, "hold"));
  ASSERT_TRUE(approved.ok() && rejected.ok());
  ASSERT_TRUE(store()
                  .DecideProposal(*approved, {"approve", "sleeping better", 2,
                                              At("2026-11-27T09:00:00Z"), "dr.a"})
                  .ok());
  ASSERT_TRUE(store()
                  .DecideProposal(*rejected, {"reject", "too soon", std::nullopt,
                                              At("2026-11-27T09:05:00Z"), "dr.b"})
                  .ok());
  auto a = store().GetProposal(p, *approved);
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(a->decision.has_value());
  EXPECT_EQ(a->decision->decision, "approve");
  EXPECT_EQ(a->decision->reason, "sleeping better");
  EXPECT_EQ(a->decision->regimen_version, 2);
  EXPECT_EQ(a->decision->at, At("2026-11-27T09:00:00Z"));
  EXPECT_EQ(a->decision->by, "dr.a");
  EXPECT_EQ(a->action, "increase");  // the proposal itself is unchanged
  auto rj = store().GetProposal(p, *rejected);
  ASSERT_TRUE(rj->decision.has_value());
  EXPECT_EQ(rj->decision->decision, "reject");
  EXPECT_FALSE(rj->decision->regimen_version.has_value());
  EXPECT_EQ(rj->decision->by, "dr.b");
}

TEST_P(StoreContract, AProposalIsDecidedOnlyOnce) {
  PatientId p = AddPatient();
  RegimenId r = AddRegimen(p);
  auto id = store().InsertProposal(NewProposal(p, r));
  ASSERT_TRUE(id.ok());
  ASSERT_TRUE(
      store()
          .DecideProposal(*id, {"reject", "first", std::nullopt, At("2026-11-27T09:00:00Z"), "a"})
          .ok());
  Status second =
      store().DecideProposal(*id, {"approve", "second", 2, At("2026-11-27T09:01:00Z"), "b"});
  EXPECT_EQ(second.code(), StatusCode::kAborted);
  auto got = store().GetProposal(p, *id);
  ASSERT_TRUE(got.ok());
  ASSERT_TRUE(got->decision.has_value());
  EXPECT_EQ(got->decision->decision, "reject");
  EXPECT_EQ(got->decision->reason, "first");
  EXPECT_EQ(got->decision->by, "a");
}

TEST_P(StoreContract, ListProposalsNewestFirstPerPatient) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  RegimenId r = AddRegimen(p);
  auto first = store().InsertProposal(NewProposal(p, r, "increase"));
  auto second = store().InsertProposal(NewProposal(p, r, "hold"));
  ASSERT_TRUE(store().InsertProposal(NewProposal(other, AddRegimen(other))).ok());
  ASSERT_TRUE(first.ok() && second.ok());
  ASSERT_TRUE(
      store().DecideProposal(*first, {"approve", "ok", 2, At("2026-11-27T09:00:00Z"), "dr"}).ok());
  auto list = store().ListProposals(p);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->at(0).id, *second);
  EXPECT_EQ(list->at(0).action, "hold");
  EXPECT_FALSE(list->at(0).decision.has_value());
  EXPECT_EQ(list->at(1).id, *first);
  ASSERT_TRUE(list->at(1).decision.has_value());
  EXPECT_EQ(list->at(1).decision->regimen_version, 2);
  EXPECT_EQ(store().ListProposals(other)->size(), 1u);
}

}  // namespace
}  // namespace pineal::store::contract
