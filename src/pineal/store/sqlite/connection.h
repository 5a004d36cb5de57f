// Private to the SQLite store: the connection and its prepared statements.
#pragma once

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>

#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace pineal::store::sqlite {

// The store's connection. It keeps each statement it has prepared for reuse:
// for a short query, compiling the SQL costs more than running it. Like the
// connection itself, it is used only under the store's mutex.
class Connection : public SQLite::Database {
 public:
  using SQLite::Database::Database;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();

  // At most this many idle statements are kept; beyond it the least
  // recently used one is finalized, so that run-time variants (IN lists of
  // every length) cannot crowd out the common statements for good.
  static constexpr std::size_t kMaxCached = 256;

  // A prepared statement for `sql`: an idle one from the cache, else a new one.
  std::unique_ptr<SQLite::Statement> Borrow(std::string_view sql);
  // Hands a statement back, reset and unbound, for the next Borrow of `sql`.
  void GiveBack(std::string_view sql, std::unique_ptr<SQLite::Statement> statement) noexcept;
  std::size_t CachedStatementsForTest() const { return idle_.size(); }
  bool IsCachedForTest(std::string_view sql) const { return idle_.find(sql) != idle_.end(); }

 private:
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Idle {
    std::unique_ptr<SQLite::Statement> statement;
    std::list<std::string>::iterator in_use_order;
  };
  std::unordered_map<std::string, Idle, TextHash, std::equal_to<>> idle_;
  std::list<std::string> use_order_;  // idle statements' texts, latest first
};

// One use of a cached statement; it goes back to the connection, reset (so
// it holds no read snapshot open) and unbound, when the Query ends. The SQL
// is a literal or text built at run time with every value bound (never a
// value spliced into the text, which would make each statement a one-off).
class Query {
 public:
  template <std::size_t N>
  Query(Connection& db, const char (&sql)[N])
      : db_(db), sql_(sql, N - 1), statement_(db.Borrow(sql_)) {}
  Query(Connection& db, std::string sql)
      : db_(db), owned_(std::move(sql)), sql_(owned_), statement_(db.Borrow(sql_)) {}
  ~Query() { db_.GiveBack(sql_, std::move(statement_)); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  // Where a helper takes the statement itself (BindText, ReadUser …).
  operator SQLite::Statement&() { return *statement_; }

  template <typename... Args>
  void bind(Args&&... args) {
    statement_->bind(std::forward<Args>(args)...);
  }
  bool executeStep() { return statement_->executeStep(); }
  int exec() { return statement_->exec(); }
  SQLite::Column getColumn(int index) { return statement_->getColumn(index); }
  SQLite::Column getColumn(const char* name) { return statement_->getColumn(name); }
  void reset() { statement_->reset(); }

 private:
  Connection& db_;
  std::string owned_;  // the text when it was built at run time
  std::string_view sql_;
  std::unique_ptr<SQLite::Statement> statement_;
};

}  // namespace pineal::store::sqlite
