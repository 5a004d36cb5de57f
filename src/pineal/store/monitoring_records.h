// Monitoring records as stored: alerts and their status history, follow-up
// review actions, titration proposals and their decisions. All append-only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "pineal/core/ids.h"
#include "pineal/core/time.h"
#include "pineal/records/provenance.h"
#include "pineal/store/time_key.h"

namespace pineal::store {

struct AlertStatusChange {
  std::string status;  // "open", "acknowledged", "resolved"
  std::string note;
  Instant at{};
  std::string by;
};

struct AlertRecord {
  std::int64_t id = 0;
  PatientId patient_id;
  std::string rule_id;
  std::string severity;  // "urgent", "warning", "info"
  std::string title;
  std::string message;
  std::string dedupe_key;
  std::string evidence_json;  // [{"kind": "observation", "id": 17}]
  std::string refs_json;      // ["kroenke2001"]
  records::Provenance provenance;
  std::vector<AlertStatusChange> history;  // oldest first; never empty once stored
  // Not stored: set by app/ from the rule's escalate_after_hours for an urgent
  // alert still open (unacknowledged); escalated once `now` has passed it.
  std::optional<Instant> escalation_due;
  bool escalated = false;

  const std::string& status() const { return history.back().status; }
};

struct AlertQuery {
  std::optional<PatientId> patient;
  std::optional<UserId> care_team_of;  // only patients whose care team has this user
  std::string status;                  // current status; empty for any
  int limit = 500;
  // Newest first (created_at, id): a page resumes strictly before this key.
  std::optional<TimeKey> before;
};

struct ReviewAction {
  std::int64_t id = 0;
  PatientId patient_id;
  RegimenId regimen_id;
  LocalDate due{};                // the review it acts on, as planned
  std::string action;             // "done", "moved", "cancelled"
  std::optional<LocalDate> date;  // done on / moved to
  std::string note;
  records::Provenance provenance;
};

struct ProposalDecision {
  std::string decision;  // "approve", "reject"
  std::string reason;
  std::optional<int> regimen_version;  // the version an approval created
  Instant at{};
  std::string by;
};

struct ProposalRecord {
  std::int64_t id = 0;
  PatientId patient_id;
  RegimenId regimen_id;
  int regimen_version = 0;
  std::string action;
  std::string proposal_json;
  records::Provenance provenance;
  std::optional<ProposalDecision> decision;
};

}  // namespace pineal::store
