// Store contract: calendar feeds (a patient's private .ics URLs), found by
// the hash of their token. The method coverage list is in store_contract_test.cc.
#include "tests/unit/store/store_contract.h"

namespace pineal::store::contract {
namespace {

CalendarFeed NewFeed(PatientId patient, std::string token_hash,
                     const char* created_at = "2026-11-20T09:00:00Z") {
  CalendarFeed f;
  f.patient_id = patient;
  f.token_hash = std::move(token_hash);
  f.created_at = At(created_at);
  f.created_by = "dr.feed";
  return f;
}

TEST_P(StoreContract, CalendarFeedRoundTripsByTokenHash) {
  PatientId p = AddPatient();
  CalendarFeed in = NewFeed(p, std::string(64, 'a'));
  in.revoked_at = At("2026-11-21T09:00:00Z");  // not written by an insert
  auto id = store().InsertCalendarFeed(in);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_GT(*id, 0);
  auto f = store().FindActiveCalendarFeed(std::string(64, 'a'));
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_EQ(f->id, *id);
  EXPECT_EQ(f->patient_id, p);
  EXPECT_EQ(f->token_hash, std::string(64, 'a'));
  EXPECT_EQ(f->created_at, At("2026-11-20T09:00:00Z"));
  EXPECT_EQ(f->created_by, "dr.feed");
  EXPECT_FALSE(f->revoked_at.has_value());
}

TEST_P(StoreContract, UnknownAndRevokedCalendarFeedsAreNotFoundAlike) {
  PatientId p = AddPatient();
  auto id = store().InsertCalendarFeed(NewFeed(p, std::string(64, 'a')));
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(store().FindActiveCalendarFeed(std::string(64, 'b')).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store().FindActiveCalendarFeed(std::string(64, 'A')).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store().FindActiveCalendarFeed("").status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(store().RevokeCalendarFeed(p, *id, At("2026-11-21T09:00:00Z")).ok());
  auto revoked = store().FindActiveCalendarFeed(std::string(64, 'a'));
  EXPECT_EQ(revoked.status().code(), StatusCode::kNotFound);
}

TEST_P(StoreContract, ACalendarFeedTokenHashIsStoredOnce) {
  PatientId p = AddPatient();
  PatientId q = AddPatient("Ben O.");
  ASSERT_TRUE(store().InsertCalendarFeed(NewFeed(p, std::string(64, 'a'))).ok());
  auto clash = store().InsertCalendarFeed(NewFeed(q, std::string(64, 'a')));
  EXPECT_EQ(clash.status().code(), StatusCode::kAborted);
  EXPECT_TRUE(store().ListCalendarFeeds(q)->empty());
  EXPECT_EQ(store().FindActiveCalendarFeed(std::string(64, 'a'))->patient_id, p);
}

TEST_P(StoreContract, ACalendarFeedOfAnUnknownPatientIsRefused) {
  PatientId p = AddPatient();
  auto id = store().InsertCalendarFeed(NewFeed(PatientId(p.value() + 1000), std::string(64, 'a')));
  EXPECT_EQ(id.status().code(), StatusCode::kAborted);
  EXPECT_EQ(store().FindActiveCalendarFeed(std::string(64, 'a')).status().code(),
            StatusCode::kNotFound);
}

TEST_P(StoreContract, ListCalendarFeedsPerPatientOldestFirstWithRevoked) {
  PatientId p = AddPatient();
  PatientId q = AddPatient("Ben O.");
  EXPECT_TRUE(store().ListCalendarFeeds(p)->empty());
  auto first = store().InsertCalendarFeed(NewFeed(p, std::string(64, 'a')));
  auto other = store().InsertCalendarFeed(NewFeed(q, std::string(64, 'o')));
  auto second =
      store().InsertCalendarFeed(NewFeed(p, std::string(64, 'b'), "2026-11-22T09:00:00Z"));
  ASSERT_TRUE(first.ok() && other.ok() && second.ok());
  ASSERT_TRUE(store().RevokeCalendarFeed(p, *first, At("2026-11-23T09:00:00Z")).ok());
  auto list = store().ListCalendarFeeds(p);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->at(0).id, *first);
  EXPECT_EQ(list->at(0).revoked_at, At("2026-11-23T09:00:00Z"));
  EXPECT_EQ(list->at(1).id, *second);
  EXPECT_EQ(list->at(1).created_at, At("2026-11-22T09:00:00Z"));
  EXPECT_FALSE(list->at(1).revoked_at.has_value());
  auto theirs = store().ListCalendarFeeds(q);
  ASSERT_EQ(theirs->size(), 1u);
  EXPECT_EQ(theirs->at(0).id, *other);
  EXPECT_TRUE(store().ListCalendarFeeds(PatientId(q.value() + 1000))->empty());
}

TEST_P(StoreContract, RevokeCalendarFeedKeepsTheFirstRevocation) {
  PatientId p = AddPatient();
  auto id = store().InsertCalendarFeed(NewFeed(p, std::string(64, 'a')));
  auto live = store().InsertCalendarFeed(NewFeed(p, std::string(64, 'b')));
  ASSERT_TRUE(id.ok() && live.ok());
  ASSERT_TRUE(store().RevokeCalendarFeed(p, *id, At("2026-11-21T09:00:00Z")).ok());
  // Revoking again succeeds but keeps when it was first revoked.
  ASSERT_TRUE(store().RevokeCalendarFeed(p, *id, At("2026-11-22T09:00:00Z")).ok());
  EXPECT_EQ(store().ListCalendarFeeds(p)->at(0).revoked_at, At("2026-11-21T09:00:00Z"));
  EXPECT_TRUE(store().FindActiveCalendarFeed(std::string(64, 'b')).ok());
}

TEST_P(StoreContract, RevokeCalendarFeedOfAnotherPatientIsNotFound) {
  PatientId p = AddPatient();
  PatientId q = AddPatient("Ben O.");
  auto id = store().InsertCalendarFeed(NewFeed(p, std::string(64, 'a')));
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(store().RevokeCalendarFeed(q, *id, At("2026-11-21T09:00:00Z")).code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store().RevokeCalendarFeed(p, *id + 1000, At("2026-11-21T09:00:00Z")).code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(store().FindActiveCalendarFeed(std::string(64, 'a')).ok());
}

TEST_P(StoreContract, TransactionRollsBackCalendarFeedWrites) {
  PatientId p = AddPatient();
  auto kept = store().InsertCalendarFeed(NewFeed(p, std::string(64, 'a')));
  ASSERT_TRUE(kept.ok());
  Status st = store().InTransaction([&]() -> Status {
    PINEAL_RETURN_IF_ERROR(store().InsertCalendarFeed(NewFeed(p, std::string(64, 'b'))).status());
    PINEAL_RETURN_IF_ERROR(store().RevokeCalendarFeed(p, *kept, At("2026-11-21T09:00:00Z")));
    return Status::Aborted("undo");
  });
  EXPECT_EQ(st.code(), StatusCode::kAborted);
  auto list = store().ListCalendarFeeds(p);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_FALSE(list->at(0).revoked_at.has_value());
  EXPECT_EQ(store().FindActiveCalendarFeed(std::string(64, 'b')).status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace pineal::store::contract
