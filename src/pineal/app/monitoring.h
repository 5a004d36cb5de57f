// Use cases, monitoring: alerts, follow-up reviews, adherence and titration
// proposals. Alerts are evaluated after every check-in write and on every
// read of alerts. Only clinicians see and change alerts and proposals.
#pragma once

#include <string>
#include <vector>

#include "pineal/app/alert_refresh.h"
#include "pineal/app/monitoring_types.h"
#include "pineal/app/page.h"
#include "pineal/app/regimen_writes.h"
#include "pineal/app/use_case_base.h"

namespace pineal::app {

class Monitoring : public UseCaseBase {
 public:
  Monitoring(store::Store& store, const Clock& clock, Knowledge knowledge, AlertRefresh& alerts,
             RegimenWrites& writes)
      : UseCaseBase(store, clock, knowledge), alerts_(alerts), writes_(writes) {}

  // `status` filters by the current status ("" for all). Paged (page.h),
  // newest first; the inbox ranks escalated and urgent alerts first within
  // each page.
  Result<PageOf<store::AlertRecord>> ListAlerts(const Actor& actor, PatientId patient,
                                                const std::string& status,
                                                const PageRequest& page = {});
  Result<PageOf<InboxAlert>> AlertInbox(const Actor& actor, const std::string& status,
                                        const PageRequest& page = {});
  Result<store::AlertRecord> ChangeAlertStatus(const Actor& actor, PatientId patient,
                                               std::int64_t alert_id, const std::string& status,
                                               const std::string& note);
  // Follow-up: the next reviews of each active regimen, and what was done
  // about earlier ones; a review acted on must be one that is due.
  Result<PatientReviews> Reviews(const Actor& actor, PatientId patient);
  Result<store::ReviewAction> RecordReviewAction(const Actor& actor, PatientId patient,
                                                 store::ReviewAction draft);
  Result<std::vector<OverdueReview>> OverdueReviews(const Actor& actor);
  // The questionnaires due, overdue and upcoming (knowledge/rules/questionnaires.yaml).
  Result<PatientQuestionnaires> Questionnaires(const Actor& actor, PatientId patient);
  // The same schedule without an access check or audit row, for a use case
  // that does both inside its own transaction and has already read the
  // patient and the regimens (the calendar feed).
  Result<PatientQuestionnaires> QuestionnairePlan(const records::Patient& patient,
                                                  const std::vector<records::Regimen>& regimens) {
    return PlanPatientQuestionnaires(patient, regimens);
  }
  Result<AdherenceAnswer> Adherence(const Actor& actor, PatientId patient,
                                    const AdherenceQuery& query);
  // Titration: a proposal is stored as made; a decision (approve appends the
  // regimen version, screened; reject needs a reason) is taken once.
  Result<StoredProposal> ProposeTitration(const Actor& actor, PatientId patient, RegimenId regimen);
  Result<std::vector<StoredProposal>> ListProposals(const Actor& actor, PatientId patient);
  Result<StoredProposal> DecideProposal(const Actor& actor, PatientId patient, std::int64_t id,
                                        ProposalDecisionDraft draft, ScreeningReport* report);
  // The patient list's badges (not audited: the list read is).
  Result<MonitoringBadges> Badges(const Actor& actor, PatientId patient);

 private:
  Result<PatientReviews> PlanPatientReviews(PatientId patient, int count);
  Result<PatientQuestionnaires> PlanPatientQuestionnaires(
      const records::Patient& p, const std::vector<records::Regimen>& regimens);
  Result<StoredProposal> LoadProposal(PatientId patient, std::int64_t id);

  AlertRefresh& alerts_;
  RegimenWrites& writes_;
};

}  // namespace pineal::app
