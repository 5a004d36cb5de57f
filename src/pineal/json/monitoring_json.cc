#include "pineal/json/monitoring_json.h"

#include "pineal/app/proposal_codec.h"
#include "pineal/json/json_reader.h"
#include "pineal/json/records_json.h"
#include "pineal/json/safety_json.h"

namespace pineal::codec {

using nlohmann::json;

namespace {

// The stored JSON text of an alert's evidence and references.
json StoredJson(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  return j.is_discarded() ? json::array() : j;
}

}  // namespace

json AlertJson(const store::AlertRecord& a) {
  json history = json::array();
  for (const auto& h : a.history) {
    history.push_back(
        {{"status", h.status}, {"at", FormatInstant(h.at)}, {"by", h.by}, {"note", h.note}});
  }
  return json{{"id", a.id},
              {"patient_id", a.patient_id.value()},
              {"rule_id", a.rule_id},
              {"severity", a.severity},
              {"title", a.title},
              {"message", a.message},
              {"status", a.history.empty() ? "open" : a.status()},
              {"evidence", StoredJson(a.evidence_json)},
              {"refs", StoredJson(a.refs_json)},
              {"created_at", FormatInstant(a.provenance.created_at)},
              {"escalation", a.escalation_due ? json{{"due_at", FormatInstant(*a.escalation_due)},
                                                     {"escalated", a.escalated}}
                                              : json(nullptr)},
              {"history", history}};
}

json DueReviewJson(const monitor::DueReview& d, RegimenId regimen, const std::string& substance) {
  return json{{"regimen_id", regimen.value()},
              {"substance", substance},
              {"date", FormatDate(d.date)},
              {"planned", FormatDate(d.planned)},
              {"rule_id", d.rule_id},
              {"reason", d.reason},
              {"overdue", d.overdue},
              {"days_overdue", d.days_overdue},
              {"review_id", d.review_id ? json(*d.review_id) : json(nullptr)}};
}

json ReviewActionJson(const store::ReviewAction& a) {
  return json{{"id", a.id},
              {"regimen_id", a.regimen_id.value()},
              {"due", FormatDate(a.due)},
              {"action", a.action},
              {"date", OptDate(a.date)},
              {"note", a.note},
              {"created_at", FormatInstant(a.provenance.created_at)},
              {"created_by", a.provenance.created_by}};
}

json PatientReviewsJson(const app::PatientReviews& r) {
  json items = json::array();
  json notes = json::array();
  for (const auto& reg : r.regimens) {
    for (const auto& d : reg.schedule.due)
      items.push_back(DueReviewJson(d, reg.regimen_id, reg.substance));
    for (const auto& n : reg.schedule.notes) notes.push_back(reg.substance + ": " + n);
  }
  json history = json::array();
  for (const auto& a : r.history) history.push_back(ReviewActionJson(a));
  return json{{"items", items}, {"history", history}, {"notes", notes}};
}

json PatientQuestionnairesJson(const app::PatientQuestionnaires& q) {
  json items = json::array();
  for (const auto& [due, def] : q.items) {
    json rules = json::array();
    for (const kb::QuestionnaireRule* r : due.rules) {
      rules.push_back({{"id", r->id}, {"title", r->title}});
    }
    items.push_back({{"instrument", def->id},
                     {"code", def->code},
                     {"name", def->name},
                     {"respondent", std::string(kb::RespondentName(def->respondent))},
                     {"date", FormatDate(due.date)},
                     {"opens", FormatDate(due.opens)},
                     {"state", monitor::DueStateName(due.state)},
                     {"days_overdue", due.days_overdue},
                     {"reason", due.reason},
                     {"rules", rules}});
  }
  return json{{"today", FormatDate(q.today)}, {"items", items}, {"notes", q.notes}};
}

json AdherenceCountsJson(const monitor::AdherenceCounts& c) {
  auto pct = c.percent_taken();
  return json{{"planned", c.planned},
              {"taken", c.taken},
              {"taken_late", c.taken_late},
              {"missed", c.missed},
              {"skipped", c.skipped},
              {"extra", c.extra},
              {"above_planned", c.above_planned},
              {"percent_taken", pct ? json(*pct) : json(nullptr)}};
}

json AdherenceJson(const app::AdherenceAnswer& a) {
  json days = json::array();
  for (const auto& d : a.report.days) {
    json j = AdherenceCountsJson(d.counts);
    j["date"] = FormatDate(d.date);
    days.push_back(j);
  }
  json weeks = json::array();
  for (const auto& w : a.report.weeks) {
    json j = AdherenceCountsJson(w.counts);
    j["iso_year"] = w.iso_year;
    j["iso_week"] = w.iso_week;
    weeks.push_back(j);
  }
  json regimens = json::array();
  for (const auto& r : a.report.regimens) {
    json j = AdherenceCountsJson(r.counts);
    j["regimen_id"] = r.regimen_id.value();
    j["substance"] = r.substance;
    regimens.push_back(j);
  }
  return json{{"from", FormatInstant(a.from)},
              {"to", FormatInstant(a.to)},
              {"threshold_percent", a.threshold_percent},
              {"total", AdherenceCountsJson(a.report.total)},
              {"days", days},
              {"weeks", weeks},
              {"regimens", regimens}};
}

json ProposalJson(const app::StoredProposal& p) {
  json j = app::ProposalToJson(p.proposal);
  j["id"] = p.record.id;
  j["patient_id"] = p.record.patient_id.value();
  j["created_at"] = FormatInstant(p.record.provenance.created_at);
  j["created_by"] = p.record.provenance.created_by;
  if (p.record.decision) {
    const auto& d = *p.record.decision;
    j["status"] = d.decision == "approve" ? "approved" : "rejected";
    j["decision"] = {
        {"decision", d.decision},
        {"by", d.by},
        {"at", FormatInstant(d.at)},
        {"reason", d.reason},
        {"regimen_version", d.regimen_version ? json(*d.regimen_version) : json(nullptr)}};
  } else {
    j["status"] = "pending";
    j["decision"] = nullptr;
  }
  return j;
}

Status ApplyAlertStatusJson(const json& body, std::string* status, std::string* note) {
  JsonReader r(body);
  PINEAL_RETURN_IF_ERROR(r.Get("status", status, Need::kRequired));
  PINEAL_RETURN_IF_ERROR(r.Get("note", note));
  return r.RejectUnknown();
}

Status ApplyReviewActionJson(const json& body, store::ReviewAction* action) {
  JsonReader r(body);
  PINEAL_RETURN_IF_ERROR(r.Get("due", &action->due, Need::kRequired));
  PINEAL_RETURN_IF_ERROR(r.Get("action", &action->action, Need::kRequired));
  PINEAL_RETURN_IF_ERROR(r.Get("date", &action->date));
  PINEAL_RETURN_IF_ERROR(r.Get("note", &action->note));
  return r.RejectUnknown();
}

Status ApplyDecisionJson(const json& body, app::ProposalDecisionDraft* draft) {
  JsonReader r(body);
  PINEAL_RETURN_IF_ERROR(r.Get("decision", &draft->decision, Need::kRequired));
  PINEAL_RETURN_IF_ERROR(r.Get("reason", &draft->reason));
  if (const json* o = r.Raw("overrides"); o != nullptr && !o->is_null()) {
    PINEAL_ASSIGN_OR_RETURN(draft->overrides, OverridesFromJson(*o));
  }
  return r.RejectUnknown();
}

}  // namespace pineal::codec
