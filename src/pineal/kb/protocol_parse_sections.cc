// knowledge/protocols/<name>.yaml: the sections of a ladder (evaluation,
// ladders, response, remission), of a taper (taper, withdrawal), and those
// both share (side_effects, adherence, cautions).
#include <algorithm>

#include "pineal/kb/names.h"
#include "pineal/kb/protocol_parse.h"

namespace pineal::kb::protocol_yaml {
namespace {

// The section map `key` of `root`, reported when missing or not a map.
std::optional<SectionReader> Section(SectionReader& root, const char* key, bool required) {
  const YAML::Node n = root.Child(key);
  if (!n.IsDefined() || n.IsNull()) {
    if (required) root.Error(std::string("missing section '") + key + "'");
    return std::nullopt;
  }
  if (!n.IsMap()) {
    root.Error(n, std::string("'") + key + "' must be a map of fields");
    return std::nullopt;
  }
  return SectionReader(root.entry(), n, key);
}

// Days: 1 to 3660 (ten years), as the follow-up rules allow.
constexpr int kMaxDays = 3660;

void ParseLadder(SectionReader& s, const KnownRefs& known, Ladder& l) {
  s.AllowKeys({"id", "min_age_years", "steps", "explicit_steps", "refs", "policy", "note"});
  l.id = s.Text("id");
  l.min_age_years = s.Integer("min_age_years", false, 0, 130);
  l.steps = s.MassList("steps", true);
  l.explicit_steps = s.MassList("explicit_steps", false);
  if (!l.steps.empty() && !l.explicit_steps.empty() &&
      !(l.steps.back() < l.explicit_steps.front())) {
    s.Error(s.Child("explicit_steps"), "'" + s.Field("explicit_steps") +
                                           "' must start above the ceiling (the last step, " +
                                           l.steps.back().ToString() + ")");
  }
  l.source = s.Source(known);
}

}  // namespace

void ParseLadderSections(SectionReader& root, const KnownRefs& known, Protocol& p) {
  if (auto s = Section(root, "evaluation", true)) {
    s->AllowKeys({"window_days", "refs", "policy", "note"});
    p.evaluation.window_days = s->Integer("window_days", true, 1, kMaxDays).value_or(0);
    p.evaluation.source = s->Source(known);
  }

  const YAML::Node ladders = root.Child("ladders");
  if (!ladders.IsDefined() || ladders.IsNull()) {
    root.Error("missing section 'ladders'");
  } else if (!ladders.IsSequence() || ladders.size() == 0) {
    root.Error(ladders, "'ladders' must be a non-empty list of ladders");
  } else {
    for (std::size_t i = 0; i < ladders.size(); ++i) {
      const std::string path = "ladders[" + std::to_string(i) + "]";
      if (!ladders[i].IsMap()) {
        root.Error(ladders[i], "'" + path + "' must be a map of fields");
        continue;
      }
      SectionReader s(root.entry(), ladders[i], path);
      Ladder l;
      ParseLadder(s, known, l);
      for (const Ladder& other : p.ladders) {
        if (!l.id.empty() && other.id == l.id)
          s.Error(s.Child("id"), "duplicate ladder id '" + l.id + "'");
        if (other.min_age_years == l.min_age_years) {
          s.Error(s.Child("min_age_years"),
                  "two ladders apply from the same age ('" + other.id + "' and '" + l.id + "')");
        }
      }
      p.ladders.push_back(std::move(l));
    }
    const auto defaults = std::count_if(p.ladders.begin(), p.ladders.end(),
                                        [](const Ladder& l) { return !l.min_age_years; });
    if (!p.ladders.empty() && defaults == 0) {
      root.Error(ladders, "one ladder must have no 'min_age_years' (the default ladder)");
    }
  }

  if (auto s = Section(root, "response", true)) {
    s->AllowKeys({"instrument", "min_fall", "remission_below", "refs", "policy", "note"});
    p.response.instrument = s->Text("instrument");
    p.response.min_fall = s->Number("min_fall", true, 1, 1000).value_or(0);
    p.response.remission_below = s->Number("remission_below", true, 1, 1000).value_or(0);
    p.response.source = s->Source(known);
  }
  if (auto s = Section(root, "remission", true)) {
    s->AllowKeys({"sustained_days", "refs", "policy", "note"});
    p.remission.sustained_days = s->Integer("sustained_days", true, 1, kMaxDays).value_or(0);
    p.remission.source = s->Source(known);
  }
}

void ParseTaperSections(SectionReader& root, const KnownRefs& known, Protocol& p) {
  if (auto s = Section(root, "taper", true)) {
    s->AllowKeys({"reduce_percent", "step_days", "stop_at_or_below_daily", "round_down_to", "refs",
                  "policy", "note"});
    // Above 50% a "taper" is close to stopping at once.
    p.taper.reduce_fraction = s->Number("reduce_percent", true, 1, 50).value_or(0) / 100.0;
    p.taper.step_days = s->Integer("step_days", true, 1, kMaxDays).value_or(0);
    p.taper.stop_at_or_below_daily = s->MassValue("stop_at_or_below_daily", true).value_or(Mass());
    p.taper.round_down_to = s->MassValue("round_down_to", true).value_or(Mass());
    if (p.taper.round_down_to.base() > 0 && p.taper.stop_at_or_below_daily.base() > 0 &&
        !(p.taper.round_down_to < p.taper.stop_at_or_below_daily)) {
      s->Error(s->Child("round_down_to"),
               "'taper.round_down_to' must be below "
               "'taper.stop_at_or_below_daily'");
    }
    p.taper.source = s->Source(known);
  }
  if (auto s = Section(root, "withdrawal", true)) {
    s->AllowKeys({"instrument", "hold_at_or_above", "refer_at_or_above", "rising_instrument",
                  "refs", "policy", "note"});
    p.withdrawal.instrument = s->Text("instrument");
    p.withdrawal.hold_at_or_above = s->Number("hold_at_or_above", true, 1, 1000).value_or(0);
    p.withdrawal.refer_at_or_above = s->Number("refer_at_or_above", true, 1, 1000).value_or(0);
    if (p.withdrawal.hold_at_or_above > 0 && p.withdrawal.refer_at_or_above > 0 &&
        p.withdrawal.refer_at_or_above <= p.withdrawal.hold_at_or_above) {
      s->Error(s->Child("refer_at_or_above"),
               "'withdrawal.refer_at_or_above' must be above 'withdrawal.hold_at_or_above'");
    }
    p.withdrawal.rising_instrument = s->Text("rising_instrument", false);
    p.withdrawal.source = s->Source(known);
  }
}

void ParseSharedSections(SectionReader& root, const KnownRefs& known, Protocol& p) {
  if (auto s = Section(root, "side_effects", true)) {
    s->AllowKeys(
        {"step_down_min_grade", "stop_min_grade", "refer_min_grade", "refs", "policy", "note"});
    auto& se = p.side_effects;
    se.step_down_min_grade = s->Integer("step_down_min_grade", false, 1, 5);
    se.stop_min_grade = s->Integer("stop_min_grade", false, 1, 5);
    se.refer_min_grade = s->Integer("refer_min_grade", false, 1, 5);
    if (!se.step_down_min_grade && !se.stop_min_grade && !se.refer_min_grade &&
        !s->Has("step_down_min_grade") && !s->Has("stop_min_grade") && !s->Has("refer_min_grade")) {
      s->Error(
          "'side_effects' needs at least one of step_down_min_grade, stop_min_grade, "
          "refer_min_grade");
    }
    if (se.step_down_min_grade && se.stop_min_grade &&
        *se.stop_min_grade <= *se.step_down_min_grade) {
      s->Error(s->Child("stop_min_grade"),
               "'side_effects.stop_min_grade' must be above 'side_effects.step_down_min_grade'");
    }
    if (p.kind == ProtocolKind::kTaper && se.step_down_min_grade) {
      s->Error(s->Child("step_down_min_grade"),
               "a taper already steps down: use refer_min_grade or stop_min_grade");
    }
    se.source = s->Source(known);
  }
  if (auto s = Section(root, "adherence", true)) {
    s->AllowKeys({"min_percent", "refs", "policy", "note"});
    p.adherence.min_percent = s->Number("min_percent", true, 0, 100).value_or(0);
    p.adherence.source = s->Source(known);
  }

  const YAML::Node cautions = root.Child("cautions");
  if (!cautions.IsDefined() || cautions.IsNull()) return;
  if (!cautions.IsSequence()) {
    root.Error(cautions, "'cautions' must be a list");
    return;
  }
  for (std::size_t i = 0; i < cautions.size(); ++i) {
    const std::string path = "cautions[" + std::to_string(i) + "]";
    if (!cautions[i].IsMap()) {
      root.Error(cautions[i], "'" + path + "' must be a map of fields");
      continue;
    }
    SectionReader s(root.entry(), cautions[i], path);
    s.AllowKeys({"id", "when", "effect", "message", "refs", "policy", "note"});
    Caution c;
    c.id = s.Text("id");
    for (const Caution& other : p.cautions) {
      if (!c.id.empty() && other.id == c.id)
        s.Error(s.Child("id"), "duplicate caution id '" + c.id + "'");
    }
    const YAML::Node when = s.Child("when");
    if (!when.IsDefined() || !when.IsMap()) {
      s.Error(when, "'" + s.Field("when") +
                        "' must be a map with pregnant_or_breastfeeding: true and/or conditions");
    } else {
      SectionReader w(root.entry(), when, path + ".when");
      w.AllowKeys({"pregnant_or_breastfeeding", "conditions"});
      const YAML::Node pb = w.Child("pregnant_or_breastfeeding");
      if (pb.IsDefined()) {
        if (!pb.IsScalar() || pb.Scalar() != "true") {
          w.Error(pb, "'" + w.Field("pregnant_or_breastfeeding") + "' can only be true");
        }
        c.pregnant_or_breastfeeding = true;
      }
      c.conditions = w.TextList("conditions", false, /*normalise=*/true);
      if (!c.pregnant_or_breastfeeding && c.conditions.empty() && !w.Has("conditions")) {
        w.Error("'" + s.Field("when") + "' names no condition");
      }
    }
    const std::string effect = s.Text("effect");
    if (effect == "no_increase") {
      c.effect = CautionEffect::kNoIncrease;
      if (p.kind == ProtocolKind::kTaper) {
        s.Error(s.Child("effect"),
                "a taper never increases: 'no_increase' has no effect; use refer");
      }
    } else if (effect == "refer") {
      c.effect = CautionEffect::kRefer;
    } else if (!effect.empty()) {
      s.Error(s.Child("effect"),
              "'" + s.Field("effect") + "' is '" + effect + "'; allowed: no_increase, refer");
    }
    c.message = s.Text("message");
    c.source = s.Source(known);
    p.cautions.push_back(std::move(c));
  }
}

}  // namespace pineal::kb::protocol_yaml
