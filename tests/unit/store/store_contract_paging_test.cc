// Contract tests for keyset paging: walking a list page by page returns every
// row once, in order, even when rows are inserted between two fetches (rows
// after the cursor appear on a later page, rows before it never repeat).
#include <set>

#include "tests/unit/store/store_contract.h"

namespace pineal::store::contract {
namespace {

using pineal::testing::Score;
using pineal::testing::TakenDose;

// Three rows share each minute, so ties on time are broken by id.
std::string PagingMinute(int i) {
  const int minute = i / 3;
  char buf[32];
  std::snprintf(buf, sizeof buf, "2026-10-%02dT%02d:%02d:00Z", 1 + minute / (24 * 60),
                (minute / 60) % 24, minute % 60);
  return buf;
}

TEST_P(StoreContract, PageDoseEventsWalksEveryRowOnceWhileRowsArrive) {
  const PatientId p = AddPatient();
  const PatientId other = AddPatient("Bob K.");
  std::vector<std::int64_t> expected;
  ASSERT_TRUE(store()
                  .InTransaction([&]() -> Status {
                    for (int i = 0; i < 1050; ++i) {
                      expected.push_back(AddDose(TakenDose(p, PagingMinute(i).c_str())).value());
                      if (i % 100 == 0) AddDose(TakenDose(other, PagingMinute(i).c_str()));
                    }
                    return Status::Ok();
                  })
                  .ok());
  EventPageQuery q;
  q.patient = p;
  q.limit = 100;
  std::vector<std::int64_t> walked;
  int pages = 0;
  while (true) {
    auto page = store().PageDoseEvents(q);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    ++pages;
    for (const auto& e : *page) walked.push_back(e.id.value());
    if (page->size() < 100u) break;
    q.after = TimeKey{page->back().when(), page->back().id.value()};
    // Between fetches: one dose behind the cursor (never shown, as a page
    // already passed its time) and one after everything (shown at the end).
    AddDose(TakenDose(p, "2026-09-01T00:00:00Z"));
    expected.push_back(AddDose(TakenDose(p, "2026-12-01T00:00:00Z")).value());
  }
  EXPECT_EQ(pages, 11);
  // The late doses share one time, so they come in id order after the rest.
  EXPECT_EQ(walked, expected);
  EXPECT_EQ(std::set<std::int64_t>(walked.begin(), walked.end()).size(), walked.size());
}

TEST_P(StoreContract, PageDoseEventsKeepsTheRangeAndHidesSupersededRows) {
  const PatientId p = AddPatient();
  const DoseEventId a = AddDose(TakenDose(p, "2026-11-20T21:00:00Z"));
  const DoseEventId b = AddDose(TakenDose(p, "2026-11-21T21:00:00Z"));
  records::DoseEvent fix = TakenDose(p, "2026-11-21T21:00:00Z", 1);
  fix.corrects = b;
  const DoseEventId c = AddDose(fix);
  AddDose(TakenDose(p, "2026-11-23T21:00:00Z"));
  EventPageQuery q;
  q.patient = p;
  q.range = {At("2026-11-20T00:00:00Z"), At("2026-11-22T00:00:00Z")};
  q.limit = 1;
  auto first = store().PageDoseEvents(q);
  ASSERT_TRUE(first.ok());
  ASSERT_EQ(first->size(), 1u);
  EXPECT_EQ(first->front().id, a);
  q.after = TimeKey{first->front().when(), a.value()};
  auto second = store().PageDoseEvents(q);
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->size(), 1u);
  EXPECT_EQ(second->front().id, c);
  q.after = TimeKey{second->front().when(), c.value()};
  auto end = store().PageDoseEvents(q);
  ASSERT_TRUE(end.ok());
  EXPECT_TRUE(end->empty());
  q.with_superseded = true;
  q.after = TimeKey{first->front().when(), a.value()};
  q.limit = 10;
  auto history = store().PageDoseEvents(q);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ(history->at(0).id, b);
  EXPECT_EQ(history->at(1).id, c);
}

TEST_P(StoreContract, PageObservationsWalksEveryRowOnceWithTheirComponents) {
  const PatientId p = AddPatient();
  auto scored = [&](const std::string& at) {
    records::Observation o = Score(p, at.c_str(), 12);
    o.components = {{"item1", 1.0, ""}};
    return o;
  };
  std::vector<std::int64_t> expected;
  ASSERT_TRUE(store()
                  .InTransaction([&]() -> Status {
                    for (int i = 0; i < 250; ++i) {
                      expected.push_back(AddObservation(scored(PagingMinute(i))).value());
                    }
                    return Status::Ok();
                  })
                  .ok());
  EventPageQuery q;
  q.patient = p;
  q.limit = 100;
  std::vector<std::int64_t> walked;
  while (true) {
    auto page = store().PageObservations(q);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    for (const auto& o : *page) {
      walked.push_back(o.id.value());
      ASSERT_EQ(o.components.size(), 1u);
      EXPECT_EQ(o.components[0].code, "item1");
    }
    if (page->size() < 100u) break;
    q.after = TimeKey{page->back().observed_at, page->back().id.value()};
    AddObservation(scored("2026-09-01T00:00:00Z"));
    expected.push_back(AddObservation(scored("2026-12-01T00:00:00Z")).value());
  }
  EXPECT_EQ(walked, expected);
}

TEST_P(StoreContract, ListAuditPagesNewestFirstWhileEntriesArrive) {
  const PatientId p = AddPatient();
  std::vector<std::int64_t> all;
  ASSERT_TRUE(store()
                  .InTransaction([&]() -> Status {
                    for (int i = 0; i < 1050; ++i) {
                      PINEAL_RETURN_IF_ERROR(store().AppendAudit(NewAudit("dr.a", p)));
                      // Another actor's entries are filtered out of every page.
                      if (i % 7 == 0) {
                        PINEAL_RETURN_IF_ERROR(store().AppendAudit(NewAudit("dr.b", p)));
                      }
                    }
                    return Status::Ok();
                  })
                  .ok());
  AuditQuery q;
  q.actor = "dr.a";
  q.limit = 100;
  std::vector<std::int64_t> walked;
  while (true) {
    auto page = store().ListAudit(q);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    for (const auto& e : *page) {
      EXPECT_EQ(e.actor, "dr.a");
      walked.push_back(e.id);
    }
    if (page->size() < 100u) break;
    q.before_id = page->back().id;
    // Newer entries belong before the first page: a walk that started
    // earlier does not repeat or show them.
    ASSERT_TRUE(store().AppendAudit(NewAudit("dr.a", p)).ok());
  }
  ASSERT_EQ(walked.size(), 1050u);
  for (std::size_t i = 1; i < walked.size(); ++i) EXPECT_GT(walked[i - 1], walked[i]);
}

TEST_P(StoreContract, ListAlertsPagesNewestFirstByTimeThenId) {
  const PatientId p = AddPatient();
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 25; ++i) {
    ids.push_back(AddAlert(NewAlert(p, "k" + std::to_string(i),
                                    i % 2 == 0 ? "2026-11-20T09:00:00Z" : "2026-11-21T09:00:00Z")));
  }
  // Newest first: the odd ones (the later day) by id descending, then the even ones.
  std::vector<std::int64_t> expected;
  for (int i = 23; i >= 1; i -= 2) expected.push_back(ids[i]);
  for (int i = 24; i >= 0; i -= 2) expected.push_back(ids[i]);
  AlertQuery q;
  q.patient = p;
  q.limit = 10;
  std::vector<std::int64_t> walked;
  while (true) {
    auto page = store().ListAlerts(q);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    for (const auto& a : *page) walked.push_back(a.id);
    if (page->size() < 10u) break;
    q.before = TimeKey{page->back().provenance.created_at, page->back().id};
  }
  EXPECT_EQ(walked, expected);
}

}  // namespace
}  // namespace pineal::store::contract
