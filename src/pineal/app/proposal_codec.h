// Monitoring results as JSON: a titration proposal in the form it is stored in
// (the record's proposal_json) and the API shows, and the evidence list that
// alerts and proposals share. One mapping, both directions.
#pragma once

#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "pineal/core/result.h"
#include "pineal/monitor/titration.h"

namespace pineal::app {

// [{"kind": "observation", "id": 17}, ...]
nlohmann::json EvidenceToJson(const std::vector<monitor::Evidence>& evidence);

nlohmann::json ProposalToJson(const monitor::TitrationProposal& p);
// Reads what ProposalToJson wrote; a record that does not parse is corrupt
// (Internal).
Result<monitor::TitrationProposal> ProposalFromJson(const std::string& text);

}  // namespace pineal::app
