#include "pineal/store/sqlite/transaction_queue.h"

#include <algorithm>
#include <exception>
#include <string>

namespace pineal::store::sqlite {

Status TransactionQueue::Run(const Body& body) {
  Waiter me;
  me.body = &body;
  std::unique_lock lock(mu_);
  queue_.push_back(&me);
  if (running_) {
    // Woken only for this caller: its batch has ended, or it leads the next.
    me.wake.wait(lock, [&] { return me.done || me.leads; });
    if (me.done) return me.outcome.status;
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
  outcomes.resize(batch.size(),
                  Outcome{Status::Internal("a batched transaction got no answer"), 0});

  // The next batch may run while this one's commit is synced.
  lock.lock();
  ++batches_;
  if (queue_.empty()) {
    running_ = false;
  } else {
    queue_.front()->leads = true;
    queue_.front()->wake.notify_one();
  }
  lock.unlock();
  std::uint64_t seq = 0;
  for (const Outcome& o : outcomes) seq = std::max(seq, o.seq);
  const Status durable = seq == 0 ? Status::Ok() : wait_durable_(seq);

  lock.lock();
  for (std::size_t i = 0; i < batch.size(); ++i) {
    Waiter& w = *batch[i];
    w.outcome = std::move(outcomes[i]);
    if (w.outcome.seq != 0 && !durable.ok()) w.outcome.status = durable;
    w.done = true;
    // Still under the lock: the waiter cannot return (and free itself) yet.
    if (&w != &me) w.wake.notify_one();
  }
  return me.outcome.status;
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
