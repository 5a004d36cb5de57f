#include "pineal/store/sqlite/audit_queue.h"

namespace pineal::store::sqlite {

AuditQueue::Committed AuditQueue::Append(const AuditEvent& row) {
  Waiter me;
  me.row = &row;
  std::unique_lock lock(mu_);
  queue_.push_back(&me);
  changed_.wait(lock, [&] { return me.done || !committing_; });
  if (me.done) return me.result;

  // No transaction is running: this caller commits every queued row.
  committing_ = true;
  std::vector<Waiter*> batch;
  batch.swap(queue_);
  lock.unlock();
  std::vector<const AuditEvent*> rows;
  rows.reserve(batch.size());
  for (const Waiter* w : batch) rows.push_back(w->row);
  Committed result = commit_(rows);
  result.rows = rows.size();
  lock.lock();
  for (Waiter* w : batch) {
    w->result = result;
    w->done = true;
  }
  ++batches_;
  committing_ = false;
  changed_.notify_all();
  return me.result;
}

std::uint64_t AuditQueue::BatchesForTest() const {
  std::lock_guard lock(mu_);
  return batches_;
}

}  // namespace pineal::store::sqlite
