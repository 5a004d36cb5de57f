// Paged lists at the use-case level: the limit's range, the cursor's checks,
// the timeline paged across kinds, and the record ids each audit row names.
#include <set>

#include "tests/unit/app/app_fixture.h"

namespace pineal::testing {
namespace {

class PagingTest : public AppTest {
 protected:
  // `n` doses one hour apart from 2026-11-01T00:00Z.
  void AddDoses(PatientId p, int n) {
    for (int i = 0; i < n; ++i) {
      char at[32];
      std::snprintf(at, sizeof at, "2026-11-%02dT%02d:00:00Z", 1 + i / 24, i % 24);
      ASSERT_TRUE(app_->patients().RecordDoseEvent(dr_, p, Taken(at, 2)).ok()) << at;
    }
  }
};

TEST_F(PagingTest, ALimitOutsideOneToFiveHundredIsRefusedNamingLimit) {
  const PatientId p = NewPatient();
  for (int limit : {0, -1, 501}) {
    auto r = app_->patients().ListDoseEvents(dr_, p, {}, false, {"", limit});
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << limit;
    EXPECT_EQ(r.status().field(), "limit") << limit;
    EXPECT_NE(r.status().message().find("between 1 and 500"), std::string::npos);
  }
  EXPECT_EQ(app_->patients().ListObservations(dr_, p, {}, false, {"", 0}).status().field(),
            "limit");
  EXPECT_EQ(app_->patients().Timeline(dr_, p, {}, {"", 501}).status().field(), "limit");
  EXPECT_EQ(app_->monitoring().ListAlerts(dr_, p, "", {"", 0}).status().field(), "limit");
  EXPECT_EQ(app_->monitoring().AlertInbox(dr_, "open", {"", 501}).status().field(), "limit");
  store::AuditQuery q;
  q.limit = 501;
  EXPECT_EQ(app_->audit().Audit(dr_, q).status().field(), "limit");
  EXPECT_TRUE(app_->patients().ListDoseEvents(dr_, p, {}, false, {"", 500}).ok());
}

TEST_F(PagingTest, AGarbledOrForeignCursorIsRefusedNamingCursor) {
  const PatientId p = NewPatient();
  AddDoses(p, 3);
  auto first = app_->patients().ListDoseEvents(dr_, p, {}, false, {"", 1});
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(first->next_cursor.has_value());
  const std::string good = *first->next_cursor;
  for (const std::string& bad :
       {std::string("garbage"), std::string("v1.dose_events.12"),
        std::string("v2") + good.substr(2), good + "x", good + ".1",
        std::string("v1.dose_events.1e3.4"), std::string("v1.dose_events.99999999999999.4")}) {
    auto r = app_->patients().ListDoseEvents(dr_, p, {}, false, {bad, 10});
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    EXPECT_EQ(r.status().field(), "cursor") << bad;
  }
  // A dose-event cursor is no cursor of the observations, timeline or audit log.
  auto obs = app_->patients().ListObservations(dr_, p, {}, false, {good, 10});
  EXPECT_EQ(obs.status().field(), "cursor");
  EXPECT_NE(obs.status().message().find("another list"), std::string::npos);
  EXPECT_EQ(app_->patients().Timeline(dr_, p, {}, {good, 10}).status().field(), "cursor");
  EXPECT_EQ(app_->monitoring().ListAlerts(dr_, p, "", {good, 10}).status().field(), "cursor");
  store::AuditQuery q;
  EXPECT_EQ(app_->audit().Audit(dr_, q, good).status().field(), "cursor");
}

TEST_F(PagingTest, DoseEventPagesFollowTheirCursorsToTheEnd) {
  const PatientId p = NewPatient();
  AddDoses(p, 25);
  auto all = app_->patients().ListDoseEvents(dr_, p, {}, false, {"", 500});
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->items.size(), 25u);
  EXPECT_FALSE(all->next_cursor.has_value());
  std::vector<std::int64_t> walked;
  app::PageRequest page{"", 10};
  int pages = 0;
  while (true) {
    auto r = app_->patients().ListDoseEvents(dr_, p, {}, false, page);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ++pages;
    for (const auto& e : r->items) walked.push_back(e.id.value());
    if (!r->next_cursor) break;
    page.cursor = *r->next_cursor;
  }
  EXPECT_EQ(pages, 3);
  std::vector<std::int64_t> expected;
  for (const auto& e : all->items) expected.push_back(e.id.value());
  EXPECT_EQ(walked, expected);
}

TEST_F(PagingTest, TheTimelinePagesAcrossKindsInItsOwnOrder) {
  const PatientId p = NewPatient();
  auto regimen = CreateRegimen(p, 3);
  ASSERT_TRUE(regimen.ok());
  records::MedicationEntry med;
  med.name = "ibuprofen";
  med.start_date = Day("2026-11-01");
  ASSERT_TRUE(app_->patients().AddMedication(dr_, p, med).ok());
  AddDoses(p, 30);
  for (int i = 0; i < 12; ++i) {
    records::Observation note;
    note.text = "note " + std::to_string(i);
    // Some at the very times of doses, so kinds tie on time.
    note.observed_at = At(i % 2 == 0 ? "2026-11-01T05:00:00Z" : "2026-11-02T03:30:00Z");
    ASSERT_TRUE(app_->patients().RecordObservation(dr_, p, note).ok());
  }
  auto whole = app_->patients().Timeline(dr_, p, {}, {"", 500});
  ASSERT_TRUE(whole.ok());
  ASSERT_EQ(whole->items.size(), 1u + 1u + 30u + 12u);  // the regimen, the medicine, doses, notes
  for (std::size_t i = 1; i < whole->items.size(); ++i) {
    EXPECT_LE(whole->items[i - 1].at, whole->items[i].at);
  }
  auto name = [](const app::TimelineEntry& e) {
    return std::string(app::TimelineKindName(e.kind)) + "@" + FormatInstant(e.at) + "#" +
           std::to_string(e.record.index()) + e.event +
           std::visit(
               [](const auto& r) {
                 if constexpr (std::is_same_v<std::decay_t<decltype(r)>, app::RegimenChange>) {
                   return std::to_string(r.regimen_id.value());
                 } else {
                   return std::to_string(r.id.value());
                 }
               },
               e.record);
  };
  for (int size : {1, 4, 7}) {
    std::vector<std::string> walked;
    app::PageRequest page{"", size};
    while (true) {
      auto r = app_->patients().Timeline(dr_, p, {}, page);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      ASSERT_LE(r->items.size(), static_cast<std::size_t>(size));
      for (const auto& e : r->items) walked.push_back(name(e));
      if (!r->next_cursor) break;
      page.cursor = *r->next_cursor;
    }
    std::vector<std::string> expected;
    for (const auto& e : whole->items) expected.push_back(name(e));
    EXPECT_EQ(walked, expected) << "pages of " << size;
  }
}

TEST_F(PagingTest, AuditRowsNameTheRecordsWrittenAndRead) {
  const PatientId ada = NewPatient("Ada L.");
  const PatientId bob = NewPatient("Bob K.");
  NewPatient("Cy D.");
  auto dose = app_->patients().RecordDoseEvent(dr_, ada, Taken("2026-11-09T21:00:00Z", 2));
  ASSERT_TRUE(dose.ok());
  auto writes = AuditOf("dose_event.create");
  ASSERT_EQ(writes.size(), 1u);
  EXPECT_EQ(writes[0].record_ids,
            std::vector<std::string>{"dose_event:" + std::to_string(dose->id.value())});
  auto created = AuditOf("patient.create");
  ASSERT_EQ(created.size(), 3u);
  EXPECT_EQ(created[1].record_ids,
            std::vector<std::string>{"patient:" + std::to_string(bob.value())});

  // A search names the patients it returned, and only those.
  store::PatientQuery search;
  search.search = "l.";
  auto found = app_->patients().ListPatients(dr_, search);
  ASSERT_TRUE(found.ok());
  ASSERT_EQ(found->items.size(), 1u);
  auto lists = AuditOf("patient.list");
  ASSERT_EQ(lists.size(), 1u);
  EXPECT_EQ(lists[0].record_ids,
            std::vector<std::string>{"patient:" + std::to_string(ada.value())});

  // A page of dose events names the ids on the page.
  AddDoses(ada, 4);
  auto page = app_->patients().ListDoseEvents(dr_, ada, {}, false, {"", 3});
  ASSERT_TRUE(page.ok());
  std::vector<std::string> on_page;
  for (const auto& e : page->items) on_page.push_back("dose_event:" + e.id.ToString());
  auto reads = AuditOf("dose_event.list");
  ASSERT_EQ(reads.size(), 1u);
  EXPECT_EQ(reads[0].record_ids, on_page);
  EXPECT_EQ(reads[0].record_ids.size(), 3u);

  // A refused read names nothing.
  const app::Actor other = NewActor("dr.wilson", store::UserRole::kClinician);
  ASSERT_FALSE(app_->patients().ListDoseEvents(other, ada, {}, false).ok());
  reads = AuditOf("dose_event.list");
  ASSERT_EQ(reads.size(), 2u);
  EXPECT_EQ(reads[1].outcome, "not_found");
  EXPECT_TRUE(reads[1].record_ids.empty());
}

}  // namespace
}  // namespace pineal::testing
