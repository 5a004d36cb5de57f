#include "pineal/store/sqlite/transaction_queue.h"

#include <exception>
#include <string>

namespace pineal::store::sqlite {

TransactionQueue::Outcome TransactionQueue::Run(const Body& body) {
  Waiter me;
  me.body = &body;
  std::unique_lock lock(mu_);
  queue_.push_back(&me);
  if (running_) {
    // Woken only for this caller: its batch has ended, or it leads the next.
    me.wake.wait(lock, [&] { return me.done || me.leads; });
    if (me.done) return me.outcome;
  }
  running_ = true;

  // This caller runs every queued body.
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
    outcomes.assign(bodies.size(),
                    Outcome{Status::Internal(std::string("transaction: ") + e.what()), 0});
  }
  lock.lock();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    Waiter& w = *batch[i];
    w.outcome = i < outcomes.size()
                    ? std::move(outcomes[i])
                    : Outcome{Status::Internal("a batched transaction got no answer"), 0};
    w.done = true;
    // Still under the lock: the waiter cannot return (and free itself) yet.
    if (&w != &me) w.wake.notify_one();
  }
  ++batches_;
  if (queue_.empty()) {
    running_ = false;
  } else {
    queue_.front()->leads = true;
    queue_.front()->wake.notify_one();
  }
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
