// A stand-alone driver for the circadian CLI commands (plan, circadian)
// until they are wired into the main pineal command.
#include <CLI/CLI.hpp>

#include "pineal/cli/circadian_command.h"
#include "pineal/cli/plan_command.h"

int main(int argc, char** argv) {
  CLI::App app{"pineal (circadian commands only)", "pineal"};
  app.require_subcommand(1);
  pineal::cli::RegisterPlanCommand(app);
  pineal::cli::RegisterCircadianCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return 0;
}
