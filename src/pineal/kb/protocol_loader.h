// Loads the titration protocols of knowledge/protocols/ (one *.yaml per
// protocol plus references.yaml) and validates them: known fields, kinds and
// effects, doses that parse and ascend, numbers in range, sections that the
// kind needs, and that every cited reference id is defined in the folder's
// references.yaml. Every message names the file, the line and the entry.
#pragma once

#include <string>

#include "pineal/core/result.h"
#include "pineal/kb/lint_report.h"
#include "pineal/kb/protocol.h"

namespace pineal::kb {

// Every problem found in `dir` (empty report when the protocols are valid).
LintReport LintProtocols(const std::string& dir);

// The protocols of `dir`, or InvalidArgument listing every problem.
Result<ProtocolSet> LoadProtocols(const std::string& dir);

// LoadProtocols(KnowledgeDir() + "/protocols").
Result<ProtocolSet> LoadDefaultProtocols();

}  // namespace pineal::kb
