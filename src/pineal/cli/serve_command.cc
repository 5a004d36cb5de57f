// pineal serve: the web app and JSON API on an embedded SQLite database.
#include <arpa/inet.h>

#include <cstdio>
#include <filesystem>

#include "pineal/app/demo_clinic.h"
#include "pineal/cli/commands.h"
#include "pineal/http/server.h"
#include "pineal/kb/instrument_wording.h"
#include "pineal/store/open_store.h"

namespace pineal::cli {
namespace {

struct ServeOptions {
  DbOptions db;
  http::ServerOptions server;
  bool demo_if_empty = false;
  std::string instrument_wording;  // the clinic's licensed item wording, or empty
};

void Serve(const ServeOptions& o) {
  auto store = store::OpenStore(o.db.location);
  if (!store.ok()) Fail(store.status().message());
  // Bad knowledge files stop the server at once: it never runs unscreened.
  auto knowledge = app::LoadKnowledge();
  if (!knowledge.ok()) Fail("the knowledge base does not load: " + knowledge.status().message());
  if (!o.instrument_wording.empty()) {
    auto merged = kb::MergeInstrumentWording(o.instrument_wording, (*knowledge)->instruments);
    if (!merged.ok()) Fail("the instrument wording does not load: " + merged.status().message());
    std::printf("pineal: instrument wording for %d item(s) from %s\n", *merged,
                o.instrument_wording.c_str());
  }
  SystemClock clock;
  app::PinealApp app(**store, clock, (*knowledge)->View());
  if (o.demo_if_empty) {
    auto page = (*store)->ListPatients(store::PatientQuery{});
    if (page.ok() && page->total == 0) {
      app::Actor demo_actor;
      demo_actor.name = "demo";
      auto demo = app::LoadDemoClinic(app, demo_actor, **store);
      if (!demo.ok()) Fail("loading the demo clinic failed: " + demo.status().message());
      std::printf("pineal: loaded the demo clinic (%d patients) into %s\n", demo->patients,
                  o.db.location.c_str());
    }
    // The demo accounts are still there: say how to log in.
    if ((*store)->FindUser(app::DemoLogins().front().username).ok()) {
      std::printf("pineal: demo clinic logins:\n");
      for (const auto& l : app::DemoLogins()) {
        std::printf("  %-10s %-12s password %s\n", l.role.c_str(), l.username.c_str(),
                    l.password.c_str());
      }
    }
  }
  http::Server server(app, o.server);
  auto port = server.Bind();
  if (!port.ok()) Fail(port.status().message());
  server.StopOnSignals();
  const bool tls = !o.server.tls_cert_file.empty();
  std::printf("pineal: serving %s://%s:%d/ (API at /api/v1, database %s)\n", tls ? "https" : "http",
              o.server.bind_address.c_str(), *port, o.db.location.c_str());
  std::fflush(stdout);
  Status st = server.Run();
  if (!st.ok()) Fail(st.message());
  std::printf("pineal: stopped\n");
}

}  // namespace

void RegisterServeCommand(CLI::App& root) {
  auto options = std::make_shared<ServeOptions>();
  options->server.static_dir = "web/dist";
  CLI::App* cmd = root.add_subcommand("serve", "Serve the web app and the JSON API");
  AddDbOption(*cmd, options->db);
  cmd->add_option("--port", options->server.port, "TCP port (0: any free port)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option("--bind", options->server.bind_address, "Address to listen on")
      ->capture_default_str();
  cmd->add_option("--static", options->server.static_dir, "Folder of the built web app")
      ->capture_default_str();
  cmd->add_option("--tls-cert", options->server.tls_cert_file,
                  "PEM certificate: serve HTTPS (with --tls-key)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--tls-key", options->server.tls_key_file, "PEM private key for --tls-cert")
      ->check(CLI::ExistingFile);
  cmd->add_option("--trusted-proxy", options->server.trusted_proxies,
                  "IP address of a reverse proxy whose X-Forwarded-For names the client "
                  "(repeatable)")
      ->check(CLI::Validator(
          [](std::string& address) {
            unsigned char parsed[sizeof(in6_addr)];
            const bool ip = inet_pton(AF_INET, address.c_str(), parsed) == 1 ||
                            inet_pton(AF_INET6, address.c_str(), parsed) == 1;
            return ip ? std::string() : "'" + address + "' is not an IPv4 or IPv6 address";
          },
          "IP"));
  cmd->add_option("--workers", options->server.worker_threads,
                  "Threads answering requests (0: eight per core, at least 64)")
      ->check(CLI::Range(0, 1024))
      ->capture_default_str();
  cmd->add_option("--max-connections-per-address", options->server.max_connections_per_address,
                  "Open connections allowed from one client address (the peer socket's)")
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();
  cmd->add_option("--max-connections", options->server.max_connections,
                  "Open connections allowed in all")
      ->check(CLI::Range(1, 1'000'000))
      ->capture_default_str();
  cmd->add_option("--instrument-wording", options->instrument_wording,
                  "YAML file of licensed item wording held by the clinic "
                  "({instruments: {<id>: {<item id>: text}}})");
  cmd->add_flag("--demo-if-empty", options->demo_if_empty,
                "Load the demo clinic when the database has no patients");
  cmd->callback([options]() { Serve(*options); });
}

}  // namespace pineal::cli
