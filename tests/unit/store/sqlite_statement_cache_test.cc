// The connection's cache of prepared statements: a statement comes back
// reset and unbound, nested uses of one text do not share it, and the cache
// stays bounded.
#include <gtest/gtest.h>

#include <string>

#include "pineal/store/sqlite/connection.h"
#include "tests/support/temp_dir.h"

namespace pineal::store::sqlite {
namespace {

class StatementCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)");
    db_.exec("INSERT INTO t(id, v) VALUES (1, 'a'), (2, 'b'), (3, 'c')");
  }
  Connection db_{":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE};
};

TEST_F(StatementCacheTest, AStatementIsPreparedOnceAndReused) {
  for (int i = 0; i < 5; ++i) {
    Query q(db_, "SELECT v FROM t WHERE id = ?");
    q.bind(1, 2);
    ASSERT_TRUE(q.executeStep());
    EXPECT_EQ(q.getColumn(0).getString(), "b");
  }
  EXPECT_EQ(db_.CachedStatementsForTest(), 1u);
}

TEST_F(StatementCacheTest, AStatementLeftMidwayStartsAgainFromTheFirstRow) {
  {
    Query q(db_, "SELECT id FROM t ORDER BY id");
    ASSERT_TRUE(q.executeStep());
    ASSERT_TRUE(q.executeStep());
    EXPECT_EQ(q.getColumn(0).getInt(), 2);
  }
  Query again(db_, "SELECT id FROM t ORDER BY id");
  ASSERT_TRUE(again.executeStep());
  EXPECT_EQ(again.getColumn(0).getInt(), 1);
}

TEST(StatementCache, AnAbandonedReadKeepsNoSnapshotOpen) {
  testing::TempDir dir;
  const int flags = SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE;
  Connection reader(dir.File("db"), flags);
  reader.exec("PRAGMA journal_mode=WAL");
  reader.exec("CREATE TABLE t(id INTEGER PRIMARY KEY)");
  reader.exec("INSERT INTO t(id) VALUES (1), (2)");
  {
    Query q(reader, "SELECT id FROM t ORDER BY id");
    ASSERT_TRUE(q.executeStep());  // a read begun, then left
  }
  SQLite::Database writer(dir.File("db"), flags);
  writer.exec("INSERT INTO t(id) VALUES (3)");
  // Were the cached statement not reset, its read transaction would still
  // hold the snapshot from before the write, and this count would be 2.
  Query count(reader, "SELECT count(*) FROM t");
  ASSERT_TRUE(count.executeStep());
  EXPECT_EQ(count.getColumn(0).getInt(), 3);
}

TEST_F(StatementCacheTest, BindingsDoNotCarryOverToTheNextUse) {
  {
    Query q(db_, "SELECT count(*) FROM t WHERE v = :v");
    q.bind(":v", "a");
    ASSERT_TRUE(q.executeStep());
    EXPECT_EQ(q.getColumn(0).getInt(), 1);
  }
  Query unbound(db_, "SELECT count(*) FROM t WHERE v = :v");  // :v is NULL again
  ASSERT_TRUE(unbound.executeStep());
  EXPECT_EQ(unbound.getColumn(0).getInt(), 0);
}

TEST_F(StatementCacheTest, NestedUsesOfOneTextGetTheirOwnStatements) {
  Query outer(db_, "SELECT id FROM t WHERE id >= ? ORDER BY id");
  outer.bind(1, 1);
  int pairs = 0;
  while (outer.executeStep()) {
    Query inner(db_, "SELECT id FROM t WHERE id >= ? ORDER BY id");
    inner.bind(1, outer.getColumn(0).getInt());
    while (inner.executeStep()) ++pairs;
  }
  EXPECT_EQ(pairs, 3 + 2 + 1);
}

TEST_F(StatementCacheTest, TheCacheKeepsItsBoundAndDropsTheLeastRecentlyUsed) {
  for (std::size_t i = 0; i < Connection::kMaxCached + 50; ++i) {
    {
      Query q(db_, "SELECT " + std::to_string(i));
      ASSERT_TRUE(q.executeStep());
      EXPECT_EQ(q.getColumn(0).getInt64(), static_cast<std::int64_t>(i));
    }
    Query hot(db_, "SELECT v FROM t WHERE id = 1");  // used between every one-off
    ASSERT_TRUE(hot.executeStep());
  }
  EXPECT_EQ(db_.CachedStatementsForTest(), Connection::kMaxCached);
  EXPECT_TRUE(db_.IsCachedForTest("SELECT v FROM t WHERE id = 1"));
  EXPECT_TRUE(db_.IsCachedForTest("SELECT " + std::to_string(Connection::kMaxCached + 49)));
  EXPECT_FALSE(db_.IsCachedForTest("SELECT 0"));
}

}  // namespace
}  // namespace pineal::store::sqlite
