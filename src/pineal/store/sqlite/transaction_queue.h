// Private to the SQLite store: write transactions that share commits.
//
// A commit costs far more than the rows it carries: SQLite writes every page
// the transaction touched to the log, and the pages of concurrent writes are
// mostly the same ones (the last leaf of each table and index). So while one
// caller's batch runs, the transactions of callers arriving meanwhile wait in
// a queue, and the first of them then runs them all as one transaction, each
// inside its own savepoint: a body that fails is rolled back alone and gets
// its own answer, the others commit together. The caller that ran the batch
// then hands the queue on (the next batch runs while this one's commit is
// synced), waits until the commit is durable, and only then answers the
// others: each caller sleeps once, not once for its batch and again for the
// sync.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

#include "pineal/core/status.h"

namespace pineal::store::sqlite {

class TransactionQueue {
 public:
  using Body = std::function<Status()>;
  struct Outcome {
    Status status;
    std::uint64_t seq = 0;  // the commit's number, for the durability wait; 0: nothing to wait for
  };
  // Runs `bodies` in one transaction, each all or none; returns each body's
  // outcome, in order.
  using RunBatch = std::function<std::vector<Outcome>(const std::vector<const Body*>& bodies)>;
  // Returns once commit `seq` is durable (or durability is lost).
  using WaitDurable = std::function<Status(std::uint64_t seq)>;

  TransactionQueue(RunBatch run, WaitDurable wait_durable)
      : run_(std::move(run)), wait_durable_(std::move(wait_durable)) {}

  // Queues `body`; returns once the batch that ran it has ended and its
  // commit is durable. A body that committed but could not be made durable
  // gets the durability failure.
  Status Run(const Body& body);
  std::uint64_t BatchesForTest() const;
  // Callers waiting for a batch to take their body.
  std::size_t WaitingForTest() const;

 private:
  // Each waiter has its own condition variable, so that the end of a batch
  // wakes exactly the callers it answered and the next leader, not every
  // caller in the queue.
  struct Waiter {
    const Body* body = nullptr;
    bool done = false;
    bool leads = false;
    Outcome outcome;
    std::condition_variable wake;
  };

  const RunBatch run_;
  const WaitDurable wait_durable_;
  mutable std::mutex mu_;
  std::vector<Waiter*> queue_;
  bool running_ = false;  // a batch is running, or its successor has been named
  std::uint64_t batches_ = 0;
};

}  // namespace pineal::store::sqlite
