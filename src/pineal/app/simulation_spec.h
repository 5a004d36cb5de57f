// A simulation as a person writes it ("3 mg", "22:00", "every 24h for 14d")
// turned into the PK engine's request. Shared by `pineal simulate` and
// POST /api/v1/simulate so both accept and reject the same things.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "pineal/core/result.h"
#include "pineal/kb/pk_model.h"
#include "pineal/pk/simulate.h"

namespace pineal::app {

struct SimulationSpec {
  std::string substance;  // melatonin or kratom
  std::string dose;       // per dose: "3 mg"; kratom: mass of product, "2 g"
  std::string formulation;
  std::string content;  // kratom: "15 mg/g" or "1.5 %"
  std::string at = "22:00";
  std::string every;         // "24h"; empty: one dose
  std::string for_duration;  // "14d" with `every`
  std::vector<int> missed;   // dose numbers, 1-based
  pk::PatientCovariates patient;
  std::string wake;  // "07:00"
  std::string variant;
  std::string threshold;  // "1000 pg/mL"
  int subjects = 0;
  std::uint64_t seed = 1;
  int threads = 0;
  // How fields are named in messages: "--dose" on the command line, "dose" in JSON.
  std::string field_prefix;
};

// Largest population a request may ask for, and largest number of doses.
inline constexpr int kMaxSubjects = 100000;
inline constexpr int kMaxDoses = 5000;

// Checks every field and builds the request; `title` describes the regimen.
Result<pk::SimulationRequest> BuildSimulationRequest(const SimulationSpec& spec,
                                                     std::string* title);

// "15 mg/g" or "1.5 %" (of the product mass) as mg per g.
Result<double> ParseContentMgPerG(const std::string& text);

// `pineal simulate`: the spec simulated with `catalog`, with no store or
// account; `progress` (may be empty) hears the fraction done.
Result<pk::SimulationResult> SimulateStandalone(const kb::PkCatalog& catalog,
                                                const SimulationSpec& spec,
                                                std::function<void(double)> progress,
                                                std::string* title);
// A simulation as text for people: "text", "csv" or "svg".
Result<std::string> RenderSimulation(const pk::SimulationResult& result, std::string_view format,
                                     const std::string& title);

}  // namespace pineal::app
