#include "pineal/app/proposal_codec.h"

#include <nlohmann/json.hpp>

namespace pineal::app {
namespace {

using nlohmann::json;

json OptDate(const std::optional<LocalDate>& d) { return d ? json(FormatDate(*d)) : json(nullptr); }

Result<Mass> MassAt(const json& j, const char* key) {
  auto m = Mass::Parse(j.at(key).get<std::string>());
  if (!m.ok())
    return Status::Internal(std::string("stored proposal: ") + key + ": " + m.status().message());
  return *m;
}

Result<LocalDate> DateAt(const json& j, const char* key) {
  auto d = ParseDate(j.at(key).get<std::string>());
  if (!d.ok())
    return Status::Internal(std::string("stored proposal: ") + key + ": " + d.status().message());
  return *d;
}

}  // namespace

json EvidenceToJson(const std::vector<monitor::Evidence>& evidence) {
  json out = json::array();
  for (const auto& e : evidence) {
    out.push_back({{"kind", std::string(monitor::EvidenceKindName(e.kind))}, {"id", e.id}});
  }
  return out;
}

json ProposalToJson(const monitor::TitrationProposal& p) {
  return json{
      {"protocol_id", p.protocol_id},
      {"protocol_title", p.protocol_title},
      {"refs", p.refs},
      {"regimen_id", p.regimen_id.value()},
      {"regimen_version", p.regimen_version},
      {"action", std::string(monitor::TitrationActionName(p.action))},
      {"decided_by", p.decided_by},
      {"current_dose", p.current_dose.ToString()},
      {"current_daily_dose", p.current_daily_dose.ToString()},
      {"dose", p.dose.ToString()},
      {"daily_dose", p.daily_dose.ToString()},
      {"doses_per_day", p.doses_per_day},
      {"applies_from", FormatDate(p.applies_from)},
      {"evaluate_on", OptDate(p.evaluate_on)},
      {"reasons", p.reasons},
      {"evidence", EvidenceToJson(p.evidence)},
      {"urgent", p.urgent},
      {"explicit_option", p.explicit_option ? json(p.explicit_option->ToString()) : json(nullptr)},
      {"needs_clinician_decision", p.needs_clinician_decision}};
}

Result<monitor::TitrationProposal> ProposalFromJson(const std::string& text) {
  json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return Status::Internal("stored proposal is not JSON");
  try {
    monitor::TitrationProposal p;
    p.protocol_id = j.at("protocol_id").get<std::string>();
    // Proposals stored before titles were kept show the id.
    p.protocol_title = j.value("protocol_title", p.protocol_id);
    p.refs = j.at("refs").get<std::vector<std::string>>();
    p.regimen_id = RegimenId(j.at("regimen_id").get<std::int64_t>());
    p.regimen_version = j.at("regimen_version").get<int>();
    const std::string action = j.at("action").get<std::string>();
    bool known = false;
    for (auto a : {monitor::TitrationAction::kIncrease, monitor::TitrationAction::kDecrease,
                   monitor::TitrationAction::kHold, monitor::TitrationAction::kTaper,
                   monitor::TitrationAction::kStop, monitor::TitrationAction::kRefer}) {
      if (monitor::TitrationActionName(a) == action) {
        p.action = a;
        known = true;
      }
    }
    if (!known) return Status::Internal("stored proposal: unknown action '" + action + "'");
    p.decided_by = j.at("decided_by").get<std::string>();
    PINEAL_ASSIGN_OR_RETURN(p.current_dose, MassAt(j, "current_dose"));
    PINEAL_ASSIGN_OR_RETURN(p.current_daily_dose, MassAt(j, "current_daily_dose"));
    PINEAL_ASSIGN_OR_RETURN(p.dose, MassAt(j, "dose"));
    PINEAL_ASSIGN_OR_RETURN(p.daily_dose, MassAt(j, "daily_dose"));
    p.doses_per_day = j.at("doses_per_day").get<int>();
    PINEAL_ASSIGN_OR_RETURN(p.applies_from, DateAt(j, "applies_from"));
    if (!j.at("evaluate_on").is_null()) {
      PINEAL_ASSIGN_OR_RETURN(LocalDate d, DateAt(j, "evaluate_on"));
      p.evaluate_on = d;
    }
    p.reasons = j.at("reasons").get<std::vector<std::string>>();
    for (const auto& e : j.at("evidence")) {
      const std::string kind = e.at("kind").get<std::string>();
      monitor::Evidence ev;
      ev.id = e.at("id").get<std::int64_t>();
      ev.kind = kind == "dose_event" ? monitor::EvidenceKind::kDoseEvent
                : kind == "regimen"  ? monitor::EvidenceKind::kRegimen
                                     : monitor::EvidenceKind::kObservation;
      p.evidence.push_back(ev);
    }
    p.urgent = j.at("urgent").get<bool>();
    if (!j.at("explicit_option").is_null()) {
      PINEAL_ASSIGN_OR_RETURN(Mass m, MassAt(j, "explicit_option"));
      p.explicit_option = m;
    }
    return p;
  } catch (const json::exception& e) {
    return Status::Internal(std::string("stored proposal: ") + e.what());
  }
}

}  // namespace pineal::app
