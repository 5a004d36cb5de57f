// Registration of each subcommand; one file per command.
#pragma once

#include <CLI/CLI.hpp>

namespace pineal::cli {

// Options every command that opens the database shares.
struct DbOptions {
  std::string location = "pineal.db";  // SQLite file, or postgresql://...
};
void AddDbOption(CLI::App& command, DbOptions& options);

// Prints an error for the user and ends the command with exit code 2.
[[noreturn]] void Fail(const std::string& message);

void RegisterServeCommand(CLI::App& root);
void RegisterDbCommand(CLI::App& root);
void RegisterDemoCommand(CLI::App& root);
void RegisterVersionCommand(CLI::App& root);
void RegisterUserCommand(CLI::App& root);
void RegisterAuditCommand(CLI::App& root);
void RegisterBackupCommands(CLI::App& root);
void RegisterMonitorCommand(CLI::App& root);

}  // namespace pineal::cli
