// `pineal kb show SUBSTANCE` prints what the knowledge base holds about a
// substance (or class); `pineal kb lint [DIR]` checks a knowledge directory
// (references resolve, every entry cites, quantities parse, bands contiguous,
// ids unique, rules name known substances and classes) and exits 2 on errors.
#pragma once

#include <CLI/CLI.hpp>

#include <string>

#include "pineal/kb/catalog.h"

namespace pineal::cli {

void RegisterKbCommand(CLI::App& root);

// The text of `pineal kb show` for one substance.
std::string RenderSubstanceText(const kb::Catalog& catalog, kb::SubstanceIndex s);

}  // namespace pineal::cli
