// pineal backup FILE / pineal restore FILE: consistent copies of the database.
#include <cstdio>

#include "pineal/cli/commands.h"
#include "pineal/store/sqlite/sqlite_backup.h"

namespace pineal::cli {

void RegisterBackupCommands(CLI::App& root) {
  struct Options {
    DbOptions db;
    std::string file;
    bool force = false;
  };
  auto o = std::make_shared<Options>();

  CLI::App* backup = root.add_subcommand(
      "backup", "Write a consistent copy of the database to FILE (safe while serving)");
  AddDbOption(*backup, o->db);
  backup->add_option("file", o->file, "The new backup file")->required();
  backup->callback([o]() {
    Status st = store::BackupSqlite(o->db.location, o->file);
    if (!st.ok()) Fail(st.message());
    std::printf("backed up %s to %s (integrity ok)\n", o->db.location.c_str(), o->file.c_str());
  });

  CLI::App* restore = root.add_subcommand(
      "restore", "Replace the database with the backup FILE (stop the server first)");
  AddDbOption(*restore, o->db);
  restore->add_option("file", o->file, "A backup made by `pineal backup`")
      ->required()
      ->check(CLI::ExistingFile);
  restore->add_flag("--force", o->force, "Replace an existing database");
  restore->callback([o]() {
    Status st = store::RestoreSqlite(o->file, o->db.location, o->force);
    if (!st.ok()) Fail(st.message());
    std::printf("restored %s from %s (integrity ok)\n", o->db.location.c_str(), o->file.c_str());
  });
}

}  // namespace pineal::cli
