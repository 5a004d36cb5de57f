#include "pineal/monitor/titration.h"

#include <algorithm>
#include <chrono>

#include "pineal/kb/grading.h"
#include "pineal/kb/names.h"
#include "pineal/monitor/adherence_plan.h"
#include "pineal/monitor/titration_internal.h"

namespace pineal::monitor {
namespace {

using std::chrono::sys_days;
using titration_internal::AddDays;
using titration_internal::AmountOn;

bool IndicationMatches(const kb::Protocol& p, const std::string& indication) {
  const std::string name = kb::NormalizeName(indication);
  if (name.empty()) return false;
  const auto parsed = kb::ParseIndication(name);
  for (const std::string& candidate : p.indications) {
    if (candidate == name) return true;
    if (parsed && kb::ParseIndication(candidate) == parsed) return true;
  }
  return false;
}

// The first day of the amount planned today, going back over titration steps
// and versions while the daily amount stays the same. Bounded to ten years.
LocalDate AmountSince(const records::Regimen& regimen, LocalDate today,
                      const titration_internal::PlannedAmount& current) {
  LocalDate since = today;
  for (int i = 0; i < 3660; ++i) {
    const LocalDate before = AddDays(since, -1);
    const auto amount = AmountOn(regimen, before);
    if (!amount || amount->per_dose != current.per_dose ||
        amount->doses_per_day != current.doses_per_day) {
      break;
    }
    since = before;
  }
  return since;
}

// No step-up while an urgent alert stands: the clinician deals with it first.
TitrationProposal HoldForUrgentAlerts(TitrationProposal p, const TitrationInputs& inputs) {
  if (p.action != TitrationAction::kIncrease || inputs.urgent_alerts.empty()) return p;
  std::string alerts;
  for (const UnresolvedAlert& a : inputs.urgent_alerts) {
    alerts += (alerts.empty() ? "" : "; ") + a.title + " (" + a.rule_id + ", open since " +
              FormatInstant(a.opened_at) + ")";
  }
  p.reasons.insert(p.reasons.begin(), "Held: the protocol would step up to " + p.dose.ToString() +
                                          ", but an urgent alert is not resolved: " + alerts +
                                          ". No increase is proposed until it is.");
  p.action = TitrationAction::kHold;
  p.decided_by = "urgent_alert";
  p.dose = p.current_dose;
  p.daily_dose = p.current_daily_dose;
  return p;
}

}  // namespace

std::string_view TitrationActionName(TitrationAction action) {
  switch (action) {
    case TitrationAction::kIncrease: return "increase";
    case TitrationAction::kDecrease: return "decrease";
    case TitrationAction::kHold: return "hold";
    case TitrationAction::kTaper: return "taper";
    case TitrationAction::kStop: return "stop";
    case TitrationAction::kRefer: return "refer";
  }
  return "?";
}

const kb::Protocol* ProtocolFor(const kb::ProtocolSet& protocols, const records::Regimen& regimen) {
  if (regimen.versions.empty()) return nullptr;
  const std::string substance = kb::NormalizeName(regimen.substance);
  for (const kb::Protocol& p : protocols.protocols) {
    if (p.substance == substance && IndicationMatches(p, regimen.current().indication)) return &p;
  }
  return nullptr;
}

Result<TitrationProposal> ProposeTitration(const kb::Protocol& protocol,
                                           const TitrationInputs& inputs, LocalDate today) {
  const records::Regimen& regimen = inputs.regimen;
  if (kb::NormalizeName(regimen.substance) != protocol.substance) {
    return Status::InvalidArgument("protocol " + protocol.id + " is for " + protocol.substance +
                                       ", not for " + regimen.substance,
                                   "substance");
  }
  PINEAL_RETURN_IF_ERROR(ValidateTimeZone(inputs.patient.time_zone));
  if (!today.ok()) return Status::InvalidArgument("today is not a calendar date", "today");
  const records::RegimenVersion* version = VersionOn(regimen, today);
  if (version == nullptr) {
    return Status::FailedPrecondition("regimen " + regimen.id.ToString() + " has no version on " +
                                      FormatDate(today) + " (it has not started)");
  }
  const auto current = AmountOn(regimen, today);
  if (!current) {
    return Status::FailedPrecondition("regimen " + regimen.id.ToString() +
                                      " is stopped or ended on " + FormatDate(today) +
                                      ": nothing to titrate");
  }
  std::optional<int> age;
  if (inputs.patient.birth_date) age = AgeInYears(*inputs.patient.birth_date, today);
  if (age && protocol.min_age_years && *age < *protocol.min_age_years) {
    return Status::FailedPrecondition("protocol " + protocol.id + " is for patients aged " +
                                      std::to_string(*protocol.min_age_years) +
                                      " or over; the patient is " + std::to_string(*age));
  }
  const titration_internal::Context c{
      protocol, inputs, today, *version, *current, AmountSince(regimen, today, *current), age};
  Result<TitrationProposal> proposal = Status::Internal("unknown protocol kind");
  switch (protocol.kind) {
    case kb::ProtocolKind::kLadder: proposal = titration_internal::ProposeLadder(c); break;
    case kb::ProtocolKind::kTaper: proposal = titration_internal::ProposeTaper(c); break;
  }
  if (!proposal.ok()) return proposal;
  return HoldForUrgentAlerts(std::move(proposal).value(), inputs);
}

}  // namespace pineal::monitor
