// Parses the sleep diary and the side-effect list of knowledge/instruments/,
// and the small readers the instrument parser shares.
#include <algorithm>
#include <set>
#include <utility>

#include "pineal/kb/instrument_parse.h"

namespace pineal::kb::instrument_yaml {

using catalog_yaml::EntryReader;

bool IsLowerId(std::string_view id) {
  if (id.empty() || id.front() < 'a' || id.front() > 'z') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
  });
}

std::vector<YAML::Node> ListOf(EntryReader& r, std::string_view key, bool required) {
  std::vector<YAML::Node> out;
  const YAML::Node n = r.Child(key);
  if (!n.IsDefined() || n.IsNull()) {
    if (required && r.is_map()) r.Error("missing '" + std::string(key) + "'");
    return out;
  }
  if (!n.IsSequence()) {
    r.Error(n, "'" + std::string(key) + "' must be a list");
    return out;
  }
  for (const auto& e : n) out.push_back(e);
  if (required && out.empty()) r.Error(n, "'" + std::string(key) + "' is empty");
  return out;
}

std::optional<std::vector<int>> IntList(EntryReader& r, std::string_view key) {
  const YAML::Node n = r.Child(key);
  if (!n.IsDefined() || !n.IsSequence() || n.size() == 0) {
    r.Error(n.IsDefined() ? n : YAML::Node(),
            "'" + std::string(key) + "' must be a non-empty list of whole numbers, e.g. [0, 1, 2]");
    return std::nullopt;
  }
  std::vector<int> out;
  for (const auto& e : n) {
    int v = 0;
    if (!e.IsScalar() || !YAML::convert<int>::decode(e, v)) {
      r.Error(e, "'" + std::string(key) + "' must hold whole numbers only");
      return std::nullopt;
    }
    out.push_back(v);
  }
  return out;
}

std::vector<AnswerAnchor> Anchors(EntryReader& r, std::string_view key, LintReport& report) {
  std::vector<AnswerAnchor> out;
  for (const YAML::Node& a : ListOf(r, key, false)) {
    EntryReader ar(a, r.file(), r.entry() + " anchor", report);
    if (!ar.is_map()) continue;
    ar.AllowKeys({"value", "label"});
    if (!ar.Child("value").IsDefined()) ar.Error("missing 'value'");
    AnswerAnchor anchor{ar.Integer("value").value_or(0), ar.Text("label")};
    out.push_back(std::move(anchor));
  }
  return out;
}

namespace {

std::optional<DiaryFieldKind> ParseFieldKind(std::string_view s) {
  if (s == "clock_time") return DiaryFieldKind::kClockTime;
  if (s == "minutes") return DiaryFieldKind::kMinutes;
  if (s == "count") return DiaryFieldKind::kCount;
  if (s == "rating") return DiaryFieldKind::kRating;
  if (s == "text") return DiaryFieldKind::kText;
  return std::nullopt;
}

// The fields and measures the diary engine computes with: the file must define them.
constexpr std::string_view kEngineFields[] = {"into_bed",
                                              "tried_to_sleep",
                                              "sleep_onset_latency",
                                              "awakenings",
                                              "wake_after_sleep_onset",
                                              "final_awakening",
                                              "out_of_bed",
                                              "quality"};
constexpr std::string_view kEngineMeasures[] = {"time_in_bed", "total_sleep_time",
                                                "sleep_onset_latency", "wake_after_sleep_onset",
                                                "sleep_efficiency"};

}  // namespace

std::optional<SleepDiaryDef> ParseSleepDiary(const YAML::Node& root, const std::string& file,
                                             LintReport& report) {
  EntryReader r(root, file, "sleep diary", report);
  if (!r.is_map()) return std::nullopt;
  r.AllowKeys({"id", "code", "name", "respondent", "recall_period", "licence", "refs", "fields",
               "derived", "thresholds", "entry_limits", "note"});
  SleepDiaryDef d;
  d.source_file = file;
  d.id = r.Text("id");
  d.code = r.Text("code");
  d.name = r.Text("name");
  d.recall_period = r.Text("recall_period");
  d.licence = r.Text("licence");
  d.refs = r.TextList("refs", /*required=*/true);
  for (const YAML::Node& n : ListOf(r, "fields", true)) {
    EntryReader fr(n, file, "sleep diary field", report);
    if (!fr.is_map()) continue;
    fr.AllowKeys({"id", "label", "kind", "required", "code", "min", "max", "anchors"});
    DiaryField f;
    f.id = fr.Text("id");
    f.label = fr.Text("label");
    f.kind =
        fr.Enum<DiaryFieldKind>("kind", ParseFieldKind, "clock_time, minutes, count, rating, text")
            .value_or(DiaryFieldKind::kText);
    f.required = fr.Boolean("required").value_or(true);
    f.code = fr.Text("code", false);
    f.min = fr.Integer("min");
    f.max = fr.Integer("max");
    if (f.kind == DiaryFieldKind::kRating && (!f.min || !f.max || *f.min >= *f.max)) {
      fr.Error("a rating needs whole-number 'min' below 'max'");
    }
    f.anchors = Anchors(fr, "anchors", report);
    if (d.FindField(f.id) != nullptr) fr.Error("duplicate field id '" + f.id + "'");
    d.fields.push_back(std::move(f));
  }
  for (const YAML::Node& n : ListOf(r, "derived", true)) {
    EntryReader mr(n, file, "sleep diary measure", report);
    if (!mr.is_map()) continue;
    mr.AllowKeys({"id", "label", "unit", "code", "loinc", "formula"});
    DiaryMeasure m{mr.Text("id"),   mr.Text("label"),        mr.Text("unit"),
                   mr.Text("code"), mr.Text("loinc", false), mr.Text("formula")};
    if (d.FindMeasure(m.id) != nullptr) mr.Error("duplicate measure id '" + m.id + "'");
    d.derived.push_back(std::move(m));
  }
  for (const YAML::Node& n : ListOf(r, "thresholds", false)) {
    EntryReader tr(n, file, "sleep diary threshold", report);
    if (!tr.is_map()) continue;
    tr.AllowKeys({"id", "measure", "above", "below", "label"});
    DiaryThreshold t{tr.Text("id"), tr.Text("measure"), tr.Number("above"), tr.Number("below"),
                     tr.Text("label")};
    if (t.above.has_value() == t.below.has_value())
      tr.Error("give exactly one of 'above' and 'below'");
    if (!t.measure.empty() && d.FindMeasure(t.measure) == nullptr) {
      tr.Error(n["measure"], "measure '" + t.measure + "' is not in 'derived'");
    }
    d.thresholds.push_back(std::move(t));
  }
  const YAML::Node limits = r.Child("entry_limits");
  if (limits.IsDefined()) {
    EntryReader lr(limits, file, "sleep diary entry_limits", report);
    if (lr.is_map()) {
      lr.AllowKeys({"max_time_in_bed_min"});
      d.max_time_in_bed_min = lr.Integer("max_time_in_bed_min").value_or(d.max_time_in_bed_min);
      if (d.max_time_in_bed_min < 60 || d.max_time_in_bed_min >= 24 * 60) {
        lr.Error("max_time_in_bed_min must be 60 to 1439");
      }
    }
  }
  for (std::string_view id : kEngineFields) {
    if (d.FindField(id) == nullptr)
      r.Error("missing field '" + std::string(id) + "' (the diary engine reads it)");
  }
  for (std::string_view id : kEngineMeasures) {
    if (d.FindMeasure(id) == nullptr) r.Error("missing derived measure '" + std::string(id) + "'");
  }
  return d;
}

std::optional<SideEffectList> ParseSideEffects(const YAML::Node& root, const std::string& file,
                                               LintReport& report) {
  EntryReader r(root, file, "side-effect list", report);
  if (!r.is_map()) return std::nullopt;
  r.AllowKeys({"grading", "effects"});
  SideEffectList list;
  list.source_file = file;
  const YAML::Node g = r.Child("grading");
  EntryReader gr(g, file, "grading", report);
  if (!g.IsDefined()) {
    r.Error("missing 'grading' (system, refs, grades)");
  } else if (gr.is_map()) {
    gr.AllowKeys({"system", "refs", "grades"});
    list.grading_system = gr.Text("system");
    list.grading_refs = gr.TextList("refs", /*required=*/true);
    for (const YAML::Node& n : ListOf(gr, "grades", true)) {
      EntryReader er(n, file, "grade", report);
      if (!er.is_map()) continue;
      er.AllowKeys({"grade", "id", "label"});
      SideEffectGrade grade{er.Integer("grade").value_or(0), er.Text("id"), er.Text("label")};
      const int expected = static_cast<int>(list.grades.size()) + 1;
      if (grade.grade != expected) {
        er.Error("grade is " + std::to_string(grade.grade) +
                 "; grades are listed 1, 2, ... in order (expected " + std::to_string(expected) +
                 ")");
      }
      list.grades.push_back(std::move(grade));
    }
  }
  std::set<std::string> ids;
  for (const YAML::Node& n : ListOf(r, "effects", true)) {
    EntryReader er(n, file, "side effect", report);
    if (!er.is_map()) continue;
    er.AllowKeys({"id", "label", "free_text", "reported_with", "note", "refs"});
    SideEffectDef e;
    e.id = er.Text("id");
    if (!e.id.empty() && !IsLowerId(e.id)) er.Error(n["id"], "id must be lower case (a-z, 0-9, _)");
    if (!e.id.empty() && !ids.insert(e.id).second)
      er.Error("duplicate side effect id '" + e.id + "'");
    e.label = er.Text("label");
    e.free_text = er.Boolean("free_text").value_or(false);
    e.note = er.Text("note", false);
    e.refs = er.TextList("refs");
    if (!er.Child("reported_with").IsDefined()) {
      er.Error("missing 'reported_with' ([] when no substance is sourced)");
    }
    for (const YAML::Node& s : ListOf(er, "reported_with", false)) {
      EntryReader sr(s, file, er.entry() + " source", report);
      if (!sr.is_map()) continue;
      sr.AllowKeys({"substance", "refs"});
      SideEffectSource src{sr.Text("substance"), sr.TextList("refs", /*required=*/true)};
      e.reported_with.push_back(std::move(src));
    }
    if (e.reported_with.empty() && !e.free_text && e.note.empty()) {
      er.Error("no substance is linked: add a 'note' saying why the effect is listed");
    }
    list.effects.push_back(std::move(e));
  }
  return list;
}

}  // namespace pineal::kb::instrument_yaml
