// JSON of the monitoring records: alerts, reviews, adherence, proposals.
#pragma once

#include <nlohmann/json.hpp>

#include "pineal/app/monitoring_types.h"

namespace pineal::codec {

nlohmann::json AlertJson(const store::AlertRecord& a);
nlohmann::json DueReviewJson(const monitor::DueReview& d, RegimenId regimen,
                             const std::string& substance);
nlohmann::json ReviewActionJson(const store::ReviewAction& a);
nlohmann::json PatientReviewsJson(const app::PatientReviews& r);
nlohmann::json PatientQuestionnairesJson(const app::PatientQuestionnaires& q);
nlohmann::json AdherenceCountsJson(const monitor::AdherenceCounts& c);
nlohmann::json AdherenceJson(const app::AdherenceAnswer& a);
nlohmann::json ProposalJson(const app::StoredProposal& p);

// Request bodies. Each fails on the first bad or unknown field, naming it.
// {"status": "acknowledged"|"resolved", "note": "..."}
Status ApplyAlertStatusJson(const nlohmann::json& body, std::string* status, std::string* note);
// {"due": "2026-11-14", "action": "done"|"moved"|"cancelled", "date": "...", "note": "..."}
Status ApplyReviewActionJson(const nlohmann::json& body, store::ReviewAction* action);
// {"decision": "approve"|"reject", "reason": "...", "overrides": [...]}
Status ApplyDecisionJson(const nlohmann::json& body, app::ProposalDecisionDraft* draft);

}  // namespace pineal::codec
