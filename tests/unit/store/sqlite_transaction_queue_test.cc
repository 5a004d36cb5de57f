// Write transactions of concurrent callers share commits (TransactionQueue).
#include "pineal/store/sqlite/transaction_queue.h"

#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace pineal::store::sqlite {
namespace {

using Body = TransactionQueue::Body;

// Runs each body and records which batch it ran in; each batch is slow, so
// bodies arriving meanwhile queue up.
struct FakeStore {
  std::mutex mu;
  std::map<const Body*, int> batch_of;
  int batches = 0;
  std::vector<TransactionQueue::Outcome> Run(const std::vector<const Body*>& bodies) {
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    std::lock_guard lock(mu);
    ++batches;
    std::vector<TransactionQueue::Outcome> out;
    for (const Body* b : bodies) {
      EXPECT_EQ(batch_of.count(b), 0u) << "a body ran twice";
      batch_of[b] = batches;
      out.push_back({(*b)(), static_cast<std::uint64_t>(batches)});
    }
    return out;
  }
};

TEST(TransactionQueueTest, OneCallerAloneRunsItsBodyAtOnce) {
  FakeStore store;
  TransactionQueue queue([&](const auto& bodies) { return store.Run(bodies); });
  int ran = 0;
  const Body body = [&] {
    ++ran;
    return Status::Ok();
  };
  auto outcome = queue.Run(body);
  EXPECT_TRUE(outcome.status.ok());
  EXPECT_EQ(outcome.seq, 1u);
  EXPECT_EQ(ran, 1);
  EXPECT_EQ(queue.BatchesForTest(), 1u);
  EXPECT_EQ(queue.WaitingForTest(), 0u);
}

TEST(TransactionQueueTest, ConcurrentBodiesShareBatchesAndEachGetsItsOwnAnswer) {
  FakeStore store;
  TransactionQueue queue([&](const auto& bodies) { return store.Run(bodies); });
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
  std::vector<std::vector<TransactionQueue::Outcome>> answers(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (const auto& b : bodies[t]) answers[t].push_back(queue.Run(b));
    });
  }
  for (auto& th : threads) th.join();
  ASSERT_EQ(store.batch_of.size(), static_cast<std::size_t>(kThreads * kBodies));
  EXPECT_LT(store.batches, kThreads * kBodies) << "no two bodies shared a batch";
  EXPECT_EQ(queue.BatchesForTest(), static_cast<std::uint64_t>(store.batches));
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kBodies; ++i) {
      const auto& a = answers[t][i];
      EXPECT_EQ(a.status.ok(), i % 3 != 0);
      if (!a.status.ok()) {
        EXPECT_EQ(a.status.message(), "body " + std::to_string(i));
      }
      EXPECT_EQ(a.seq, static_cast<std::uint64_t>(store.batch_of.at(&bodies[t][i])));
    }
  }
}

TEST(TransactionQueueTest, ABatchThatThrowsAnswersEveryoneAndTheQueueGoesOn) {
  bool fail = true;
  TransactionQueue queue([&](const std::vector<const Body*>& bodies) {
    if (fail) throw std::runtime_error("disk on fire");
    return std::vector<TransactionQueue::Outcome>(bodies.size());
  });
  const Body body = [] { return Status::Ok(); };
  auto first = queue.Run(body);
  EXPECT_EQ(first.status.code(), StatusCode::kInternal);
  EXPECT_NE(first.status.message().find("disk on fire"), std::string::npos);
  fail = false;
  EXPECT_TRUE(queue.Run(body).status.ok());
}

}  // namespace
}  // namespace pineal::store::sqlite
