// pineal user add|list|disable|enable|unlock|reset-password: accounts, for the first
// administrator and for recovery. Runs as the local operator (no login).
#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include "pineal/app/pineal_app.h"
#include "pineal/cli/commands.h"
#include "pineal/store/open_store.h"

namespace pineal::cli {
namespace {

// One line from standard input; without echo when it is a terminal.
std::string ReadPassword(const char* prompt) {
  const bool tty = ::isatty(STDIN_FILENO) != 0;
  termios old_tio{};
  if (tty) {
    std::fprintf(stderr, "%s", prompt);
    ::tcgetattr(STDIN_FILENO, &old_tio);
    termios no_echo = old_tio;
    no_echo.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSANOW, &no_echo);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) {
    ::tcsetattr(STDIN_FILENO, TCSANOW, &old_tio);
    std::fprintf(stderr, "\n");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

struct Operator {
  std::unique_ptr<store::Store> store;
  SystemClock clock;
  std::unique_ptr<app::PinealApp> app;
  app::Actor actor;
};

std::unique_ptr<Operator> Open(const DbOptions& db) {
  auto op = std::make_unique<Operator>();
  auto store = store::OpenStore(db.location);
  if (!store.ok()) Fail(store.status().message());
  op->store = std::move(*store);
  op->app = std::make_unique<app::PinealApp>(*op->store, op->clock);
  op->actor.name = "cli:" + std::string(::getlogin() != nullptr ? ::getlogin() : "operator");
  return op;
}

std::string Describe(const Status& st) {
  return st.field().empty() ? st.message() : st.field() + " " + st.message();
}

}  // namespace

void RegisterUserCommand(CLI::App& root) {
  CLI::App* user = root.add_subcommand("user", "Manage accounts (admin, clinician, patient)");
  user->require_subcommand(1);
  auto db = std::make_shared<DbOptions>();

  struct AddOptions {
    app::NewUser user;
    std::string role = "clinician";
    std::int64_t patient_id = 0;
  };
  auto add = std::make_shared<AddOptions>();
  CLI::App* add_cmd =
      user->add_subcommand("add", "Add an account; the password is read from stdin");
  AddDbOption(*add_cmd, *db);
  add_cmd->add_option("username", add->user.username, "Login name")->required();
  add_cmd->add_option("--role", add->role, "admin, clinician or patient")
      ->check(CLI::IsMember({"admin", "clinician", "patient"}))
      ->capture_default_str();
  add_cmd->add_option("--name", add->user.display_name, "Display name");
  add_cmd->add_option("--patient", add->patient_id, "The patient record of a patient account");
  add_cmd->callback([db, add]() {
    auto op = Open(*db);
    add->user.role = *store::UserRoleFromName(add->role);
    if (add->patient_id > 0) add->user.patient_id = PatientId(add->patient_id);
    add->user.password = ReadPassword("Password (at least 12 characters): ");
    auto created = op->app->accounts().CreateUser(op->actor, add->user);
    if (!created.ok()) Fail(Describe(created.status()));
    std::printf("added %s (%s)\n", created->username.c_str(),
                std::string(store::UserRoleName(created->role)).c_str());
  });

  CLI::App* list = user->add_subcommand("list", "List accounts");
  AddDbOption(*list, *db);
  list->callback([db]() {
    auto op = Open(*db);
    auto users = op->app->accounts().ListUsers(op->actor);
    if (!users.ok()) Fail(Describe(users.status()));
    std::printf("%-24s %-10s %-8s %s\n", "username", "role", "status", "name");
    for (const auto& u : *users) {
      std::printf("%-24s %-10s %-8s %s\n", u.username.c_str(),
                  std::string(store::UserRoleName(u.role)).c_str(),
                  u.disabled ? "disabled" : "active", u.display_name.c_str());
    }
  });

  auto target = std::make_shared<std::string>();
  for (const char* verb : {"disable", "enable"}) {
    const bool disable = std::string(verb) == "disable";
    CLI::App* cmd = user->add_subcommand(
        verb, disable ? "Disable an account and end its sessions" : "Enable an account again");
    AddDbOption(*cmd, *db);
    cmd->add_option("username", *target, "Login name")->required();
    cmd->callback([db, target, disable]() {
      auto op = Open(*db);
      auto u = op->app->accounts().SetUserDisabled(op->actor, *target, disable);
      if (!u.ok()) Fail(Describe(u.status()));
      std::printf("%s %s\n", disable ? "disabled" : "enabled", u->username.c_str());
    });
  }

  CLI::App* unlock = user->add_subcommand(
      "unlock", "Clear the failed-login locks of an account, from every address");
  AddDbOption(*unlock, *db);
  unlock->add_option("username", *target, "Login name")->required();
  unlock->callback([db, target]() {
    auto op = Open(*db);
    auto cleared = op->app->accounts().UnlockUser(op->actor, *target);
    if (!cleared.ok()) Fail(Describe(cleared.status()));
    std::printf("unlocked %s (%d lock%s cleared)\n", target->c_str(), *cleared,
                *cleared == 1 ? "" : "s");
  });

  CLI::App* reset = user->add_subcommand(
      "reset-password", "Set a new password (read from stdin), unlock, end sessions");
  AddDbOption(*reset, *db);
  reset->add_option("username", *target, "Login name")->required();
  reset->callback([db, target]() {
    auto op = Open(*db);
    auto u = op->app->accounts().ResetPassword(op->actor, *target, ReadPassword("New password: "));
    if (!u.ok()) Fail(Describe(u.status()));
    std::printf("password of %s reset; its sessions have ended\n", u->username.c_str());
  });
}

}  // namespace pineal::cli
