// Helpers shared by the ladder and the taper: planned amounts over versions,
// dated responses, attributed side effects, cautions, proposal assembly.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>

#include "pineal/kb/names.h"
#include "pineal/monitor/adherence_plan.h"
#include "pineal/monitor/titration_internal.h"

namespace pineal::monitor::titration_internal {

using std::chrono::days;
using std::chrono::sys_days;

LocalDate AddDays(LocalDate d, int n) { return LocalDate(sys_days(d) + days(n)); }

int DaysBetween(LocalDate from, LocalDate to) {
  return static_cast<int>((sys_days(to) - sys_days(from)).count());
}

std::string Num(double v) {
  char buf[32];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s(buf);
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
    return s;
  }
  return buf;
}

Mass InUnitOf(double base_mg, const Mass& like) {
  const Mass m = Mass::FromBase(base_mg);
  const auto value = m.In(like.unit());
  if (!value.ok()) return m;
  auto made = Mass::Make(*value, like.unit());
  return made.ok() ? *made : m;
}

Mass Times(const Mass& m, int n) { return InUnitOf(m.base() * n, m); }

std::optional<PlannedAmount> AmountOn(const records::Regimen& regimen, LocalDate day) {
  const records::RegimenVersion* v = VersionOn(regimen, day);
  // Neither a stopped version nor one pending a co-signature plans a dose.
  if (v == nullptr || v->status != records::RegimenStatus::kActive) return std::nullopt;
  if (v->end_date && sys_days(day) > sys_days(*v->end_date)) return std::nullopt;
  const int n = std::max<int>(1, static_cast<int>(v->times_of_day.size()));
  return PlannedAmount{PlannedDoseOn(*v, day), n};
}

Result<std::vector<DatedResponse>> ResponsesOf(const Context& c, std::string_view code) {
  std::vector<DatedResponse> out;
  for (const ScoredResponse& r : c.in.responses) {
    if (!SameSubstance(r.code, code)) continue;  // a case-insensitive comparison
    PINEAL_ASSIGN_OR_RETURN(LocalDateTime local, ToLocal(r.observed_at, c.in.patient.time_zone));
    if (sys_days(local.date) > sys_days(c.today)) continue;
    out.push_back({&r, local.date});
  }
  std::stable_sort(out.begin(), out.end(), [](const DatedResponse& a, const DatedResponse& b) {
    return a.response->observed_at < b.response->observed_at;
  });
  return out;
}

Result<std::vector<CountedSideEffect>> CountedSideEffects(const Context& c, LocalDate since) {
  std::vector<CountedSideEffect> out;
  for (const SideEffectReport& s : c.in.side_effects) {
    if (!SameSubstance(s.substance, c.in.regimen.substance)) continue;
    PINEAL_ASSIGN_OR_RETURN(LocalDateTime onset, ToLocal(s.onset, c.in.patient.time_zone));
    if (sys_days(onset.date) > sys_days(c.today)) continue;
    if (!s.ongoing && sys_days(onset.date) < sys_days(since)) continue;
    const auto then = AmountOn(c.in.regimen, onset.date);
    if (!then || c.current.daily() < then->daily()) continue;
    out.push_back({&s, onset.date});
  }
  return out;
}

bool CautionApplies(const kb::Caution& caution, const records::Patient& patient) {
  if (caution.pregnant_or_breastfeeding &&
      (patient.pregnancy == records::PregnancyStatus::kPregnant || patient.breastfeeding)) {
    return true;
  }
  for (const std::string& condition : patient.conditions) {
    const std::string name = kb::NormalizeName(condition);
    if (std::find(caution.conditions.begin(), caution.conditions.end(), name) !=
        caution.conditions.end()) {
      return true;
    }
  }
  return false;
}

TitrationProposal Start(const Context& c) {
  TitrationProposal p;
  p.protocol_id = c.protocol.id;
  p.protocol_title = c.protocol.title;
  p.refs = c.protocol.refs;
  p.regimen_id = c.in.regimen.id;
  p.regimen_version = c.version.version;
  p.action = TitrationAction::kHold;
  p.doses_per_day = c.current.doses_per_day;
  p.current_dose = c.current.per_dose;
  p.current_daily_dose = c.current.daily();
  SetDose(p, c.current.per_dose);
  p.applies_from = c.today;
  return p;
}

TitrationProposal Hold(const Context& c, std::string decided_by, std::string reason,
                       const kb::ProtocolSource& source) {
  TitrationProposal p = Start(c);
  p.decided_by = std::move(decided_by);
  p.reasons.push_back(std::move(reason));
  AddSource(p, source);
  return p;
}

std::optional<TitrationProposal> ReferForCaution(const Context& c) {
  for (const kb::Caution& caution : c.protocol.cautions) {
    if (caution.effect != kb::CautionEffect::kRefer || !CautionApplies(caution, c.in.patient))
      continue;
    TitrationProposal p =
        Hold(c, "caution", "refer: " + caution.message + " (caution " + caution.id + ").",
             caution.source);
    p.action = TitrationAction::kRefer;
    return p;
  }
  return std::nullopt;
}

void SetDose(TitrationProposal& p, const Mass& per_dose) {
  p.dose = per_dose;
  p.daily_dose = Times(per_dose, p.doses_per_day);
}

void AddSource(TitrationProposal& p, const kb::ProtocolSource& source) {
  for (const std::string& ref : source.refs) {
    if (std::find(p.refs.begin(), p.refs.end(), ref) == p.refs.end()) p.refs.push_back(ref);
  }
}

void AddEvidence(TitrationProposal& p, ObservationId id) {
  const Evidence e{EvidenceKind::kObservation, id.value()};
  if (std::find(p.evidence.begin(), p.evidence.end(), e) == p.evidence.end()) {
    p.evidence.push_back(e);
  }
}

}  // namespace pineal::monitor::titration_internal
