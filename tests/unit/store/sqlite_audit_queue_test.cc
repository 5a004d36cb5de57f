// Audit rows written outside a transaction share commits (AuditQueue).
#include "pineal/store/sqlite/audit_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace pineal::store::sqlite {
namespace {

// Records which batch each row was committed in; each commit is slow, so
// rows arriving meanwhile queue up.
struct FakeLog {
  std::mutex mu;
  std::map<const AuditEvent*, int> batch_of;
  int batches = 0;
  AuditQueue::Committed Commit(const std::vector<const AuditEvent*>& rows) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::lock_guard lock(mu);
    ++batches;
    for (const AuditEvent* r : rows) {
      EXPECT_EQ(batch_of.count(r), 0u) << "a row committed twice";
      batch_of[r] = batches;
    }
    AuditQueue::Committed c;
    c.seq = static_cast<std::uint64_t>(batches);
    for (const AuditEvent* r : rows) {
      if (r->action == "poison") c.status = Status::Internal("boom");
    }
    return c;
  }
};

TEST(AuditQueueTest, OneCallerAloneCommitsItsRowAtOnce) {
  FakeLog log;
  AuditQueue queue([&](const auto& rows) { return log.Commit(rows); });
  AuditEvent row;
  auto c = queue.Append(row);
  EXPECT_TRUE(c.status.ok());
  EXPECT_EQ(c.rows, 1u);
  EXPECT_EQ(c.seq, 1u);
  EXPECT_EQ(log.batch_of.at(&row), 1);
  EXPECT_EQ(queue.BatchesForTest(), 1u);
}

TEST(AuditQueueTest, ConcurrentRowsShareCommitsAndEachReturnsItsOwn) {
  FakeLog log;
  AuditQueue queue([&](const auto& rows) { return log.Commit(rows); });
  constexpr int kThreads = 8, kRows = 25;
  std::vector<std::vector<AuditEvent>> rows(kThreads, std::vector<AuditEvent>(kRows));
  std::vector<std::vector<AuditQueue::Committed>> answers(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (auto& r : rows[t]) answers[t].push_back(queue.Append(r));
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_EQ(log.batch_of.size(), static_cast<std::size_t>(kThreads * kRows));
  EXPECT_LT(log.batches, kThreads * kRows) << "no two rows shared a commit";
  EXPECT_EQ(queue.BatchesForTest(), static_cast<std::uint64_t>(log.batches));
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kRows; ++i) {
      // The answer is the commit that holds this caller's row.
      EXPECT_TRUE(answers[t][i].status.ok());
      EXPECT_EQ(answers[t][i].seq, static_cast<std::uint64_t>(log.batch_of.at(&rows[t][i])));
      EXPECT_GE(answers[t][i].rows, 1u);
    }
  }
}

TEST(AuditQueueTest, AFailedCommitIsEveryoneInItsBatchAnswerWithTheBatchSize) {
  FakeLog log;
  AuditQueue queue([&](const auto& rows) { return log.Commit(rows); });
  AuditEvent bad;
  bad.action = "poison";
  auto c = queue.Append(bad);
  EXPECT_EQ(c.status.code(), StatusCode::kInternal);
  // Alone in its batch: the caller knows the failure is its own row's.
  EXPECT_EQ(c.rows, 1u);
}

}  // namespace
}  // namespace pineal::store::sqlite
