// pineal db migrate|status: the schema of the database.
#include <cstdio>

#include "pineal/cli/commands.h"
#include "pineal/store/sqlite/sqlite_store.h"

namespace pineal::cli {
namespace {

std::unique_ptr<store::SqliteStore> OpenSqlite(const DbOptions& o) {
  if (o.location.rfind("postgres", 0) == 0) {
    Fail("PostgreSQL storage is not available in this build; use a SQLite file path");
  }
  auto s = store::SqliteStore::Open(o.location);
  if (!s.ok()) Fail(s.status().message());
  return std::move(*s);
}

}  // namespace

void RegisterDbCommand(CLI::App& root) {
  auto options = std::make_shared<DbOptions>();
  CLI::App* db = root.add_subcommand("db", "Database schema: migrate or show status");
  db->require_subcommand(1);

  CLI::App* migrate = db->add_subcommand("migrate", "Apply pending schema migrations");
  AddDbOption(*migrate, *options);
  migrate->callback([options]() {
    auto s = OpenSqlite(*options);
    Status st = s->Migrate();
    if (!st.ok()) Fail(st.message());
    std::printf("%s is up to date\n", options->location.c_str());
  });

  CLI::App* status = db->add_subcommand("status", "List migrations and whether they are applied");
  AddDbOption(*status, *options);
  status->callback([options]() {
    auto s = OpenSqlite(*options);
    auto list = s->Migrations();
    if (!list.ok()) Fail(list.status().message());
    int pending = 0;
    for (const auto& m : *list) {
      std::printf("%04d  %-24s %s\n", m.version, m.name.c_str(),
                  m.applied_at.empty() ? "pending" : ("applied " + m.applied_at).c_str());
      if (m.applied_at.empty()) ++pending;
    }
    std::printf("%d pending\n", pending);
  });
}

}  // namespace pineal::cli
