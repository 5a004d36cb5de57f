// Group commit for the SQLite store: commits are written to the write-ahead
// log without a sync, then made durable by one fdatasync() of the log shared
// by every commit that arrived before it started. A caller waits, outside the
// store's mutex, until a sync covering its commit has completed; while one
// sync runs, later commits pile up and share the next.
#pragma once

#include <sys/types.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>

#include "pineal/core/status.h"

namespace pineal::store {

class WalFlusher {
 public:
  // `wal_path` is the database's "-wal" file; it is opened on the first flush.
  explicit WalFlusher(std::string wal_path);
  ~WalFlusher();
  WalFlusher(const WalFlusher&) = delete;
  WalFlusher& operator=(const WalFlusher&) = delete;

  // Numbers a commit whose log frames are written. Call it after the commit,
  // before anything else can commit (under the store's mutex).
  std::uint64_t NoteCommitted() { return committed_.fetch_add(1, std::memory_order_acq_rel) + 1; }

  // Blocks until commit `seq` is on stable storage. Once a sync has failed
  // nothing is durable any more: every later call returns that error.
  Status WaitDurable(std::uint64_t seq);

  bool Failed() const { return failed_.load(std::memory_order_acquire); }
  // The sync error, empty while syncs succeed.
  std::string Failure();
  // How many syncs of the log have been run.
  std::uint64_t Flushes() const { return flushes_.load(std::memory_order_acquire); }
  // Replaces fdatasync(fd) (tests inject a failing disk).
  void SetSyncForTest(std::function<int(int)> sync);

 private:
  // One fdatasync of the current log file; 0 or an errno.
  int SyncLog(const std::function<int(int)>& sync);

  const std::string wal_path_;
  std::atomic<std::uint64_t> committed_{0};
  std::atomic<std::uint64_t> flushes_{0};
  std::atomic<bool> failed_{false};
  std::mutex mu_;
  std::condition_variable done_;
  std::uint64_t durable_ = 0;  // every commit up to this one is synced
  bool flushing_ = false;      // a leader is in fdatasync()
  std::string failure_;
  // Only the leader touches these.
  int fd_ = -1;
  dev_t dev_ = 0;
  ino_t ino_ = 0;
  std::function<int(int)> sync_;
};

}  // namespace pineal::store
