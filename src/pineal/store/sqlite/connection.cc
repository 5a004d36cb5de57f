#include "pineal/store/sqlite/connection.h"

#include <string>

namespace pineal::store::sqlite {

// Statements are finalized before the base class closes the connection.
Connection::~Connection() { idle_.clear(); }

std::unique_ptr<SQLite::Statement> Connection::Borrow(std::string_view sql) {
  if (auto it = idle_.find(sql); it != idle_.end()) {
    auto statement = std::move(it->second);
    idle_.erase(it);
    return statement;
  }
  // Not cached yet, or already in use by an enclosing query of the same text.
  return std::make_unique<SQLite::Statement>(*this, std::string(sql));
}

void Connection::GiveBack(std::string_view sql,
                          std::unique_ptr<SQLite::Statement> statement) noexcept {
  if (statement == nullptr) return;
  statement->tryReset();
  try {
    statement->clearBindings();
  } catch (const SQLite::Exception&) {
    return;  // finalized rather than reused with stale values
  }
  if (idle_.size() >= kMaxCached || idle_.find(sql) != idle_.end()) return;
  idle_.emplace(std::string(sql), std::move(statement));
}

}  // namespace pineal::store::sqlite
