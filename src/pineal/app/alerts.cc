// Use cases: alerts. The rules of knowledge/rules/alerts.yaml are evaluated
// over the patient's record after every check-in write and on every read of
// alerts (so "no check-in for N days" fires without a write); the same rule
// on the same evidence opens one alert, whose status changes are appended.
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "pineal/app/monitoring_inputs.h"
#include "pineal/app/monitoring.h"
#include "pineal/app/proposal_codec.h"
#include "pineal/records/text_checks.h"

namespace pineal::app {
namespace {

Status CheckStatusFilter(const std::string& status) {
  if (status.empty() || status == "open" || status == "acknowledged" || status == "resolved") {
    return Status::Ok();
  }
  return Status::InvalidArgument(
      "'" + status + "' is not an alert status; use open, acknowledged, resolved or all", "status");
}

// An urgent alert still open (not acknowledged) escalates to the patient's
// whole care team once its rule's escalate_after_hours have passed.
void MarkEscalation(const kb::MonitoringRules* rules, store::AlertRecord& a, Instant now) {
  a.escalation_due.reset();
  a.escalated = false;
  if (rules == nullptr || a.severity != "urgent" || a.history.empty() || a.status() != "open") {
    return;
  }
  for (const kb::AlertRule& rule : rules->alerts.rules) {
    if (rule.id != a.rule_id || !rule.escalate_after_hours) continue;
    const auto after = std::chrono::round<std::chrono::seconds>(
        std::chrono::duration<double, std::ratio<3600>>(*rule.escalate_after_hours));
    a.escalation_due = a.provenance.created_at + after;
    a.escalated = now >= *a.escalation_due;
  }
}

constexpr std::string_view kPatientAlertsList = "alerts";
constexpr std::string_view kInboxList = "inbox";

// The store query of one page of alerts, newest first, one row more than
// asked (to tell whether another page follows).
Result<store::AlertQuery> AlertPage(const PageRequest& page, std::string_view list) {
  PINEAL_RETURN_IF_ERROR(CheckPageLimit(page.limit));
  PINEAL_ASSIGN_OR_RETURN(auto before, DecodeTimeKeyCursor(list, page.cursor));
  store::AlertQuery q;
  q.before = before;
  q.limit = page.limit + 1;
  return q;
}

}  // namespace

Result<PageOf<store::AlertRecord>> Monitoring::ListAlerts(const Actor& actor, PatientId patient,
                                                          const std::string& status,
                                                          const PageRequest& page) {
  return AuditedRead<PageOf<store::AlertRecord>>(
      actor, "alert.list", patient, [&]() -> Result<PageOf<store::AlertRecord>> {
        PINEAL_ASSIGN_OR_RETURN(auto q, AlertPage(page, kPatientAlertsList));
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));
        PINEAL_RETURN_IF_ERROR(CheckStatusFilter(status));
        PINEAL_RETURN_IF_ERROR(alerts_.RefreshAlerts(patient));
        q.patient = patient;
        q.status = status;
        PINEAL_ASSIGN_OR_RETURN(auto alerts, store_.ListAlerts(q));
        for (auto& a : alerts) MarkEscalation(knowledge_.rules, a, clock_.Now());
        return TakePage(std::move(alerts), page.limit, [](const store::AlertRecord& a) {
          return EncodeTimeKeyCursor(kPatientAlertsList, {a.provenance.created_at, a.id});
        });
      });
}

Result<PageOf<InboxAlert>> Monitoring::AlertInbox(const Actor& actor, const std::string& status,
                                                  const PageRequest& page) {
  auto result = [&]() -> Result<PageOf<InboxAlert>> {
    PINEAL_ASSIGN_OR_RETURN(auto q, AlertPage(page, kInboxList));
    if (actor.role != Role::kClinician || !actor.user_id) {
      return Status::PermissionDenied("the alert inbox is a clinician's");
    }
    PINEAL_RETURN_IF_ERROR(CheckStatusFilter(status));
    store::PatientQuery pq;
    pq.care_team_of = actor.user_id;
    pq.limit = 10000;
    PINEAL_ASSIGN_OR_RETURN(auto patients, store_.ListPatients(pq));
    std::map<std::int64_t, std::string> names;
    for (const auto& p : patients.items) {
      PINEAL_RETURN_IF_ERROR(alerts_.RefreshAlerts(p.id));
      names[p.id.value()] = p.display_name;
    }
    q.care_team_of = actor.user_id;
    q.status = status;
    PINEAL_ASSIGN_OR_RETURN(auto alerts, store_.ListAlerts(q));
    // Pages follow the store's order (newest first) so a cursor stays
    // stable; the ranking below orders the alerts within a page.
    auto taken = TakePage(std::move(alerts), page.limit, [](const store::AlertRecord& a) {
      return EncodeTimeKeyCursor(kInboxList, {a.provenance.created_at, a.id});
    });
    alerts = std::move(taken.items);
    std::vector<InboxAlert> out;
    for (auto& a : alerts) {
      MarkEscalation(knowledge_.rules, a, clock_.Now());
      const std::string name = names[a.patient_id.value()];
      out.push_back({std::move(a), name});
    }
    // Escalated first, then urgent, warnings and the rest; newest first within each.
    auto rank = [](const store::AlertRecord& a) {
      return a.escalated ? 0 : a.severity == "urgent" ? 1 : a.severity == "warning" ? 2 : 3;
    };
    std::stable_sort(out.begin(), out.end(), [&](const InboxAlert& x, const InboxAlert& y) {
      return rank(x.alert) < rank(y.alert);
    });
    return PageOf<InboxAlert>{std::move(out), std::move(taken.next_cursor)};
  }();
  std::vector<std::string> ids;
  if (result.ok()) {
    for (const auto& a : result->items) ids.push_back(AuditRecordId("alert", a.alert.id));
  }
  WithholdIfUnaudited(
      result, RecordAudit(actor, "alert.inbox", std::nullopt, result.status(), {}, std::move(ids)));
  return result;
}

Result<store::AlertRecord> Monitoring::ChangeAlertStatus(const Actor& actor, PatientId patient,
                                                         std::int64_t alert_id,
                                                         const std::string& status,
                                                         const std::string& note) {
  auto result = AuditedWrite<store::AlertRecord>(
      actor, "alert.status", patient,
      [&]() -> Result<store::AlertRecord> {
        PINEAL_RETURN_IF_ERROR(CheckCanWriteClinical(actor, patient));  // clinicians only
        if (status != "acknowledged" && status != "resolved") {
          return Status::InvalidArgument(
              "'" + status +
                  "' is not a status an alert can be given; use acknowledged or resolved",
              "status");
        }
        PINEAL_RETURN_IF_ERROR(records::CheckOptionalText(note, "note", 2000));
        if (status == "resolved" && note.size() < 3) {
          return Status::InvalidArgument("is required to resolve an alert: say what was done",
                                         "note");
        }
        PINEAL_ASSIGN_OR_RETURN(store::AlertRecord alert, store_.GetAlert(patient, alert_id));
        if (alert.status() == "resolved") {
          return Status::FailedPrecondition("alert " + std::to_string(alert_id) +
                                            " is already resolved");
        }
        if (alert.status() == status) {
          return Status::FailedPrecondition("alert " + std::to_string(alert_id) + " is already " +
                                            status);
        }
        PINEAL_RETURN_IF_ERROR(
            store_.AppendAlertStatus(alert_id, {status, note, clock_.Now(), actor.name}));
        return store_.GetAlert(patient, alert_id);
      },
      [&] {
        return "alert " + std::to_string(alert_id) + " -> " + status +
               (note.empty() ? "" : ": " + note);
      });
  return result;
}

}  // namespace pineal::app
