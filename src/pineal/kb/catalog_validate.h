// Cross-entry checks of the knowledge base: ids unique, references resolve and
// are cited, rules name known substances and classes, bands contiguous.
// Used by Catalog::Build and by `pineal kb lint`.
#pragma once

#include "pineal/kb/entries.h"
#include "pineal/kb/lint_report.h"

namespace pineal::kb {

void ValidateCatalogData(const CatalogData& data, LintReport& report);

// Checks one band scale: starts at 0, contiguous (no gaps, no overlaps), last
// band unbounded, from < to. `what` names it in messages ("per_dose").
void ValidateBandScale(const BandScale& scale, const std::string& what, const std::string& entry,
                       const SourceLocation& where, LintReport& report);

}  // namespace pineal::kb
