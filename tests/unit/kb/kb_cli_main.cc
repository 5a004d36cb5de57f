// A small driver with only the kb and check commands, so ctest can run
// `kb lint` and `check` without the full pineal binary.
#include <CLI/CLI.hpp>

#include "pineal/cli/check_command.h"
#include "pineal/cli/kb_command.h"

int main(int argc, char** argv) {
  CLI::App app{"pineal kb/check test driver", "pineal"};
  app.require_subcommand(1);
  pineal::cli::RegisterKbCommand(app);
  pineal::cli::RegisterCheckCommand(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  return 0;
}
