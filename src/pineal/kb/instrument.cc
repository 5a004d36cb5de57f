#include "pineal/kb/instrument.h"

#include <algorithm>

#include "pineal/kb/instrument_diary.h"
#include "pineal/kb/instrument_side_effects.h"

namespace pineal::kb {

std::string_view RespondentName(Respondent r) {
  return r == Respondent::kClinician ? "clinician" : "self";
}

std::optional<Respondent> ParseRespondent(std::string_view text) {
  if (text == "self") return Respondent::kSelf;
  if (text == "clinician") return Respondent::kClinician;
  return std::nullopt;
}

namespace {
constexpr std::string_view kSeverityNames[] = {"none", "mild", "moderate", "moderately_severe",
                                               "severe"};
}  // namespace

std::string_view SeverityLevelName(SeverityLevel s) { return kSeverityNames[static_cast<int>(s)]; }

std::optional<SeverityLevel> ParseSeverityLevel(std::string_view text) {
  for (int i = 0; i < 5; ++i) {
    if (kSeverityNames[i] == text) return static_cast<SeverityLevel>(i);
  }
  return std::nullopt;
}

std::string_view ScoringMethodName(ScoringMethod m) {
  return m == ScoringMethod::kMean ? "mean" : "sum";
}

std::optional<ScoringMethod> ParseScoringMethod(std::string_view text) {
  if (text == "sum") return ScoringMethod::kSum;
  if (text == "mean") return ScoringMethod::kMean;
  return std::nullopt;
}

std::string_view MissingActionName(MissingAction a) {
  return a == MissingAction::kProrate ? "prorate" : "reject";
}

bool InstrumentItem::Allows(int value) const {
  return std::binary_search(allowed_values.begin(), allowed_values.end(), value);
}

const InstrumentItem* InstrumentDef::FindItem(std::string_view item_id) const {
  for (const auto& item : items) {
    if (item.id == item_id) return &item;
  }
  return nullptr;
}

const Subscale* InstrumentDef::FindSubscale(std::string_view subscale_id) const {
  for (const auto& s : subscales) {
    if (s.id == subscale_id) return &s;
  }
  return nullptr;
}

const InstrumentItem* InstrumentDef::ItemByNumber(int number) const {
  for (const auto& item : items) {
    if (item.number == number) return &item;
  }
  return nullptr;
}

const ScoreBand* InstrumentDef::BandFor(int total) const {
  for (const auto& band : bands) {
    if (total >= band.from && total <= band.to) return &band;
  }
  return nullptr;
}

std::vector<std::string> CitedRefs(const InstrumentDef& def) {
  std::vector<std::string> out = def.refs;
  for (const auto& f : def.flags) out.insert(out.end(), f.refs.begin(), f.refs.end());
  if (def.change) out.insert(out.end(), def.change->refs.begin(), def.change->refs.end());
  return out;
}

const DiaryField* SleepDiaryDef::FindField(std::string_view field_id) const {
  for (const auto& f : fields) {
    if (f.id == field_id) return &f;
  }
  return nullptr;
}

const DiaryMeasure* SleepDiaryDef::FindMeasure(std::string_view measure_id) const {
  for (const auto& m : derived) {
    if (m.id == measure_id) return &m;
  }
  return nullptr;
}

const SideEffectDef* SideEffectList::Find(std::string_view id) const {
  for (const auto& e : effects) {
    if (e.id == id) return &e;
  }
  return nullptr;
}

const SideEffectGrade* SideEffectList::Grade(int grade) const {
  for (const auto& g : grades) {
    if (g.grade == grade) return &g;
  }
  return nullptr;
}

}  // namespace pineal::kb
