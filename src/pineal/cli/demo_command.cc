// pineal demo: load the demo clinic into an empty database.
#include <cstdio>

#include "pineal/app/demo_clinic.h"
#include "pineal/cli/commands.h"
#include "pineal/store/open_store.h"

namespace pineal::cli {

void RegisterDemoCommand(CLI::App& root) {
  auto options = std::make_shared<DbOptions>();
  CLI::App* cmd = root.add_subcommand("demo", "Load a small demo clinic into an empty database");
  AddDbOption(*cmd, *options);
  cmd->callback([options]() {
    auto store = store::OpenStore(options->location);
    if (!store.ok()) Fail(store.status().message());
    SystemClock clock;
    app::PinealApp app(**store, clock);
    auto demo = app::LoadDemoClinic(app, app::Actor{"demo", app::Role::kSystem, ""}, **store);
    if (!demo.ok()) Fail(demo.status().message());
    std::printf(
        "loaded the demo clinic into %s: %d patients, %d medications, %d regimens, "
        "%d dose events, %d observations\n",
        options->location.c_str(), demo->patients, demo->medications, demo->regimens,
        demo->dose_events, demo->observations);
  });
}

void RegisterVersionCommand(CLI::App& root) {
  CLI::App* cmd = root.add_subcommand("version", "Print the version");
  cmd->callback([]() { std::printf("pineal %s\n", PINEAL_VERSION); });
}

}  // namespace pineal::cli
