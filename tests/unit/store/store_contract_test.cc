// Contract tests for store::Store: the behaviour every backend must share,
// observed through the interface only. SQLite is the reference; a backend is
// correct when it passes this suite unchanged. Backend-specific checks (SQL
// triggers, PRAGMAs, files) stay in sqlite_store_test.cc and
// sqlite_monitoring_test.cc.
//
// Store method           -> tests (StoreContract.*)
//   InTransaction        -> TransactionCommitsEveryWriteOfTheBody,
//                           TransactionReturnsTheBodysErrorAndRollsBack,
//                           TransactionRollsBackRecordWritesOfEveryKind,
//                           TransactionRollsBackMonitoringAndAccountWrites,
//                           NestedFailureRollsBackOnlyTheInnerPart,
//                           InnerSuccessIsUndoneWhenTheOuterFails,
//                           DeeplyNestedTransactionsCommitTogether,
//                           WritesAreVisibleInsideTheirTransaction,
//                           AStoreErrorInsideATransactionRollsBack,
//                           AnExceptionFromTheBodyRollsBack
//   Migrate, Migrations  -> MigrateIsIdempotentAndLeavesNothingPending,
//                           MigrateAgainKeepsStoredRecords
//   InsertPatient        -> InsertPatientRoundTripsEveryField,
//                           InsertPatientAssignsDistinctIncreasingIds,
//                           PatientWithoutOptionalFieldsRoundTrips
//   GetPatient           -> InsertPatientRoundTripsEveryField, GetUnknownPatientIsNotFound
//   UpdatePatient        -> UpdatePatientWritesFieldsAndBumpsVersion,
//                           UpdatePatientLeavesWeightHistoryAlone,
//                           UpdatePatientWithStaleVersionIsAborted,
//                           UpdatePatientWithFutureVersionIsAborted,
//                           UpdateUnknownPatientIsNotFound,
//                           OfTwoEditorsOfOneVersionOnlyTheFirstWins
//   ListPatients         -> ListPatientsOrdersByNameIgnoringCaseThenId,
//                           ListPatientsSearchIsACaseInsensitiveSubstring,
//                           ListPatientsSearchTreatsWildcardsLiterally,
//                           ListPatientsPagesAndCountsTheWholeMatch,
//                           ListPatientsRestrictsToACareTeam,
//                           ListPatientsRestrictsToOnePatient, ListPatientsOfAnEmptyStore
//   AddWeight            -> AddWeightNewestMeasurementIsThePatientsWeight,
//                           AddWeightGivesAPatientWithoutWeightOne
//   InsertMedication, GetMedication
//                        -> InsertMedicationRoundTripsEveryField,
//                           MedicationWithoutOptionalFieldsRoundTrips,
//                           GetMedicationOfAnotherPatientIsNotFound
//   UpdateMedication     -> UpdateMedicationWritesFieldsAndKeepsProvenance,
//                           UpdateMedicationOfAnotherPatientIsNotFound
//   ListMedications      -> ListMedicationsInInsertionOrderPerPatient
//   InsertRegimen, GetRegimen
//                        -> InsertRegimenRoundTripsVersionAndScreening,
//                           InsertRegimenWithoutAVersionIsRefused,
//                           GetRegimenOfAnotherPatientIsNotFound
//   AppendRegimenVersion -> AppendRegimenVersionKeepsEarlierVersionsUnchanged,
//                           AppendRegimenVersionNotBuiltOnTheCurrentIsAborted,
//                           AppendRegimenVersionToUnknownRegimenIsNotFound
//   ListRegimens         -> ListRegimensPerPatientWithEveryVersion
//   InsertDoseEvent, GetDoseEvent
//                        -> InsertDoseEventRoundTripsEveryField,
//                           SkippedDoseWithoutOptionalFieldsRoundTrips,
//                           GetDoseEventOfAnotherPatientIsNotFound,
//                           DoseEventForAnotherPatientsRegimenIsNotFound,
//                           DoseCorrectionLeavesTheOriginalUnchanged,
//                           CorrectingACorrectedDoseEventIsAborted,
//                           CorrectingAnotherPatientsDoseEventIsRefused,
//                           DoseEventIdsAreNeverReused
//   ListDoseEvents       -> ListDoseEventsShowsTheLatestOfEachChain,
//                           ListDoseEventsFilesByTakenElsePlannedTime,
//                           ListDoseEventsRangeIncludesFromExcludesTo,
//                           ListDoseEventsHidesCorrectedEntriesOutsideTheRange,
//                           ListDoseEventsShowsOnlyThePatientsOwn
//   InsertObservation, GetObservation
//                        -> InsertObservationRoundTripsEveryField,
//                           NoteObservationWithoutValueRoundTrips,
//                           GetObservationOfAnotherPatientIsNotFound,
//                           ObservationCorrectionLeavesTheOriginalUnchanged,
//                           CorrectingACorrectedObservationIsAborted,
//                           CorrectingAnotherPatientsObservationIsRefused,
//                           ObservationIdsAreNeverReused
//   ListObservations     -> ListObservationsShowsTheLatestOfEachChain,
//                           ListObservationsRangeIncludesFromExcludesTo
//   ListDoseEventsSince, ListObservationsOfKinds, LastCheckIn
//                        -> (store_contract_check_in_test.cc)
//   PageDoseEvents, PageObservations, ListAudit (before_id), ListAlerts (before)
//                        -> store_contract_paging_test.cc
//   InsertCircadianPlan, GetCircadianPlan, ListCircadianPlans
//                        -> CircadianPlanRoundTrips, GetCircadianPlanOfAnotherPatientIsNotFound,
//                           ListCircadianPlansNewestFirstPerPatient,
//                           CircadianPlanIdsAreNeverReused
//   InsertAlertIfNew     -> InsertAlertIfNewOpensTheAlert,
//                           InsertAlertIfNewDeduplicatesPerPatientAndKey,
//                           TheSameKeyForAnotherPatientOpensAnotherAlert,
//                           AResolvedAlertStillDeduplicates
//   GetAlert             -> InsertAlertIfNewOpensTheAlert, GetAlertOfAnotherPatientIsNotFound
//   ListAlerts           -> ListAlertsNewestFirstWithLimit, ListAlertsByCurrentStatus,
//                           ListAlertsByPatientAndCareTeam
//   AppendAlertStatus    -> AppendAlertStatusAppendsToTheHistory
//   InsertReviewAction, ListReviewActions
//                        -> ReviewActionsRoundTripOldestFirst,
//                           ReviewActionForAnotherPatientsRegimenIsNotFound
//   InsertProposal, GetProposal
//                        -> InsertProposalRoundTripsUndecided,
//                           GetProposalOfAnotherPatientIsNotFound,
//                           ProposalForAnotherPatientsRegimenIsNotFound
//   ListProposals        -> ListProposalsNewestFirstPerPatient
//   DecideProposal       -> DecideProposalRecordsTheDecision,
//                           AProposalIsDecidedOnlyOnce
//   InsertUser, GetUser  -> InsertUserRoundTrips, PatientAccountKeepsItsPatient,
//                           UsernamesAreUniqueRegardlessOfCase, GetUnknownUserIsNotFound
//   FindUser             -> FindUserIgnoresCase
//   ListUsers            -> ListUsersOrderedByUsername
//   UpdateUser           -> UpdateUserWritesOnlyTheMutableFields,
//                           UpdateUserClearsTheLock, UpdateUnknownUserIsNotFound
//   AddToCareTeam, IsOnCareTeam, CareTeam
//                        -> CareTeamMembershipIsIdempotentAndSorted,
//                           CareTeamsArePerPatient
//   InsertSession, FindSession
//                        -> SessionsRoundTripByTokenHash, FindUnknownSessionIsNotFound,
//                           ATokenHashIsStoredOnce
//   ListSessions         -> ListSessionsPerUserInOrder
//   RevokeSession        -> RevokeSessionKeepsTheFirstRevocation,
//                           RevokeSessionOfAnotherUserIsNotFound
//   RevokeAllSessions    -> RevokeAllSessionsCountsOnlyLiveOnes
//   InsertCalendarFeed, FindActiveCalendarFeed, ListCalendarFeeds, RevokeCalendarFeed
//                        -> store_contract_calendar_test.cc
//   AppendAudit, ListAudit
//                        -> AuditEventRoundTrips, ListAuditNewestFirstWithLimit,
//                           ListAuditFiltersByPatientAndActor, AuditIdsAreNeverReused
//
// Append-only rules (dose events, observations, regimen versions, audit
// events are never updated): the interface has no way to change them, so the
// tests check that corrections, new versions and inserts carrying an
// existing id leave earlier entries exactly as they were.
#include <stdexcept>

#include "tests/unit/store/store_contract.h"

namespace pineal::store::contract {
namespace {

std::string BackendName(const ::testing::TestParamInfo<std::string>& info) { return info.param; }

INSTANTIATE_TEST_SUITE_P(Backends, StoreContract, ::testing::Values("sqlite", "memory"),
                         BackendName);

// ---------------------------------------------------------------- schema

TEST_P(StoreContract, MigrateIsIdempotentAndLeavesNothingPending) {
  auto before = store().Migrations();
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  int last = 0;
  for (const MigrationInfo& m : *before) {
    EXPECT_GT(m.version, last) << m.name;
    EXPECT_FALSE(m.name.empty());
    EXPECT_FALSE(m.applied_at.empty()) << m.name << " is still pending";
    last = m.version;
  }
  Status again = store().Migrate();
  ASSERT_TRUE(again.ok()) << again.ToString();
  auto after = store().Migrations();
  ASSERT_TRUE(after.ok());
  ASSERT_EQ(after->size(), before->size());
  for (std::size_t i = 0; i < after->size(); ++i) {
    EXPECT_EQ((*after)[i].version, (*before)[i].version);
    EXPECT_EQ((*after)[i].applied_at, (*before)[i].applied_at);
  }
}

TEST_P(StoreContract, MigrateAgainKeepsStoredRecords) {
  PatientId p = AddPatient();
  DoseEventId d = AddDose(pineal::testing::TakenDose(p, "2026-11-20T21:30:00Z"));
  ASSERT_TRUE(store().Migrate().ok());
  EXPECT_EQ(LoadPatient(p).display_name, "Ada L.");
  auto e = store().GetDoseEvent(p, d);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_EQ(e->taken_at, At("2026-11-20T21:30:00Z"));
}

// ---------------------------------------------------------------- transactions

TEST_P(StoreContract, TransactionCommitsEveryWriteOfTheBody) {
  PatientId p;
  DoseEventId d;
  Status st = store().InTransaction([&]() -> Status {
    PINEAL_ASSIGN_OR_RETURN(p, store().InsertPatient(pineal::testing::SamplePatient("T")));
    PINEAL_ASSIGN_OR_RETURN(
        d, store().InsertDoseEvent(pineal::testing::TakenDose(p, "2026-11-20T21:30:00Z")));
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(LoadPatient(p).display_name, "T");
  auto events = store().ListDoseEvents(p, {}, false);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 1u);
  EXPECT_EQ(events->at(0).id, d);
}

TEST_P(StoreContract, TransactionReturnsTheBodysErrorAndRollsBack) {
  Status st = store().InTransaction([&]() -> Status {
    PINEAL_RETURN_IF_ERROR(store().InsertPatient(pineal::testing::SamplePatient("A")).status());
    PINEAL_RETURN_IF_ERROR(store().InsertPatient(pineal::testing::SamplePatient("B")).status());
    return Status::InvalidArgument("stop here", "why");
  });
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.message(), "stop here");
  EXPECT_EQ(st.field(), "why");
  EXPECT_EQ(PatientTotal(), 0);
}

TEST_P(StoreContract, ReadsTakenTogetherSeeTheStoreAndReturnTheBodysStatus) {
  auto p = store().InsertPatient(pineal::testing::SamplePatient("R"));
  ASSERT_TRUE(p.ok());
  ASSERT_TRUE(store().InsertDoseEvent(pineal::testing::TakenDose(*p, "2026-11-20T21:30:00Z")).ok());
  std::string name;
  std::size_t events = 0;
  Status st = store().ReadTogether([&]() -> Status {
    PINEAL_ASSIGN_OR_RETURN(auto patient, store().GetPatient(*p));
    name = patient.display_name;
    PINEAL_ASSIGN_OR_RETURN(auto list, store().ListDoseEvents(*p, {}, false));
    events = list.size();
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(name, "R");
  EXPECT_EQ(events, 1u);
  Status failed = store().ReadTogether([&]() -> Status {
    PINEAL_RETURN_IF_ERROR(store().GetPatient(PatientId(p->value() + 1000)).status());
    return Status::Ok();
  });
  EXPECT_EQ(failed.code(), StatusCode::kNotFound) << failed.ToString();
}

TEST_P(StoreContract, TransactionRollsBackRecordWritesOfEveryKind) {
  PatientId p = AddPatient();
  RegimenId r = AddRegimen(p);
  DoseEventId dose = AddDose(pineal::testing::TakenDose(p, "2026-11-20T21:30:00Z"));
  ObservationId obs = AddObservation(pineal::testing::Score(p, "2026-11-20T09:00:00Z", 15));
  records::MedicationEntry med;
  med.patient_id = p;
  med.name = "sertraline";
  med.provenance = {At("2026-11-20T10:00:00Z"), "dr.test"};
  auto med_id = store().InsertMedication(med);
  ASSERT_TRUE(med_id.ok());

  Status st = store().InTransaction([&]() -> Status {
    records::Patient changed = LoadPatient(p);
    changed.display_name = "Changed";
    PINEAL_RETURN_IF_ERROR(store().UpdatePatient(changed, At("2026-11-21T00:00:00Z")));
    PINEAL_RETURN_IF_ERROR(
        store().AddWeight(p, {*BodyWeight::Make(90, "kg"), Day("2026-11-30")}, {}));
    records::MedicationEntry m = med;
    m.id = *med_id;
    m.name = "changed";
    PINEAL_RETURN_IF_ERROR(store().UpdateMedication(m));
    PINEAL_RETURN_IF_ERROR(store().InsertMedication(med).status());
    PINEAL_RETURN_IF_ERROR(store().InsertRegimen(NewRegimen(p, "valerian")).status());
    PINEAL_RETURN_IF_ERROR(store().AppendRegimenVersion(r, Version(2, 3)));
    records::DoseEvent fix = pineal::testing::TakenDose(p, "2026-11-20T21:45:00Z");
    fix.corrects = dose;
    PINEAL_RETURN_IF_ERROR(store().InsertDoseEvent(fix).status());
    records::Observation ofix = pineal::testing::Score(p, "2026-11-20T09:00:00Z", 14);
    ofix.corrects = obs;
    PINEAL_RETURN_IF_ERROR(store().InsertObservation(ofix).status());
    CircadianPlanRecord plan;
    plan.patient_id = p;
    plan.kind = "jetlag";
    plan.title = "Paris to Tokyo";
    plan.request_json = "{}";
    plan.plan_json = "{}";
    PINEAL_RETURN_IF_ERROR(store().InsertCircadianPlan(plan).status());
    return Status::Aborted("give up");
  });
  EXPECT_EQ(st.code(), StatusCode::kAborted);

  records::Patient now = LoadPatient(p);
  EXPECT_EQ(now.display_name, "Ada L.");
  EXPECT_EQ(now.version, 1);
  ASSERT_TRUE(now.weight.has_value());
  EXPECT_EQ(now.weight->measured_on, Day("2026-11-01"));
  auto meds = store().ListMedications(p);
  ASSERT_TRUE(meds.ok());
  ASSERT_EQ(meds->size(), 1u);
  EXPECT_EQ(meds->at(0).name, "sertraline");
  auto regimens = store().ListRegimens(p);
  ASSERT_TRUE(regimens.ok());
  ASSERT_EQ(regimens->size(), 1u);
  EXPECT_EQ(regimens->at(0).versions.size(), 1u);
  auto doses = store().ListDoseEvents(p, {}, true);
  ASSERT_TRUE(doses.ok());
  ASSERT_EQ(doses->size(), 1u);
  EXPECT_EQ(doses->at(0).id, dose);
  auto observations = store().ListObservations(p, {}, true);
  ASSERT_TRUE(observations.ok());
  ASSERT_EQ(observations->size(), 1u);
  EXPECT_EQ(observations->at(0).id, obs);
  auto plans = store().ListCircadianPlans(p);
  ASSERT_TRUE(plans.ok());
  EXPECT_TRUE(plans->empty());
  // What was rolled back can be done again: the correction is still allowed.
  records::DoseEvent fix = pineal::testing::TakenDose(p, "2026-11-20T21:45:00Z");
  fix.corrects = dose;
  EXPECT_TRUE(store().InsertDoseEvent(fix).ok());
  EXPECT_TRUE(store().AppendRegimenVersion(r, Version(2, 3)).ok());
}

TEST_P(StoreContract, TransactionRollsBackMonitoringAndAccountWrites) {
  PatientId p = AddPatient();
  RegimenId r = AddRegimen(p);
  UserId u = AddUser("dr.keep");
  std::int64_t alert = AddAlert(NewAlert(p, "k1"));
  auto proposal = store().InsertProposal(NewProposal(p, r));
  ASSERT_TRUE(proposal.ok());
  ASSERT_TRUE(store().InsertSession(NewSession(u, std::string(64, 'a'))).ok());

  Status st = store().InTransaction([&]() -> Status {
    PINEAL_RETURN_IF_ERROR(store().InsertAlertIfNew(NewAlert(p, "k2")).status());
    PINEAL_RETURN_IF_ERROR(store().AppendAlertStatus(
        alert, {"acknowledged", "seen", At("2026-11-20T10:00:00Z"), "dr.keep"}));
    ReviewAction review;
    review.patient_id = p;
    review.regimen_id = r;
    review.due = Day("2026-12-04");
    review.action = "done";
    PINEAL_RETURN_IF_ERROR(store().InsertReviewAction(review).status());
    PINEAL_RETURN_IF_ERROR(store().InsertProposal(NewProposal(p, r, "decrease")).status());
    PINEAL_RETURN_IF_ERROR(store().DecideProposal(
        *proposal, {"reject", "too soon", std::nullopt, At("2026-11-27T09:00:00Z"), "dr.keep"}));
    PINEAL_RETURN_IF_ERROR(store().InsertUser(NewUser("dr.gone")).status());
    User changed = *store().GetUser(u);
    changed.display_name = "Changed";
    changed.password_reset_by = "admin";
    PINEAL_RETURN_IF_ERROR(store().UpdateUser(changed));
    PINEAL_RETURN_IF_ERROR(store().AddToCareTeam(p, u, {At("2026-11-20T10:00:00Z"), "admin"}));
    PINEAL_RETURN_IF_ERROR(store().InsertSession(NewSession(u, std::string(64, 'b'))).status());
    PINEAL_RETURN_IF_ERROR(store().RevokeAllSessions(u, At("2026-11-20T11:00:00Z")).status());
    PINEAL_RETURN_IF_ERROR(store().AppendAudit(NewAudit("dr.keep", p)));
    return Status::FailedPrecondition("give up");
  });
  EXPECT_EQ(st.code(), StatusCode::kFailedPrecondition);

  auto alerts = store().ListAlerts({});
  ASSERT_TRUE(alerts.ok());
  ASSERT_EQ(alerts->size(), 1u);
  EXPECT_EQ(alerts->at(0).id, alert);
  EXPECT_EQ(alerts->at(0).history.size(), 1u);
  EXPECT_EQ(alerts->at(0).status(), "open");
  EXPECT_TRUE(store().ListReviewActions(p)->empty());
  auto proposals = store().ListProposals(p);
  ASSERT_TRUE(proposals.ok());
  ASSERT_EQ(proposals->size(), 1u);
  EXPECT_FALSE(proposals->at(0).decision.has_value());
  auto users = store().ListUsers();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 1u);
  EXPECT_EQ(users->at(0).display_name, "Dr dr.keep");
  EXPECT_EQ(users->at(0).password_reset_by, "");
  EXPECT_FALSE(*store().IsOnCareTeam(p, u));
  auto sessions = store().ListSessions(u);
  ASSERT_TRUE(sessions.ok());
  ASSERT_EQ(sessions->size(), 1u);
  EXPECT_FALSE(sessions->at(0).revoked_at.has_value());
  EXPECT_TRUE(store().ListAudit({})->empty());
}

TEST_P(StoreContract, NestedFailureRollsBackOnlyTheInnerPart) {
  Status inner;
  Status st = store().InTransaction([&]() -> Status {
    PINEAL_RETURN_IF_ERROR(store().InsertPatient(pineal::testing::SamplePatient("kept")).status());
    inner = store().InTransaction([&]() -> Status {
      PINEAL_RETURN_IF_ERROR(
          store().InsertPatient(pineal::testing::SamplePatient("gone")).status());
      return Status::Aborted("inner fails");
    });
    return Status::Ok();
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  EXPECT_EQ(inner.code(), StatusCode::kAborted);
  EXPECT_EQ(inner.message(), "inner fails");
  auto page = store().ListPatients({});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].display_name, "kept");
}

TEST_P(StoreContract, InnerSuccessIsUndoneWhenTheOuterFails) {
  Status st = store().InTransaction([&]() -> Status {
    Status inner = store().InTransaction([&]() -> Status {
      return store().InsertPatient(pineal::testing::SamplePatient("inner")).status();
    });
    EXPECT_TRUE(inner.ok()) << inner.ToString();
    EXPECT_EQ(PatientTotal(), 1);
    return Status::Internal("outer fails");
  });
  EXPECT_EQ(st.code(), StatusCode::kInternal);
  EXPECT_EQ(PatientTotal(), 0);
}

TEST_P(StoreContract, DeeplyNestedTransactionsCommitTogether) {
  Status st = store().InTransaction([&]() -> Status {
    PINEAL_RETURN_IF_ERROR(store().InsertPatient(pineal::testing::SamplePatient("one")).status());
    return store().InTransaction([&]() -> Status {
      PINEAL_RETURN_IF_ERROR(store().InsertPatient(pineal::testing::SamplePatient("two")).status());
      Status third = store().InTransaction([&]() -> Status {
        return store().InsertPatient(pineal::testing::SamplePatient("three")).status();
      });
      PINEAL_RETURN_IF_ERROR(third);
      // A failed sibling at the deepest level leaves the others alone.
      Status failed = store().InTransaction([&]() -> Status {
        PINEAL_RETURN_IF_ERROR(
            store().InsertPatient(pineal::testing::SamplePatient("four")).status());
        return Status::Aborted("no");
      });
      EXPECT_EQ(failed.code(), StatusCode::kAborted);
      return Status::Ok();
    });
  });
  ASSERT_TRUE(st.ok()) << st.ToString();
  auto page = store().ListPatients({});
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 3);
  EXPECT_EQ(page->items[0].display_name, "one");
  EXPECT_EQ(page->items[1].display_name, "three");
  EXPECT_EQ(page->items[2].display_name, "two");
}

TEST_P(StoreContract, WritesAreVisibleInsideTheirTransaction) {
  std::string seen_name;
  int seen_total = -1;
  Status st = store().InTransaction([&]() -> Status {
    PINEAL_ASSIGN_OR_RETURN(PatientId p,
                            store().InsertPatient(pineal::testing::SamplePatient("Inside")));
    PINEAL_ASSIGN_OR_RETURN(records::Patient loaded, store().GetPatient(p));
    seen_name = loaded.display_name;
    seen_total = PatientTotal();
    return Status::Aborted("discard");
  });
  EXPECT_EQ(st.code(), StatusCode::kAborted);
  EXPECT_EQ(seen_name, "Inside");
  EXPECT_EQ(seen_total, 1);
  EXPECT_EQ(PatientTotal(), 0);
}

TEST_P(StoreContract, AStoreErrorInsideATransactionRollsBack) {
  PatientId p = AddPatient();
  RegimenId r = AddRegimen(p);
  Status st = store().InTransaction([&]() -> Status {
    PINEAL_RETURN_IF_ERROR(store().InsertPatient(pineal::testing::SamplePatient("B")).status());
    return store().AppendRegimenVersion(r, Version(5, 3));  // not current + 1
  });
  EXPECT_EQ(st.code(), StatusCode::kAborted);
  EXPECT_EQ(PatientTotal(), 1);
  EXPECT_EQ(store().GetRegimen(p, r)->versions.size(), 1u);
}

TEST_P(StoreContract, AnExceptionFromTheBodyRollsBack) {
  Status st = store().InTransaction([&]() -> Status {
    PINEAL_RETURN_IF_ERROR(store().InsertPatient(pineal::testing::SamplePatient("X")).status());
    throw std::runtime_error("body failed");
  });
  EXPECT_EQ(st.code(), StatusCode::kInternal);
  EXPECT_NE(st.message().find("body failed"), std::string::npos) << st.message();
  EXPECT_EQ(PatientTotal(), 0);
  // The store is usable afterwards.
  PatientId p = AddPatient("After");
  EXPECT_EQ(LoadPatient(p).display_name, "After");
}

// ---------------------------------------------------------------- patients

TEST_P(StoreContract, InsertPatientRoundTripsEveryField) {
  records::Patient in = pineal::testing::SamplePatient("Grace H.");
  in.breastfeeding = true;
  in.smoker = true;
  in.pregnancy = records::PregnancyStatus::kPregnant;
  in.notes = "prefers mornings";
  in.version = 7;  // the store sets the first version itself
  auto id = store().InsertPatient(in);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_TRUE(id->valid());
  records::Patient p = LoadPatient(*id);
  EXPECT_EQ(p.id, *id);
  EXPECT_EQ(p.display_name, "Grace H.");
  EXPECT_EQ(p.birth_date, Day("1960-05-04"));
  EXPECT_EQ(p.sex, records::Sex::kFemale);
  EXPECT_EQ(p.pregnancy, records::PregnancyStatus::kPregnant);
  EXPECT_TRUE(p.breastfeeding);
  EXPECT_TRUE(p.smoker);
  EXPECT_EQ(p.conditions, (std::vector<std::string>{"insomnia", "hypertension"}));
  EXPECT_EQ(p.time_zone, "Europe/Paris");
  EXPECT_EQ(p.notes, "prefers mornings");
  ASSERT_TRUE(p.weight.has_value());
  EXPECT_EQ(p.weight->weight, *BodyWeight::Make(64.5, "kg"));
  EXPECT_EQ(p.weight->measured_on, Day("2026-11-01"));
  EXPECT_EQ(p.version, 1);
  EXPECT_EQ(p.provenance.created_at, At("2026-11-20T10:00:00Z"));
  EXPECT_EQ(p.provenance.created_by, "dr.test");
  EXPECT_EQ(p.updated_at, At("2026-11-20T10:00:00Z"));
}

TEST_P(StoreContract, PatientWithoutOptionalFieldsRoundTrips) {
  records::Patient in;
  in.display_name = "Anon";
  in.provenance = {At("2026-11-20T10:00:00Z"), "dr.test"};
  auto id = store().InsertPatient(in);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  records::Patient p = LoadPatient(*id);
  EXPECT_EQ(p.display_name, "Anon");
  EXPECT_FALSE(p.birth_date.has_value());
  EXPECT_FALSE(p.weight.has_value());
  EXPECT_EQ(p.sex, records::Sex::kUnknown);
  EXPECT_EQ(p.pregnancy, records::PregnancyStatus::kUnknown);
  EXPECT_TRUE(p.conditions.empty());
  EXPECT_EQ(p.time_zone, "UTC");
  EXPECT_EQ(p.notes, "");
}

TEST_P(StoreContract, InsertPatientAssignsDistinctIncreasingIds) {
  PatientId a = AddPatient("A");
  PatientId b = AddPatient("B");
  PatientId c = AddPatient("C");
  EXPECT_TRUE(a.valid());
  EXPECT_LT(a, b);
  EXPECT_LT(b, c);
  EXPECT_EQ(LoadPatient(b).display_name, "B");
}

TEST_P(StoreContract, GetUnknownPatientIsNotFound) {
  PatientId a = AddPatient();
  EXPECT_EQ(store().GetPatient(PatientId(a.value() + 1000)).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().GetPatient(PatientId()).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContract, UpdatePatientWritesFieldsAndBumpsVersion) {
  PatientId id = AddPatient();
  records::Patient p = LoadPatient(id);
  p.display_name = "Ada Lovelace";
  p.birth_date = std::nullopt;
  p.sex = records::Sex::kOther;
  p.pregnancy = records::PregnancyStatus::kNotApplicable;
  p.breastfeeding = true;
  p.smoker = true;
  p.time_zone = "America/New_York";
  p.notes = "moved";
  p.conditions = {"shift work"};
  p.provenance = {At("2030-01-01T00:00:00Z"), "intruder"};  // not writable
  ASSERT_TRUE(store().UpdatePatient(p, At("2026-11-21T12:00:00Z")).ok());
  records::Patient got = LoadPatient(id);
  EXPECT_EQ(got.display_name, "Ada Lovelace");
  EXPECT_FALSE(got.birth_date.has_value());
  EXPECT_EQ(got.sex, records::Sex::kOther);
  EXPECT_EQ(got.pregnancy, records::PregnancyStatus::kNotApplicable);
  EXPECT_TRUE(got.breastfeeding);
  EXPECT_TRUE(got.smoker);
  EXPECT_EQ(got.time_zone, "America/New_York");
  EXPECT_EQ(got.notes, "moved");
  EXPECT_EQ(got.conditions, (std::vector<std::string>{"shift work"}));
  EXPECT_EQ(got.version, 2);
  EXPECT_EQ(got.updated_at, At("2026-11-21T12:00:00Z"));
  EXPECT_EQ(got.provenance.created_at, At("2026-11-20T10:00:00Z"));
  EXPECT_EQ(got.provenance.created_by, "dr.test");
  // Each update bumps the version once.
  ASSERT_TRUE(store().UpdatePatient(got, At("2026-11-22T12:00:00Z")).ok());
  EXPECT_EQ(LoadPatient(id).version, 3);
}

TEST_P(StoreContract, UpdatePatientLeavesWeightHistoryAlone) {
  PatientId id = AddPatient();
  records::Patient p = LoadPatient(id);
  p.weight = records::WeightRecord{*BodyWeight::Make(99, "kg"), Day("2026-12-01")};
  ASSERT_TRUE(store().UpdatePatient(p, At("2026-11-21T12:00:00Z")).ok());
  records::Patient got = LoadPatient(id);
  ASSERT_TRUE(got.weight.has_value());
  EXPECT_EQ(got.weight->weight, *BodyWeight::Make(64.5, "kg"));
  EXPECT_EQ(got.weight->measured_on, Day("2026-11-01"));
}

TEST_P(StoreContract, UpdatePatientWithStaleVersionIsAborted) {
  PatientId id = AddPatient();
  records::Patient p = LoadPatient(id);
  p.display_name = "First";
  ASSERT_TRUE(store().UpdatePatient(p, At("2026-11-21T00:00:00Z")).ok());
  p.display_name = "Stale";  // still carries version 1
  p.conditions = {"stale"};
  Status st = store().UpdatePatient(p, At("2026-11-22T00:00:00Z"));
  EXPECT_EQ(st.code(), StatusCode::kAborted);
  EXPECT_EQ(st.field(), "version");
  records::Patient got = LoadPatient(id);
  EXPECT_EQ(got.display_name, "First");
  EXPECT_EQ(got.conditions, (std::vector<std::string>{"insomnia", "hypertension"}));
  EXPECT_EQ(got.version, 2);
  EXPECT_EQ(got.updated_at, At("2026-11-21T00:00:00Z"));
}

TEST_P(StoreContract, UpdatePatientWithFutureVersionIsAborted) {
  PatientId id = AddPatient();
  records::Patient p = LoadPatient(id);
  p.version = 5;
  p.display_name = "Ahead";
  EXPECT_EQ(store().UpdatePatient(p, At("2026-11-21T00:00:00Z")).code(), StatusCode::kAborted);
  EXPECT_EQ(LoadPatient(id).display_name, "Ada L.");
  EXPECT_EQ(LoadPatient(id).version, 1);
}

TEST_P(StoreContract, UpdateUnknownPatientIsNotFound) {
  PatientId id = AddPatient();
  records::Patient p = LoadPatient(id);
  p.id = PatientId(id.value() + 1000);
  EXPECT_EQ(store().UpdatePatient(p, At("2026-11-21T00:00:00Z")).code(), StatusCode::kNotFound);
  EXPECT_EQ(PatientTotal(), 1);
}

TEST_P(StoreContract, OfTwoEditorsOfOneVersionOnlyTheFirstWins) {
  PatientId id = AddPatient();
  records::Patient alice = LoadPatient(id);
  records::Patient bob = LoadPatient(id);
  alice.notes = "alice";
  bob.notes = "bob";
  ASSERT_TRUE(store().UpdatePatient(alice, At("2026-11-21T00:00:00Z")).ok());
  EXPECT_EQ(store().UpdatePatient(bob, At("2026-11-21T00:01:00Z")).code(), StatusCode::kAborted);
  // Bob reloads and retries on the current version.
  records::Patient reloaded = LoadPatient(id);
  EXPECT_EQ(reloaded.notes, "alice");
  reloaded.notes = "bob";
  ASSERT_TRUE(store().UpdatePatient(reloaded, At("2026-11-21T00:02:00Z")).ok());
  EXPECT_EQ(LoadPatient(id).notes, "bob");
  EXPECT_EQ(LoadPatient(id).version, 3);
}

TEST_P(StoreContract, AddWeightNewestMeasurementIsThePatientsWeight) {
  PatientId id = AddPatient();
  ASSERT_TRUE(store()
                  .AddWeight(id, {*BodyWeight::Make(63, "kg"), Day("2026-11-15")},
                             {At("2026-11-15T09:00:00Z"), "nurse"})
                  .ok());
  EXPECT_EQ(LoadPatient(id).weight->weight, *BodyWeight::Make(63, "kg"));
  // An older measurement entered later does not replace the newest one.
  ASSERT_TRUE(store().AddWeight(id, {*BodyWeight::Make(70, "kg"), Day("2026-10-01")}, {}).ok());
  records::Patient p = LoadPatient(id);
  EXPECT_EQ(p.weight->weight, *BodyWeight::Make(63, "kg"));
  EXPECT_EQ(p.weight->measured_on, Day("2026-11-15"));
  // Of two measurements on one day, the one entered last counts.
  ASSERT_TRUE(store().AddWeight(id, {*BodyWeight::Make(62, "kg"), Day("2026-11-15")}, {}).ok());
  EXPECT_EQ(LoadPatient(id).weight->weight, *BodyWeight::Make(62, "kg"));
  EXPECT_EQ(LoadPatient(id).version, 1);  // weights are history, not an edit
}

TEST_P(StoreContract, AddWeightGivesAPatientWithoutWeightOne) {
  records::Patient in = pineal::testing::SamplePatient("Light");
  in.weight = std::nullopt;
  auto id = store().InsertPatient(in);
  ASSERT_TRUE(id.ok());
  EXPECT_FALSE(LoadPatient(*id).weight.has_value());
  ASSERT_TRUE(store().AddWeight(*id, {*BodyWeight::Make(68.25, "kg"), Day("2026-11-02")}, {}).ok());
  records::Patient p = LoadPatient(*id);
  ASSERT_TRUE(p.weight.has_value());
  EXPECT_EQ(p.weight->weight, *BodyWeight::Make(68.25, "kg"));
  EXPECT_EQ(p.weight->weight.value(), 68.25);
  EXPECT_EQ(p.weight->measured_on, Day("2026-11-02"));
}

TEST_P(StoreContract, ListPatientsOfAnEmptyStore) {
  auto page = store().ListPatients({});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 0);
  EXPECT_TRUE(page->items.empty());
}

TEST_P(StoreContract, ListPatientsOrdersByNameIgnoringCaseThenId) {
  PatientId bob = AddPatient("bob");
  PatientId alice1 = AddPatient("Alice");
  PatientId carl = AddPatient("Carl");
  PatientId alice2 = AddPatient("alice");
  auto page = store().ListPatients({});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 4);
  ASSERT_EQ(page->items.size(), 4u);
  EXPECT_EQ(page->items[0].id, alice1);
  EXPECT_EQ(page->items[1].id, alice2);
  EXPECT_EQ(page->items[2].id, bob);
  EXPECT_EQ(page->items[3].id, carl);
  // Listed patients are complete records.
  EXPECT_EQ(page->items[2].conditions, (std::vector<std::string>{"insomnia", "hypertension"}));
  ASSERT_TRUE(page->items[2].weight.has_value());
  EXPECT_EQ(page->items[2].weight->measured_on, Day("2026-11-01"));
  EXPECT_EQ(page->items[2].version, 1);
}

TEST_P(StoreContract, ListPatientsSearchIsACaseInsensitiveSubstring) {
  PatientId ada = AddPatient("Ada L.");
  AddPatient("Bob M.");
  PatientId grenada = AddPatient("Grenada Jones");
  PatientQuery q;
  q.search = "ADA";
  auto page = store().ListPatients(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 2);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].id, ada);
  EXPECT_EQ(page->items[1].id, grenada);
  q.search = "zzz";
  EXPECT_EQ(PatientTotal(q), 0);
}

TEST_P(StoreContract, ListPatientsSearchTreatsWildcardsLiterally) {
  AddPatient("Ada L.");
  PatientId percent = AddPatient("Bob 100% M.");
  PatientId underscore = AddPatient("Ada_B");
  PatientId backslash = AddPatient("C\\D");
  PatientQuery q;
  q.search = "%";
  auto page = store().ListPatients(q);
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].id, percent);
  q.search = "_";
  page = store().ListPatients(q);
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].id, underscore);
  q.search = "\\";
  page = store().ListPatients(q);
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].id, backslash);
}

TEST_P(StoreContract, ListPatientsPagesAndCountsTheWholeMatch) {
  for (const char* name : {"P1", "P2", "P3", "P4", "P5"}) AddPatient(name);
  PatientQuery q;
  q.limit = 2;
  q.offset = 0;
  auto first = store().ListPatients(q);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->total, 5);
  ASSERT_EQ(first->items.size(), 2u);
  EXPECT_EQ(first->items[0].display_name, "P1");
  EXPECT_EQ(first->items[1].display_name, "P2");
  q.offset = 4;
  auto last = store().ListPatients(q);
  EXPECT_EQ(last->total, 5);
  ASSERT_EQ(last->items.size(), 1u);
  EXPECT_EQ(last->items[0].display_name, "P5");
  q.offset = 10;
  auto past = store().ListPatients(q);
  EXPECT_EQ(past->total, 5);
  EXPECT_TRUE(past->items.empty());
  // The total counts the search match, not the whole store.
  q.offset = 0;
  q.limit = 1;
  q.search = "p";
  EXPECT_EQ(store().ListPatients(q)->total, 5);
  q.search = "3";
  EXPECT_EQ(store().ListPatients(q)->total, 1);
}

TEST_P(StoreContract, ListPatientsRestrictsToACareTeam) {
  PatientId a = AddPatient("A");
  PatientId b = AddPatient("B");
  PatientId c = AddPatient("C");
  UserId mine = AddUser("dr.mine");
  UserId other = AddUser("dr.other");
  UserId nobody = AddUser("dr.nobody");
  ASSERT_TRUE(store().AddToCareTeam(a, mine, {}).ok());
  ASSERT_TRUE(store().AddToCareTeam(c, mine, {}).ok());
  ASSERT_TRUE(store().AddToCareTeam(b, other, {}).ok());
  PatientQuery q;
  q.care_team_of = mine;
  auto page = store().ListPatients(q);
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(page->total, 2);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].id, a);
  EXPECT_EQ(page->items[1].id, c);
  q.search = "c";
  page = store().ListPatients(q);
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].id, c);
  q.search.clear();
  q.care_team_of = nobody;
  EXPECT_EQ(PatientTotal(q), 0);
}

TEST_P(StoreContract, ListPatientsRestrictsToOnePatient) {
  AddPatient("A");
  PatientId b = AddPatient("B");
  UserId u = AddUser("dr.a");
  PatientQuery q;
  q.only = b;
  auto page = store().ListPatients(q);
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->total, 1);
  EXPECT_EQ(page->items[0].id, b);
  q.search = "A";  // B's name does not match
  EXPECT_EQ(PatientTotal(q), 0);
  q.search.clear();
  q.care_team_of = u;  // both restrictions apply
  EXPECT_EQ(PatientTotal(q), 0);
  ASSERT_TRUE(store().AddToCareTeam(b, u, {}).ok());
  EXPECT_EQ(PatientTotal(q), 1);
  q.only = PatientId(b.value() + 1000);
  q.care_team_of = std::nullopt;
  EXPECT_EQ(PatientTotal(q), 0);
}

// ---------------------------------------------------------------- medications

records::MedicationEntry FullMedication(PatientId patient) {
  records::MedicationEntry m;
  m.patient_id = patient;
  m.name = "fluvoxamine";
  m.category = records::MedicationCategory::kMedicine;
  m.code_system = "http://www.nlm.nih.gov/research/umls/rxnorm";
  m.code = "42355";
  m.dose = Mg(50);
  m.schedule = "once daily at night";
  m.start_date = Day("2026-10-01");
  m.stop_date = Day("2027-01-01");
  m.source = records::MedicationSource::kPrescribed;
  m.note = "CYP1A2 inhibitor";
  m.provenance = {At("2026-11-20T10:00:00Z"), "dr.test"};
  return m;
}

TEST_P(StoreContract, InsertMedicationRoundTripsEveryField) {
  PatientId p = AddPatient();
  auto id = store().InsertMedication(FullMedication(p));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_TRUE(id->valid());
  auto m = store().GetMedication(p, *id);
  ASSERT_TRUE(m.ok()) << m.status().ToString();
  EXPECT_EQ(m->id, *id);
  EXPECT_EQ(m->patient_id, p);
  EXPECT_EQ(m->name, "fluvoxamine");
  EXPECT_EQ(m->category, records::MedicationCategory::kMedicine);
  EXPECT_EQ(m->code_system, "http://www.nlm.nih.gov/research/umls/rxnorm");
  EXPECT_EQ(m->code, "42355");
  EXPECT_EQ(m->dose, Mg(50));
  EXPECT_EQ(m->schedule, "once daily at night");
  EXPECT_EQ(m->start_date, Day("2026-10-01"));
  EXPECT_EQ(m->stop_date, Day("2027-01-01"));
  EXPECT_EQ(m->source, records::MedicationSource::kPrescribed);
  EXPECT_EQ(m->note, "CYP1A2 inhibitor");
  EXPECT_EQ(m->provenance.created_at, At("2026-11-20T10:00:00Z"));
  EXPECT_EQ(m->provenance.created_by, "dr.test");
}

TEST_P(StoreContract, MedicationWithoutOptionalFieldsRoundTrips) {
  PatientId p = AddPatient();
  records::MedicationEntry in;
  in.patient_id = p;
  in.name = "yoga nidra";
  in.category = records::MedicationCategory::kTherapy;
  in.provenance = {At("2026-11-20T10:00:00Z"), "patient"};
  auto id = store().InsertMedication(in);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto m = store().GetMedication(p, *id);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->name, "yoga nidra");
  EXPECT_EQ(m->category, records::MedicationCategory::kTherapy);
  EXPECT_EQ(m->source, records::MedicationSource::kSelfReported);
  EXPECT_FALSE(m->dose.has_value());
  EXPECT_FALSE(m->start_date.has_value());
  EXPECT_FALSE(m->stop_date.has_value());
  EXPECT_EQ(m->code, "");
}

TEST_P(StoreContract, GetMedicationOfAnotherPatientIsNotFound) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  auto id = store().InsertMedication(FullMedication(p));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(store().GetMedication(other, *id).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().GetMedication(p, MedicationId(id->value() + 1000)).status().code(),
            StatusCode::kNotFound);
}

TEST_P(StoreContract, UpdateMedicationWritesFieldsAndKeepsProvenance) {
  PatientId p = AddPatient();
  auto id = store().InsertMedication(FullMedication(p));
  ASSERT_TRUE(id.ok());
  records::MedicationEntry m = *store().GetMedication(p, *id);
  m.name = "fluvoxamine maleate";
  m.category = records::MedicationCategory::kSupplement;
  m.code_system.clear();
  m.code.clear();
  m.dose = std::nullopt;
  m.schedule = "as needed";
  m.start_date = Day("2026-09-01");
  m.stop_date = std::nullopt;
  m.source = records::MedicationSource::kSelfReported;
  m.note = "stopped early";
  m.provenance = {At("2030-01-01T00:00:00Z"), "intruder"};
  ASSERT_TRUE(store().UpdateMedication(m).ok());
  auto got = store().GetMedication(p, *id);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->name, "fluvoxamine maleate");
  EXPECT_EQ(got->category, records::MedicationCategory::kSupplement);
  EXPECT_EQ(got->code_system, "");
  EXPECT_EQ(got->code, "");
  EXPECT_FALSE(got->dose.has_value());
  EXPECT_EQ(got->schedule, "as needed");
  EXPECT_EQ(got->start_date, Day("2026-09-01"));
  EXPECT_FALSE(got->stop_date.has_value());
  EXPECT_EQ(got->source, records::MedicationSource::kSelfReported);
  EXPECT_EQ(got->note, "stopped early");
  EXPECT_EQ(got->provenance.created_at, At("2026-11-20T10:00:00Z"));
  EXPECT_EQ(got->provenance.created_by, "dr.test");
}

TEST_P(StoreContract, UpdateMedicationOfAnotherPatientIsNotFound) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  auto id = store().InsertMedication(FullMedication(p));
  ASSERT_TRUE(id.ok());
  records::MedicationEntry m = *store().GetMedication(p, *id);
  m.name = "hijacked";
  m.patient_id = other;
  EXPECT_EQ(store().UpdateMedication(m).code(), StatusCode::kNotFound);
  m.patient_id = p;
  m.id = MedicationId(id->value() + 1000);
  EXPECT_EQ(store().UpdateMedication(m).code(), StatusCode::kNotFound);
  EXPECT_EQ(store().GetMedication(p, *id)->name, "fluvoxamine");
  EXPECT_TRUE(store().ListMedications(other)->empty());
}

TEST_P(StoreContract, ListMedicationsInInsertionOrderPerPatient) {
  PatientId p = AddPatient("A");
  PatientId other = AddPatient("B");
  records::MedicationEntry m = FullMedication(p);
  std::vector<MedicationId> ids;
  for (const char* name : {"zolpidem", "agomelatine", "magnesium"}) {
    m.name = name;
    auto id = store().InsertMedication(m);
    ASSERT_TRUE(id.ok());
    ids.push_back(*id);
  }
  records::MedicationEntry theirs = FullMedication(other);
  ASSERT_TRUE(store().InsertMedication(theirs).ok());
  auto list = store().ListMedications(p);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 3u);
  EXPECT_EQ(list->at(0).id, ids[0]);
  EXPECT_EQ(list->at(0).name, "zolpidem");
  EXPECT_EQ(list->at(1).name, "agomelatine");
  EXPECT_EQ(list->at(2).name, "magnesium");
  for (const auto& entry : *list) EXPECT_EQ(entry.patient_id, p);
  EXPECT_EQ(store().ListMedications(other)->size(), 1u);
  EXPECT_TRUE(store().ListMedications(PatientId(other.value() + 1000))->empty());
}

}  // namespace
}  // namespace pineal::store::contract
