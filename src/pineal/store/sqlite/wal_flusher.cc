#include "pineal/store/sqlite/wal_flusher.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace pineal::store {

WalFlusher::WalFlusher(std::string wal_path)
    : wal_path_(std::move(wal_path)), sync_([](int fd) { return ::fdatasync(fd); }) {}

WalFlusher::~WalFlusher() {
  if (fd_ >= 0) ::close(fd_);
}

void WalFlusher::SetSyncForTest(std::function<int(int)> sync) {
  std::lock_guard lock(mu_);
  sync_ = std::move(sync);
}

std::string WalFlusher::Failure() {
  std::lock_guard lock(mu_);
  return failure_;
}

int WalFlusher::SyncLog(const std::function<int(int)>& sync) {
  // fdatasync applies to the inode, so our own descriptor flushes the frames
  // SQLite wrote through its own. Reopen if the log was ever replaced.
  struct stat now {};
  if (::stat(wal_path_.c_str(), &now) != 0) return errno;
  if (fd_ < 0 || now.st_dev != dev_ || now.st_ino != ino_) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = ::open(wal_path_.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0) return errno;
    dev_ = now.st_dev;
    ino_ = now.st_ino;
  }
  return sync(fd_) == 0 ? 0 : (errno != 0 ? errno : EIO);
}

Status WalFlusher::WaitDurable(std::uint64_t seq) {
  std::unique_lock lock(mu_);
  for (;;) {
    if (!failure_.empty()) return Status::Unavailable(failure_);
    if (durable_ >= seq) return Status::Ok();
    if (flushing_) {
      done_.wait(lock);
      continue;
    }
    // Lead one sync: it covers every commit numbered before it started.
    flushing_ = true;
    const std::uint64_t covers = committed_.load(std::memory_order_acquire);
    auto sync = sync_;
    lock.unlock();
    errno = 0;
    const int err = SyncLog(sync);
    lock.lock();
    flushing_ = false;
    if (err != 0) {
      failure_ = "the write-ahead log could not be synced to disk (" +
                 std::string(std::strerror(err)) +
                 "), so writes can no longer be made durable; they are refused until pineal "
                 "is restarted";
      failed_.store(true, std::memory_order_release);
    } else if (covers > durable_) {
      durable_ = covers;
    }
    flushes_.fetch_add(1, std::memory_order_acq_rel);
    done_.notify_all();
  }
}

}  // namespace pineal::store
