#include "pineal/store/sqlite/connection.h"

#include <string>

namespace pineal::store::sqlite {

// Statements are finalized before the base class closes the connection.
Connection::~Connection() {
  idle_.clear();
  use_order_.clear();
}

std::unique_ptr<SQLite::Statement> Connection::Borrow(std::string_view sql) {
  if (auto it = idle_.find(sql); it != idle_.end()) {
    auto statement = std::move(it->second.statement);
    use_order_.erase(it->second.in_use_order);
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
  if (idle_.find(sql) != idle_.end()) return;  // a nested use's copy is kept already
  if (idle_.size() >= kMaxCached) {
    idle_.erase(use_order_.back());
    use_order_.pop_back();
  }
  use_order_.emplace_front(sql);
  idle_.emplace(use_order_.front(), Idle{std::move(statement), use_order_.begin()});
}

}  // namespace pineal::store::sqlite
