#include "pineal/store/sqlite/sqlite_files.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace pineal::store {
namespace {

Result<int> OpenLockFile(const std::string& database) {
  const std::string path = database + ".lock";
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) {
    return Status::Unavailable("cannot open the lock file '" + path + "': " + std::strerror(errno));
  }
  return fd;
}

}  // namespace

Status CreateNewPrivateFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) {
      return Status::AlreadyExists("'" + path + "' exists; choose a new file");
    }
    return Status::Unavailable("cannot create '" + path + "': " + std::strerror(errno));
  }
  // The umask may only have narrowed 0600; make it exactly owner-only.
  const int rc = ::fchmod(fd, 0600);
  ::close(fd);
  if (rc != 0)
    return Status::Unavailable("cannot restrict '" + path + "': " + std::strerror(errno));
  return Status::Ok();
}

Status CreatePrivateFile(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0) {
    if ((st.st_mode & 077) != 0) {
      std::fprintf(stderr,
                   "pineal: warning: the database '%s' is readable or writable by other users "
                   "(mode %03o); it holds health records: chmod 600 it, its -wal and -shm files\n",
                   path.c_str(), static_cast<unsigned>(st.st_mode & 0777));
    }
    return Status::Ok();
  }
  Status st_new = CreateNewPrivateFile(path);
  // Another process may have created it meanwhile: that is fine.
  return st_new.code() == StatusCode::kAlreadyExists ? Status::Ok() : st_new;
}

Result<DatabaseLock> DatabaseLock::Shared(const std::string& database) {
  PINEAL_ASSIGN_OR_RETURN(int fd, OpenLockFile(database));
  if (::flock(fd, LOCK_SH | LOCK_NB) != 0) {
    ::close(fd);
    return Status::Unavailable("the database '" + database +
                               "' is being restored; open it when the restore has finished");
  }
  return DatabaseLock(fd);
}

Result<DatabaseLock> DatabaseLock::Exclusive(const std::string& database) {
  PINEAL_ASSIGN_OR_RETURN(int fd, OpenLockFile(database));
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    return Status::FailedPrecondition("a pineal server (or another pineal process) has '" +
                                      database + "' open; stop it first");
  }
  return DatabaseLock(fd);
}

DatabaseLock::~DatabaseLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the lock
}

}  // namespace pineal::store
