#include "pineal/cli/main_command.h"

#include <cstdio>

#include "pineal/cli/check_command.h"
#include "pineal/cli/circadian_command.h"
#include "pineal/cli/plan_command.h"
#include "pineal/cli/score_command.h"
#include "pineal/cli/simulate_command.h"
#include "pineal/cli/commands.h"
#include "pineal/cli/kb_command.h"

namespace pineal::cli {

void AddDbOption(CLI::App& command, DbOptions& options) {
  command
      .add_option("--db", options.location,
                  "SQLite database file (created if missing), or a postgresql:// URL")
      ->capture_default_str();
}

void Fail(const std::string& message) {
  std::fprintf(stderr, "pineal: %s\n", message.c_str());
  throw CLI::RuntimeError(2);
}

int Main(int argc, char** argv) {
  CLI::App app{"pineal: clinician-supervised melatonin and combination therapy", "pineal"};
  app.require_subcommand(1);
  RegisterServeCommand(app);
  RegisterDbCommand(app);
  RegisterDemoCommand(app);
  RegisterCheckCommand(app);
  RegisterKbCommand(app);
  RegisterPlanCommand(app);
  RegisterCircadianCommand(app);
  RegisterSimulateCommand(app);
  RegisterScoreCommand(app);
  RegisterMonitorCommand(app);
  RegisterUserCommand(app);
  RegisterAuditCommand(app);
  RegisterBackupCommands(app);
  RegisterVersionCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return 0;
}

}  // namespace pineal::cli
