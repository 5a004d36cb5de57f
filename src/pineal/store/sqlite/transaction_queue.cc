#include "pineal/store/sqlite/transaction_queue.h"

#include <exception>
#include <string>

namespace pineal::store::sqlite {

TransactionQueue::Outcome TransactionQueue::Run(const Body& body) {
  Waiter me;
  me.body = &body;
  std::unique_lock lock(mu_);
  queue_.push_back(&me);
  changed_.wait(lock, [&] { return me.done || !running_; });
  if (me.done) return me.outcome;

  // No batch is running: this caller runs every queued body.
  running_ = true;
  std::vector<Waiter*> batch;
  batch.swap(queue_);
  lock.unlock();
  std::vector<const Body*> bodies;
  bodies.reserve(batch.size());
  for (const Waiter* w : batch) bodies.push_back(w->body);
  std::vector<Outcome> outcomes;
  try {
    outcomes = run_(bodies);
  } catch (const std::exception& e) {
    // Every waiter must be answered, or the queue would stall for good.
    outcomes.assign(bodies.size(), Outcome{Status::Internal(std::string("transaction: ") + e.what()), 0});
  }
  lock.lock();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    batch[i]->outcome = i < outcomes.size()
                            ? std::move(outcomes[i])
                            : Outcome{Status::Internal("a batched transaction got no answer"), 0};
    batch[i]->done = true;
  }
  ++batches_;
  running_ = false;
  changed_.notify_all();
  return me.outcome;
}

std::uint64_t TransactionQueue::BatchesForTest() const {
  std::lock_guard lock(mu_);
  return batches_;
}

std::size_t TransactionQueue::WaitingForTest() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

}  // namespace pineal::store::sqlite
