// Alerts with their status history, follow-up review actions and titration
// proposals with their decisions.
#include <algorithm>

#include "pineal/store/memory/memory_store.h"
#include "pineal/store/memory/memory_util.h"

namespace pineal::store {
namespace {

using memory::Conflict;
using memory::ForeignKeyConflict;

bool IsAlertStatus(const std::string& s) {
  return s == "open" || s == "acknowledged" || s == "resolved";
}

}  // namespace

Result<std::optional<std::int64_t>> MemoryStore::InsertAlertIfNew(const AlertRecord& alert) {
  std::lock_guard lock(mu_);
  // INSERT OR IGNORE skips a row that fails its CHECK or the UNIQUE
  // (patient_id, dedupe_key), but not one whose patient does not exist.
  const std::optional<std::int64_t> none;
  if (alert.severity != "urgent" && alert.severity != "warning" && alert.severity != "info") {
    return none;
  }
  for (const AlertRecord& a : t_.alerts) {
    if (a.patient_id == alert.patient_id && a.dedupe_key == alert.dedupe_key) return none;
  }
  if (!PatientExists(alert.patient_id)) return ForeignKeyConflict("transaction");
  AlertRecord row = alert;
  row.id = NextId(t_.alerts);
  row.history = {{"open", "", alert.provenance.created_at, alert.provenance.created_by}};
  t_.alerts.push_back(std::move(row));
  return std::optional<std::int64_t>(t_.alerts.back().id);
}

Result<AlertRecord> MemoryStore::GetAlert(PatientId patient, std::int64_t id) {
  std::lock_guard lock(mu_);
  const AlertRecord* a = Find(t_.alerts, id);
  if (a == nullptr || a->patient_id != patient) {
    return Status::NotFound("alert " + std::to_string(id) + " not found");
  }
  return *a;
}

Result<std::vector<AlertRecord>> MemoryStore::ListAlerts(const AlertQuery& query) {
  std::lock_guard lock(mu_);
  std::vector<AlertRecord> out;
  for (auto it = t_.alerts.rbegin(); it != t_.alerts.rend(); ++it) {  // id DESC
    const AlertRecord& a = *it;
    if (query.patient && a.patient_id != *query.patient) continue;
    if (query.care_team_of) {
      const bool on_team = std::any_of(t_.care_team.begin(), t_.care_team.end(), [&](auto& row) {
        return row.patient_id == a.patient_id && row.user_id == *query.care_team_of;
      });
      if (!on_team) continue;
    }
    if (!query.status.empty() && a.status() != query.status) continue;
    if (query.before && !(TimeKey{a.provenance.created_at, a.id} < *query.before)) continue;
    out.push_back(a);
  }
  // ORDER BY created_at DESC, id DESC.
  std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return a.provenance.created_at > b.provenance.created_at;
  });
  return memory::LimitOffset(std::move(out), query.limit);
}

Status MemoryStore::AppendAlertStatus(std::int64_t alert_id, const AlertStatusChange& change) {
  std::lock_guard lock(mu_);
  if (!IsAlertStatus(change.status)) {
    return Conflict("change alert status",
                    "CHECK constraint failed: status IN ('open', 'acknowledged', 'resolved')");
  }
  AlertRecord* a = Find(t_.alerts, alert_id);
  if (a == nullptr) return ForeignKeyConflict("change alert status");
  a->history.push_back(change);
  return Status::Ok();
}

Result<std::int64_t> MemoryStore::InsertReviewAction(const ReviewAction& action) {
  std::lock_guard lock(mu_);
  PINEAL_RETURN_IF_ERROR(
      RegimenOfPatient(action.regimen_id.value(), action.patient_id).WithFieldPrefix("regimen_id"));
  if (action.action != "done" && action.action != "moved" && action.action != "cancelled") {
    return Conflict("insert review action",
                    "CHECK constraint failed: action IN ('done', 'moved', 'cancelled')");
  }
  ReviewAction row = action;
  row.id = NextId(t_.review_actions);
  t_.review_actions.push_back(std::move(row));
  return t_.review_actions.back().id;
}

Result<std::vector<ReviewAction>> MemoryStore::ListReviewActions(PatientId patient) {
  std::lock_guard lock(mu_);
  std::vector<ReviewAction> out;
  for (const ReviewAction& r : t_.review_actions) {
    if (r.patient_id == patient) out.push_back(r);
  }
  return out;
}

Result<std::int64_t> MemoryStore::InsertProposal(const ProposalRecord& proposal) {
  std::lock_guard lock(mu_);
  PINEAL_RETURN_IF_ERROR(RegimenOfPatient(proposal.regimen_id.value(), proposal.patient_id)
                             .WithFieldPrefix("regimen_id"));
  ProposalRecord row = proposal;
  row.id = NextId(t_.proposals);
  row.decision.reset();  // a decision is its own row, made by DecideProposal
  t_.proposals.push_back(std::move(row));
  return t_.proposals.back().id;
}

Result<ProposalRecord> MemoryStore::GetProposal(PatientId patient, std::int64_t id) {
  std::lock_guard lock(mu_);
  const ProposalRecord* p = Find(t_.proposals, id);
  if (p == nullptr || p->patient_id != patient) {
    return Status::NotFound("titration proposal " + std::to_string(id) + " not found");
  }
  return *p;
}

Result<std::vector<ProposalRecord>> MemoryStore::ListProposals(PatientId patient) {
  std::lock_guard lock(mu_);
  std::vector<ProposalRecord> out;
  for (auto it = t_.proposals.rbegin(); it != t_.proposals.rend(); ++it) {  // id DESC
    if (it->patient_id == patient) out.push_back(*it);
  }
  return out;
}

Status MemoryStore::DecideProposal(std::int64_t proposal_id, const ProposalDecision& decision) {
  std::lock_guard lock(mu_);
  const char* what = "decide titration proposal";
  if (decision.decision != "approve" && decision.decision != "reject") {
    return Conflict(what, "CHECK constraint failed: decision IN ('approve', 'reject')");
  }
  ProposalRecord* p = Find(t_.proposals, proposal_id);
  if (p != nullptr && p->decision) {
    return Conflict(what, "UNIQUE constraint failed: titration_decisions.proposal_id");
  }
  if (p == nullptr) return ForeignKeyConflict(what);
  p->decision = decision;
  return Status::Ok();
}

}  // namespace pineal::store
