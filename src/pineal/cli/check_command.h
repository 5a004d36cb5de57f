// `pineal check --patient FILE.json [--regimen FILE.json] [--format text|json]`:
// screens regimens for a patient against the knowledge base and prints the
// findings (text grouped by severity with references, or JSON). The JSON input
// format is described in json/safety_json.h and knowledge/README.md.
#pragma once

#include <CLI/CLI.hpp>

#include <string>
#include <vector>

#include "pineal/kb/catalog.h"
#include "pineal/safety/finding.h"

namespace pineal::cli {

void RegisterCheckCommand(CLI::App& root);

// The clinician-readable report: a summary line, findings grouped by severity
// (most severe first) with message, mechanism, action and numbered references,
// then the reference list.
std::string RenderFindingsText(const kb::Catalog& catalog,
                               const std::vector<safety::Finding>& findings);

}  // namespace pineal::cli
