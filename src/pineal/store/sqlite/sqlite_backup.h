// Online backup and restore of the SQLite store, with SQLite's backup API:
// the copy is a consistent snapshot even while pineal is serving writes.
#pragma once

#include <string>

#include "pineal/core/status.h"

namespace pineal::store {

// Writes a consistent copy of the database `source` to the new file `dest`,
// then checks the copy's integrity. Refuses to overwrite an existing file.
Status BackupSqlite(const std::string& source, const std::string& dest);

// Replaces the database `dest` with the backup `source`, after checking that
// the backup is a sound pineal database. Stop the server first. Refuses to
// replace an existing database unless `overwrite`.
Status RestoreSqlite(const std::string& source, const std::string& dest, bool overwrite);

}  // namespace pineal::store
