#include "pineal/app/monitoring_inputs.h"

#include <cmath>

namespace pineal::app {
namespace {

const records::ObservationComponent* Component(const records::Observation& o,
                                               std::string_view code) {
  for (const auto& c : o.components) {
    if (c.code == code) return &c;
  }
  return nullptr;
}

// Item answers are the components without a prefix ("item9"); flags are
// "flag:..." and the proration note is "prorated_from".
bool IsItemAnswer(const records::ObservationComponent& c) {
  return c.value && c.code.find(':') == std::string::npos && c.code != "prorated_from";
}

}  // namespace

std::vector<monitor::ScoredResponse> ScoredResponsesOf(
    const std::vector<records::Observation>& observations) {
  std::vector<monitor::ScoredResponse> out;
  for (const auto& o : observations) {
    if (o.kind != records::ObservationKind::kInstrument || !o.value) continue;
    monitor::ScoredResponse r;
    r.id = o.id;
    r.code = o.code;
    r.observed_at = o.observed_at;
    r.total = *o.value;
    r.band_id = o.interpretation;
    for (const auto& c : o.components) {
      if (IsItemAnswer(c)) r.items[c.code] = static_cast<int>(std::lround(*c.value));
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<monitor::SideEffectReport> SideEffectsOf(
    const std::vector<records::Observation>& observations, std::string_view zone) {
  std::vector<monitor::SideEffectReport> out;
  for (const auto& o : observations) {
    if (o.kind != records::ObservationKind::kSideEffect || !o.value) continue;
    monitor::SideEffectReport s;
    s.id = o.id;
    s.effect = o.code == "other" && !o.text.empty() ? o.text : o.code;
    s.grade = static_cast<int>(std::lround(*o.value));
    s.onset = o.observed_at;
    if (const auto* onset = Component(o, "onset")) {
      if (auto t = ParseInstant(onset->text); t.ok()) {
        s.onset = *t;
      } else if (auto d = ParseDate(onset->text); d.ok()) {
        if (auto at = FromLocal(*d, TimeOfDay{}, zone); at.ok()) s.onset = *at;
      }
    }
    if (const auto* substance = Component(o, "suspected_substance")) s.substance = substance->text;
    if (const auto* ongoing = Component(o, "ongoing")) s.ongoing = ongoing->value.value_or(0) != 0;
    out.push_back(std::move(s));
  }
  return out;
}

std::optional<Instant> LastCheckIn(const std::vector<records::DoseEvent>& doses,
                                   const std::vector<records::Observation>& observations) {
  std::optional<Instant> last;
  auto see = [&](Instant t) {
    if (!last || t > *last) last = t;
  };
  for (const auto& d : doses) see(d.provenance.created_at);
  for (const auto& o : observations) see(o.provenance.created_at);
  return last;
}

}  // namespace pineal::app
