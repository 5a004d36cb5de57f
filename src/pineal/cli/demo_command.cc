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
    auto knowledge = app::LoadKnowledge();
    if (!knowledge.ok()) Fail("the knowledge base does not load: " + knowledge.status().message());
    SystemClock clock;
    app::PinealApp app(**store, clock, (*knowledge)->View());
    app::Actor demo_actor;
    demo_actor.name = "demo";
    auto demo = app::LoadDemoClinic(app, demo_actor, **store);
    if (!demo.ok()) Fail(demo.status().message());
    std::printf(
        "loaded the demo clinic into %s: %d patients, %d medications, %d regimens, "
        "%d dose events, %d observations; %d open alerts, %d titration proposal(s) to decide\n",
        options->location.c_str(), demo->patients, demo->medications, demo->regimens,
        demo->dose_events, demo->observations, demo->alerts, demo->proposals);
    for (const auto& l : demo->logins) {
      std::printf("  log in as %-10s %-12s password %s\n", l.role.c_str(), l.username.c_str(),
                  l.password.c_str());
    }
  });
}

void RegisterVersionCommand(CLI::App& root) {
  CLI::App* cmd = root.add_subcommand("version", "Print the version");
  cmd->callback([]() { std::printf("pineal %s\n", PINEAL_VERSION); });
}

}  // namespace pineal::cli
