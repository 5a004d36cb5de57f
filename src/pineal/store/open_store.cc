#include "pineal/store/open_store.h"

#include "pineal/store/sqlite/sqlite_store.h"

namespace pineal::store {

Result<std::unique_ptr<Store>> OpenStore(const std::string& location) {
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0) {
    return Status::Unavailable(
        "PostgreSQL storage is not available in this build; use a SQLite file path");
  }
  if (location.empty()) return Status::InvalidArgument("the database path is empty", "db");
  PINEAL_ASSIGN_OR_RETURN(auto sqlite, SqliteStore::Open(location));
  PINEAL_RETURN_IF_ERROR(sqlite->Migrate());
  return std::unique_ptr<Store>(std::move(sqlite));
}

}  // namespace pineal::store
