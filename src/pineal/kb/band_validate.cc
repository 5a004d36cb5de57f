// Contiguity checks for one dose-band scale: the bands must cover (0, infinity)
// exactly once, so every dose falls in one band.
#include <string>

#include "pineal/kb/catalog_validate.h"

namespace pineal::kb {

void ValidateBandScale(const BandScale& scale, const std::string& what, const std::string& entry,
                       const SourceLocation& where, LintReport& report) {
  auto error = [&](const SourceLocation& w, const std::string& msg) {
    const SourceLocation& at = w.line > 0 ? w : where;
    report.Error(at.file, at.line, entry, what + ": " + msg);
  };
  if (scale.bands.empty()) {
    error(where, "has no bands");
    return;
  }
  // A bound that did not parse was reported; its neighbours cannot be compared.
  for (const Band& b : scale.bands) {
    if (!b.parsed) return;
  }
  if (scale.bands.front().from != 0.0) {
    error(scale.bands.front().where, "the first band starts at " + scale.bands.front().from_text +
                                         "; bands must start at 0 (gap below it)");
  }
  for (std::size_t i = 0; i < scale.bands.size(); ++i) {
    const Band& b = scale.bands[i];
    if (b.to && *b.to <= b.from) {
      error(b.where, "band " + b.from_text + " to " + b.to_text + " is empty or reversed");
    }
    const bool last = i + 1 == scale.bands.size();
    if (!b.to && !last) {
      error(b.where,
            "band from " + b.from_text +
                " has no upper limit but is not the last band (overlaps the bands after it)");
    }
    if (b.to && last) {
      error(b.where, "the last band ends at " + b.to_text +
                         "; it must have no 'to' (gap: doses above " + b.to_text +
                         " have no band)");
    }
    if (i > 0) {
      const Band& prev = scale.bands[i - 1];
      if (!prev.to) continue;  // reported above
      if (b.from > *prev.to) {
        error(b.where, "gap between " + prev.to_text + " and " + b.from_text +
                           " (the previous band ends at " + prev.to_text + ")");
      } else if (b.from < *prev.to) {
        error(b.where, "overlap: band starting at " + b.from_text +
                           " begins before the previous band ends at " + prev.to_text);
      }
    }
  }
}

}  // namespace pineal::kb
