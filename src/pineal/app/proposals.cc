// Use cases: titration proposals. The engine proposes from the protocols of
// knowledge/protocols/; the proposal is stored as it was made, and nothing
// changes until a clinician decides: an approval appends the regimen version
// (screened like any other), a rejection records the reason.
#include <nlohmann/json.hpp>
#include <utility>

#include "pineal/app/monitoring_inputs.h"
#include "pineal/app/monitoring.h"
#include "pineal/app/proposal_codec.h"
#include "pineal/records/text_checks.h"

namespace pineal::app {
namespace {

constexpr std::size_t kMinReason = 10;

bool ChangesTheRegimen(monitor::TitrationAction a) {
  return a == monitor::TitrationAction::kIncrease || a == monitor::TitrationAction::kDecrease ||
         a == monitor::TitrationAction::kTaper || a == monitor::TitrationAction::kStop;
}

}  // namespace

Result<StoredProposal> Monitoring::ProposeTitration(const Actor& actor, PatientId patient,
                                                    RegimenId regimen_id) {
  std::string proposed;  // the action, for the audit row
  auto result = AuditedWrite<StoredProposal>(
      actor, "titration.propose", patient,
      [&]() -> Result<StoredProposal> {
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));  // clinicians only
        if (knowledge_.protocols == nullptr || knowledge_.rules == nullptr) {
          return Status::Unavailable("the titration protocols are not loaded");
        }
        PINEAL_ASSIGN_OR_RETURN(records::Regimen regimen, store_.GetRegimen(patient, regimen_id));
        const kb::Protocol* protocol = monitor::ProtocolFor(*knowledge_.protocols, regimen);
        if (protocol == nullptr) {
          std::string known;
          for (const auto& p : knowledge_.protocols->protocols) {
            known +=
                (known.empty() ? "" : "; ") + p.substance + " for " +
                (p.indications.empty() ? std::string("any indication") : p.indications.front());
          }
          return Status::FailedPrecondition("no titration protocol covers " + regimen.substance +
                                            " for '" + regimen.current().indication +
                                            "'; the protocols are: " + known);
        }
        PINEAL_ASSIGN_OR_RETURN(MonitoringData d, alerts_.LoadMonitoring(patient));
        // The alerts as of now, evaluated on the record just read.
        PINEAL_RETURN_IF_ERROR(alerts_.RefreshAlerts(patient, d));
        PINEAL_ASSIGN_OR_RETURN(LocalDate today, TodayFor(d.patient));
        monitor::TitrationInputs in;
        in.regimen = regimen;
        in.patient = d.patient;
        in.responses = std::move(d.responses);
        in.side_effects = std::move(d.side_effects);
        PINEAL_ASSIGN_OR_RETURN(in.urgent_alerts, alerts_.UnresolvedUrgentAlerts(patient));
        // Adherence over the protocol's window (the evaluation window of a
        // ladder, the step of a taper), since the current version started.
        const int window = protocol->kind == kb::ProtocolKind::kLadder
                               ? protocol->evaluation.window_days
                               : protocol->taper.step_days;
        const Instant now = clock_.Now();
        Instant from = now - std::chrono::hours(24 * std::max(window, 1));
        if (auto start = FromLocal(regimen.current().start_date, TimeOfDay{}, d.patient.time_zone);
            start.ok() && from < *start) {
          from = *start;
        }
        if (from < now) {
          auto adherence = monitor::ComputeAdherence({regimen}, d.doses, d.patient.time_zone, from,
                                                     now, knowledge_.rules->adherence);
          if (adherence.ok()) in.adherence_percent = adherence->total.percent_taken();
        }
        PINEAL_ASSIGN_OR_RETURN(monitor::TitrationProposal proposal,
                                monitor::ProposeTitration(*protocol, in, today));
        store::ProposalRecord record;
        record.patient_id = patient;
        record.regimen_id = regimen_id;
        record.regimen_version = proposal.regimen_version;
        record.action = std::string(monitor::TitrationActionName(proposal.action));
        record.proposal_json = ProposalToJson(proposal).dump();
        record.provenance = NewProvenance(actor);
        PINEAL_ASSIGN_OR_RETURN(record.id, store_.InsertProposal(record));
        proposed = record.action;
        return StoredProposal{std::move(record), std::move(proposal)};
      },
      [&] {
        return proposed.empty() ? std::string()
                                : "regimen " + regimen_id.ToString() + ": " + proposed;
      });
  return result;
}

Result<StoredProposal> Monitoring::LoadProposal(PatientId patient, std::int64_t id) {
  PINEAL_ASSIGN_OR_RETURN(store::ProposalRecord record, store_.GetProposal(patient, id));
  PINEAL_ASSIGN_OR_RETURN(monitor::TitrationProposal p, ProposalFromJson(record.proposal_json));
  return StoredProposal{std::move(record), std::move(p)};
}

Result<std::vector<StoredProposal>> Monitoring::ListProposals(const Actor& actor,
                                                              PatientId patient) {
  return AuditedRead<std::vector<StoredProposal>>(
      actor, "titration.list", patient, [&]() -> Result<std::vector<StoredProposal>> {
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));  // clinicians only
        PINEAL_ASSIGN_OR_RETURN(auto records, store_.ListProposals(patient));
        std::vector<StoredProposal> out;
        for (auto& r : records) {
          PINEAL_ASSIGN_OR_RETURN(monitor::TitrationProposal p, ProposalFromJson(r.proposal_json));
          out.push_back({std::move(r), std::move(p)});
        }
        return out;
      });
}

Result<StoredProposal> Monitoring::DecideProposal(const Actor& actor, PatientId patient,
                                                  std::int64_t id, ProposalDecisionDraft draft,
                                                  ScreeningReport* report) {
  auto result = AuditedWrite<StoredProposal>(
      actor, "titration." + draft.decision, patient,
      [&]() -> Result<StoredProposal> {
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));  // clinicians only
        if (draft.decision != "approve" && draft.decision != "reject") {
          return Status::InvalidArgument(
              "'" + draft.decision + "' is not a decision; use approve or reject", "decision");
        }
        PINEAL_RETURN_IF_ERROR(records::CheckOptionalText(draft.reason, "reason", 2000));
        if (draft.decision == "reject" && draft.reason.size() < kMinReason) {
          return Status::InvalidArgument("must say why the proposal is rejected (at least " +
                                             std::to_string(kMinReason) + " characters)",
                                         "reason");
        }
        PINEAL_ASSIGN_OR_RETURN(StoredProposal stored, LoadProposal(patient, id));
        if (stored.record.decision) {
          return Status::Aborted(
              "proposal " + std::to_string(id) + " was already " +
              (stored.record.decision->decision == "approve" ? "approved" : "rejected") + " by " +
              stored.record.decision->by);
        }
        PINEAL_ASSIGN_OR_RETURN(records::Regimen regimen,
                                store_.GetRegimen(patient, stored.record.regimen_id));
        if (regimen.current().version != stored.record.regimen_version) {
          return Status::Aborted("the regimen has changed since the proposal (version " +
                                 std::to_string(stored.record.regimen_version) + ", now " +
                                 std::to_string(regimen.current().version) +
                                 "); ask for a new proposal");
        }
        const monitor::TitrationProposal& p = stored.proposal;
        // A proposal decided later than it was made applies from today.
        PINEAL_ASSIGN_OR_RETURN(records::Patient person, store_.GetPatient(patient));
        PINEAL_ASSIGN_OR_RETURN(LocalDate today, TodayFor(person));
        const LocalDate applies_from = p.applies_from < today ? today : p.applies_from;
        const std::string why = "titration proposal " + std::to_string(id) + " (" +
                                std::string(monitor::TitrationActionName(p.action)) + ", " +
                                p.protocol_id + ")" +
                                (draft.reason.empty() ? "" : ": " + draft.reason);
        store::ProposalDecision decision{draft.decision, draft.reason, std::nullopt, clock_.Now(),
                                         actor.name};
        Status st = store_.InTransaction([&]() -> Status {
          if (draft.decision == "approve" && ChangesTheRegimen(p.action)) {
            // The regimen changes here, in this transaction, with its own
            // audit row beside the decision's.
            if (p.action == monitor::TitrationAction::kStop) {
              PINEAL_ASSIGN_OR_RETURN(
                  records::Regimen stopped,
                  writes_.AppendStop(actor, patient, regimen, regimen.current().version,
                                     applies_from, why));
              PINEAL_RETURN_IF_ERROR(
                  AppendAuditRow(actor, "regimen.stop", patient, {}, AuditRecordIds(stopped)));
              decision.regimen_version = stopped.current().version;
            } else {
              records::RegimenVersion next = regimen.current();
              next.dose = p.dose;
              next.start_date = applies_from;
              next.end_date.reset();
              next.titration.clear();  // the approved dose replaces any planned steps
              next.reason = why;
              PINEAL_ASSIGN_OR_RETURN(
                  records::Regimen revised,
                  writes_.AppendRevision(actor, patient, regimen, regimen.current().version, next,
                                         draft.overrides, report));
              PINEAL_RETURN_IF_ERROR(AppendAuditRow(actor, "regimen.revise", patient,
                                                    OverrideDetail(next), AuditRecordIds(revised)));
              decision.regimen_version = revised.current().version;
            }
          }
          return store_.DecideProposal(id, decision);
        });
        PINEAL_RETURN_IF_ERROR(st);
        return LoadProposal(patient, id);
      },
      [&] {
        return "proposal " + std::to_string(id) + (draft.reason.empty() ? "" : ": " + draft.reason);
      });
  return result;
}

}  // namespace pineal::app
