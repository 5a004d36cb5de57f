// Write transactions of concurrent callers share commits (TransactionQueue).
#include "pineal/store/sqlite/transaction_queue.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace pineal::store::sqlite {
namespace {

using Body = TransactionQueue::Body;

// Runs each body and records which batch it ran in; each batch and each
// sync is slow, so bodies arriving meanwhile queue up. A batch's commit is
// numbered by the batch.
struct FakeStore {
  std::mutex mu;
  std::map<const Body*, int> batch_of;
  int batches = 0;
  std::atomic<std::uint64_t> durable{0};
  Status sync_result;

  std::vector<TransactionQueue::Outcome> Run(const std::vector<const Body*>& bodies) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::lock_guard lock(mu);
    ++batches;
    std::vector<TransactionQueue::Outcome> out;
    for (const Body* b : bodies) {
      EXPECT_EQ(batch_of.count(b), 0u) << "a body ran twice";
      batch_of[b] = batches;
      Status st = (*b)();
      const bool ok = st.ok();
      out.push_back({std::move(st), ok ? static_cast<std::uint64_t>(batches) : 0});
    }
    return out;
  }
  Status WaitDurable(std::uint64_t seq) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    std::uint64_t d = durable.load();
    while (d < seq && !durable.compare_exchange_weak(d, seq)) {
    }
    return sync_result;
  }
  TransactionQueue Queue() {
    return TransactionQueue([this](const auto& bodies) { return Run(bodies); },
                            [this](std::uint64_t seq) { return WaitDurable(seq); });
  }
};

TEST(TransactionQueueTest, OneCallerAloneRunsItsBodyAtOnceAndReturnsOnceDurable) {
  FakeStore store;
  TransactionQueue queue = store.Queue();
  int ran = 0;
  const Body body = [&] {
    ++ran;
    return Status::Ok();
  };
  EXPECT_TRUE(queue.Run(body).ok());
  EXPECT_EQ(ran, 1);
  EXPECT_EQ(store.durable.load(), 1u);
  EXPECT_EQ(queue.BatchesForTest(), 1u);
  EXPECT_EQ(queue.WaitingForTest(), 0u);
}

TEST(TransactionQueueTest, ConcurrentBodiesShareBatchesAndEachGetsItsOwnAnswerOnceDurable) {
  FakeStore store;
  TransactionQueue queue = store.Queue();
  constexpr int kThreads = 8, kBodies = 25;
  std::vector<std::vector<Body>> bodies(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kBodies; ++i) {
      // Every third body fails: its answer is its own failure.
      bodies[t].push_back([i] {
        return i % 3 == 0 ? Status::InvalidArgument("body " + std::to_string(i)) : Status::Ok();
      });
    }
  }
  std::vector<std::vector<Status>> answers(kThreads);
  std::vector<std::vector<std::uint64_t>> durable_at_answer(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (const auto& b : bodies[t]) {
        answers[t].push_back(queue.Run(b));
        durable_at_answer[t].push_back(store.durable.load());
      }
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_EQ(store.batch_of.size(), static_cast<std::size_t>(kThreads * kBodies));
  EXPECT_LT(store.batches, kThreads * kBodies) << "no two bodies shared a batch";
  EXPECT_EQ(queue.BatchesForTest(), static_cast<std::uint64_t>(store.batches));
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kBodies; ++i) {
      const Status& a = answers[t][i];
      EXPECT_EQ(a.ok(), i % 3 != 0);
      if (!a.ok()) {
        EXPECT_EQ(a.message(), "body " + std::to_string(i));
      } else {
        // Answered only once the commit holding it was durable.
        EXPECT_GE(durable_at_answer[t][i],
                  static_cast<std::uint64_t>(store.batch_of.at(&bodies[t][i])));
      }
    }
  }
}

TEST(TransactionQueueTest, ALostSyncIsTheAnswerOfTheCommittedBodiesOnly) {
  FakeStore store;
  store.sync_result = Status::Unavailable("the log could not be synced");
  TransactionQueue queue = store.Queue();
  const Body good = [] { return Status::Ok(); };
  const Body bad = [] { return Status::InvalidArgument("bad"); };
  EXPECT_EQ(queue.Run(good).code(), StatusCode::kUnavailable);
  EXPECT_EQ(queue.Run(bad).code(), StatusCode::kInvalidArgument);
}

TEST(TransactionQueueTest, ABatchThatThrowsAnswersEveryoneAndTheQueueGoesOn) {
  bool fail = true;
  TransactionQueue queue(
      [&](const std::vector<const Body*>& bodies) {
        if (fail) throw std::runtime_error("disk on fire");
        return std::vector<TransactionQueue::Outcome>(bodies.size());
      },
      [](std::uint64_t) { return Status::Ok(); });
  const Body body = [] { return Status::Ok(); };
  Status first = queue.Run(body);
  EXPECT_EQ(first.code(), StatusCode::kInternal);
  EXPECT_NE(first.message().find("disk on fire"), std::string::npos);
  fail = false;
  EXPECT_TRUE(queue.Run(body).ok());
}

}  // namespace
}  // namespace pineal::store::sqlite
