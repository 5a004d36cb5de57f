// pineal simulate: predicted plasma concentrations for a regimen, with the
// population spread and the metrics, as text, JSON, CSV or SVG.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

#include "pineal/core/result.h"

namespace pineal::cli {

void RegisterSimulateCommand(CLI::App& root);

// The command's options as written on the command line.
struct SimulateOptions {
  std::string substance;
  std::string dose;
  std::string formulation;
  std::string content;
  std::string at = "22:00";
  std::string every;
  std::string for_duration;
  std::string missed;   // dose numbers, 1-based: "3,5"
  std::string patient;  // a patient id in `db`, or a covariates JSON file
  std::string db = "pineal.db";
  std::string wake;
  std::string variant;
  std::string threshold;
  std::string format = "text";
  std::string output;
  int subjects = 1000;
  std::uint64_t seed = 1;
  int threads = 0;
  bool progress = true;  // a progress bar on stderr when it is a terminal
};

// Runs the simulation and renders it in the requested format.
Result<std::string> RunSimulate(const SimulateOptions& options);

}  // namespace pineal::cli
