// What the monitoring use cases answer: a patient's review schedule, the
// adherence query, and titration proposals as stored with their decision.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pineal/kb/instrument.h"
#include "pineal/monitor/adherence.h"
#include "pineal/monitor/followup.h"
#include "pineal/monitor/questionnaire_schedule.h"
#include "pineal/monitor/titration.h"
#include "pineal/safety/overrides.h"
#include "pineal/store/monitoring_records.h"

namespace pineal::app {

// The next reviews of one active regimen.
struct RegimenReviews {
  RegimenId regimen_id;
  std::string substance;
  monitor::FollowupSchedule schedule;
};

struct PatientReviews {
  std::vector<RegimenReviews> regimens;
  std::vector<store::ReviewAction> history;  // done, moved, cancelled; oldest first
};

// The questionnaires a patient is asked to answer, and when.
struct DueInstrument {
  monitor::DueQuestionnaire due;
  const kb::InstrumentDef* instrument = nullptr;
};
struct PatientQuestionnaires {
  LocalDate today{};  // in the patient's time zone
  std::vector<DueInstrument> items;
  // What is missing for a complete schedule (a condition not in the
  // catalogue, no active regimen), each saying what to record.
  std::vector<std::string> notes;
};

// An overdue review in a clinician's list.
struct OverdueReview {
  PatientId patient_id;
  std::string patient_name;
  RegimenId regimen_id;
  std::string substance;
  monitor::DueReview review;
};

// An alert with the name of its patient, for the inbox.
struct InboxAlert {
  store::AlertRecord alert;
  std::string patient_name;
};

struct AdherenceQuery {
  std::optional<Instant> from;  // default: 30 days before `to`
  std::optional<Instant> to;    // default: now
};

struct AdherenceAnswer {
  Instant from{};
  Instant to{};
  monitor::AdherenceReport report;
  double threshold_percent = 0;
};

struct MonitoringBadges {
  int open_alerts = 0;
  int urgent_alerts = 0;  // urgent and not yet resolved
  int overdue_reviews = 0;
};

// A stored proposal: what the engine proposed, and the decision if any.
struct StoredProposal {
  store::ProposalRecord record;
  monitor::TitrationProposal proposal;
};

struct ProposalDecisionDraft {
  std::string decision;  // "approve" or "reject"
  std::string reason;
  std::vector<safety::Override> overrides;  // for a step that screening blocks
};

}  // namespace pineal::app
