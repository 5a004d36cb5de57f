// Licensed item wording supplied by the clinic (pineal serve
// --instrument-wording FILE). knowledge/instruments/ ships short labels only
// where an instrument's wording is licensed (`wording: null`); a clinic that
// holds a licence puts the verbatim text in a local file of its own:
//
//   instruments:
//     phq9:
//       item1: "verbatim text of item 1"
//       item9: "verbatim text of item 9"
//
// and it is merged into the items' `wording`. Ids are the instrument and item
// ids of knowledge/instruments/ (not codes or aliases). Without a file nothing
// changes.
#pragma once

#include <filesystem>

#include "pineal/core/result.h"
#include "pineal/kb/instrument_catalog.h"

namespace pineal::kb {

// Reads `file` and sets the wording of every item it names. An unreadable
// file, a YAML error, any key other than `instruments`, an unknown
// instrument or item id, an id given twice and a text that is empty or not a
// string are errors; each names the file, the line and the key
// ("instruments.phq9.item10"), and all of them come in one InvalidArgument
// (NotFound when the file cannot be opened). On error `catalog` is left as it
// was. Returns how many items got their wording.
Result<int> MergeInstrumentWording(const std::filesystem::path& file, InstrumentCatalog& catalog);

}  // namespace pineal::kb
