// The answer syntax of `pineal score` (and the fuzzer): either every item in
// form order, "1,2,0,3" (an empty field leaves that item unanswered: "1,,0"),
// or named items, "item1=2,item9=0" (by item id, or by item number: "9=0";
// items not named are unanswered). Blanks around fields are ignored.
#pragma once

#include <string_view>
#include <vector>

#include "pineal/core/result.h"
#include "pineal/kb/instrument.h"
#include "pineal/monitor/instrument_scoring.h"

namespace pineal::monitor {

// Errors (InvalidArgument) name the field and what was expected. Unknown item
// names are reported here; allowed values are checked by ScoreInstrument.
Result<std::vector<ItemAnswer>> ParseAnswers(const kb::InstrumentDef& def, std::string_view text);

}  // namespace pineal::monitor
