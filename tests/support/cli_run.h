// Runs pineal subcommands through CLI11 as a user would type them, with
// stdout and stderr captured; a refused command shows in its exit code.
#pragma once

#include <gtest/gtest.h>

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace pineal::testing {

struct CliOutcome {
  int exit_code = 0;
  std::string out;
  std::string err;
};

// `app` has the commands under test registered; `args` are what follows
// "pineal" on the command line.
inline CliOutcome RunCli(CLI::App& app, const std::vector<std::string>& args) {
  std::vector<const char*> argv = {"pineal"};
  for (const auto& a : args) argv.push_back(a.c_str());
  CliOutcome o;
  ::testing::internal::CaptureStdout();
  ::testing::internal::CaptureStderr();
  try {
    app.parse(static_cast<int>(argv.size()), argv.data());
  } catch (const CLI::Error& e) {
    o.exit_code = e.get_exit_code();
  }
  o.out = ::testing::internal::GetCapturedStdout();
  o.err = ::testing::internal::GetCapturedStderr();
  return o;
}

}  // namespace pineal::testing
