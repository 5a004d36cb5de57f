// Private to the SQLite store: audit rows that share commits.
//
// Every audited read writes one audit row outside any transaction. Committing
// each on its own costs a transaction per read. Here, while one caller
// commits, the rows of callers arriving meanwhile wait in a queue, and the
// first of them then commits them all in one transaction. Each caller still
// waits until its own row is committed; the store then waits until that
// commit is durable, as for any write.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

#include "pineal/core/status.h"
#include "pineal/store/audit_event.h"

namespace pineal::store::sqlite {

class AuditQueue {
 public:
  struct Committed {
    Status status;
    std::uint64_t seq = 0;  // the commit's number, for the durability wait
    std::size_t rows = 0;   // how many rows shared the transaction
  };
  // Writes `rows` in one transaction, all or none.
  using CommitFn = std::function<Committed(const std::vector<const AuditEvent*>& rows)>;

  explicit AuditQueue(CommitFn commit) : commit_(std::move(commit)) {}

  // Queues `row`; returns once the transaction that holds it has ended.
  Committed Append(const AuditEvent& row);
  std::uint64_t BatchesForTest() const;

 private:
  struct Waiter {
    const AuditEvent* row = nullptr;
    bool done = false;
    Committed result;
  };

  const CommitFn commit_;
  mutable std::mutex mu_;
  std::condition_variable changed_;
  std::vector<Waiter*> queue_;
  bool committing_ = false;
  std::uint64_t batches_ = 0;
};

}  // namespace pineal::store::sqlite
