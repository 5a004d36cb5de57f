#include "pineal/json/instrument_json.h"

#include <nlohmann/json.hpp>

#include "pineal/monitor/answers_parse.h"

namespace pineal::codec {

nlohmann::json CodeToJson(const kb::CodeRef& c) { return {{"system", c.system}, {"code", c.code}}; }

nlohmann::json AnchorsToJson(const std::vector<kb::AnswerAnchor>& anchors) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : anchors) out.push_back({{"value", a.value}, {"label", a.label}});
  return out;
}

nlohmann::json BandToJson(const kb::ScoreBand& b) {
  return {{"id", b.id},
          {"label", b.label},
          {"severity", std::string(kb::SeverityLevelName(b.severity))},
          {"from", b.from},
          {"to", b.to}};
}

nlohmann::json InstrumentCodesToJson(const kb::InstrumentDef& def) {
  nlohmann::json codes = {{"total", CodeToJson(def.total_code)}};
  if (def.panel_code) codes["panel"] = CodeToJson(*def.panel_code);
  return codes;
}

nlohmann::json InstrumentDefToJson(const kb::InstrumentDef& def) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& it : def.items) {
    nlohmann::json item = {{"id", it.id},
                           {"number", it.number},
                           {"label", it.label},
                           {"wording", it.wording ? nlohmann::json(*it.wording) : nlohmann::json()},
                           {"values", it.allowed_values}};
    if (!it.anchors.empty()) item["anchors"] = AnchorsToJson(it.anchors);
    if (!it.subscale.empty()) item["subscale"] = it.subscale;
    items.push_back(std::move(item));
  }
  nlohmann::json bands = nlohmann::json::array();
  for (const auto& b : def.bands) bands.push_back(BandToJson(b));
  nlohmann::json flags = nlohmann::json::array();
  for (const auto& f : def.flags) {
    flags.push_back({{"id", f.id},
                     {"item", f.item_id},
                     {"at_least", f.at_least},
                     {"level", f.level},
                     {"message", f.message},
                     {"refs", f.refs}});
  }
  nlohmann::json j = {{"id", def.id},
                      {"code", def.code},
                      {"name", def.name},
                      {"aliases", def.aliases},
                      {"respondent", std::string(kb::RespondentName(def.respondent))},
                      {"recall_period", def.recall_period},
                      {"codes", InstrumentCodesToJson(def)},
                      {"licence", def.licence},
                      {"refs", def.refs},
                      {"answer_anchors", AnchorsToJson(def.answer_anchors)},
                      {"items", std::move(items)},
                      {"min", def.min_total},
                      {"max", def.max_total},
                      {"missing",
                       {{"max_missing", def.missing.max_missing},
                        {"action", std::string(kb::MissingActionName(def.missing.action))},
                        {"note", def.missing.note}}},
                      {"bands", std::move(bands)},
                      {"flags", std::move(flags)}};
  if (!def.wording_note.empty()) j["wording_note"] = def.wording_note;
  if (!def.no_bands_note.empty()) j["no_bands_note"] = def.no_bands_note;
  if (def.change) {
    nlohmann::json c = {{"refs", def.change->refs}};
    if (def.change->meaningful_drop) c["meaningful_drop"] = *def.change->meaningful_drop;
    if (def.change->remission_below) c["remission_below"] = *def.change->remission_below;
    j["change"] = std::move(c);
  }
  return j;
}

nlohmann::json InstrumentScoreToJson(const monitor::InstrumentScore& s,
                                     const kb::InstrumentDef& def) {
  nlohmann::json flags = nlohmann::json::array();
  for (const auto& f : s.flags) {
    flags.push_back({{"id", f.id},
                     {"item", f.item_id},
                     {"value", f.value},
                     {"level", f.level},
                     {"message", f.message},
                     {"refs", f.refs}});
  }
  nlohmann::json subs = nlohmann::json::array();
  for (const auto& sub : s.subscores) {
    subs.push_back({{"id", sub.id},
                    {"label", sub.label},
                    {"total", sub.total},
                    {"score", sub.score},
                    {"answered", sub.answered},
                    {"missing", sub.missing}});
  }
  nlohmann::json j = {{"instrument", s.instrument_id},
                      {"code", s.code},
                      {"name", def.name},
                      {"total", s.total},
                      {"score", s.score},
                      {"method", std::string(kb::ScoringMethodName(s.method))},
                      {"decimals", s.decimals},
                      {"raw_sum", s.raw_sum},
                      {"prorated", s.prorated},
                      {"min", s.min_total},
                      {"max", s.max_total},
                      {"unit", "{score}"},
                      {"band", s.band ? BandToJson(*s.band) : nlohmann::json()},
                      {"flags", std::move(flags)},
                      {"subscores", std::move(subs)},
                      {"answered", s.answered},
                      {"missing", s.missing},
                      {"missing_items", s.missing_items},
                      {"codes", InstrumentCodesToJson(def)},
                      {"refs", def.refs}};
  if (!def.no_bands_note.empty()) j["no_bands_note"] = def.no_bands_note;
  return j;
}

// {"time_in_bed": {"value", "unit", "code", "loinc"?}, ...} plus flags.
nlohmann::json SleepNightToJson(const monitor::SleepNight& n, const kb::SleepDiaryDef& def) {
  nlohmann::json measures = nlohmann::json::object();
  for (const auto& m : def.derived) {
    const auto value = n.Measure(m.id);
    if (!value) continue;
    nlohmann::json v = {{"value", *value}, {"unit", m.unit}, {"code", m.code}, {"label", m.label}};
    if (!m.loinc.empty()) v["loinc"] = m.loinc;
    measures[m.id] = std::move(v);
  }
  nlohmann::json flags = nlohmann::json::array();
  for (const auto& f : n.flags) {
    flags.push_back({{"id", f.id},
                     {"measure", f.measure},
                     {"label", f.label},
                     {"value", f.value},
                     {"threshold", f.threshold},
                     {"direction", f.above ? "above" : "below"}});
  }
  return {{"instrument", def.id},
          {"measures", std::move(measures)},
          {"awakenings", n.awakenings ? nlohmann::json(*n.awakenings) : nlohmann::json()},
          {"quality", n.quality ? nlohmann::json(*n.quality) : nlohmann::json()},
          {"crosses_midnight", n.crosses_midnight},
          {"disturbed", n.disturbed()},
          {"flags", std::move(flags)},
          {"refs", def.refs}};
}

nlohmann::json SideEffectsToJson(const kb::SideEffectList& list) {
  nlohmann::json effects = nlohmann::json::array();
  for (const auto& e : list.effects) {
    nlohmann::json with = nlohmann::json::array();
    for (const auto& s : e.reported_with)
      with.push_back({{"substance", s.substance}, {"refs", s.refs}});
    nlohmann::json j = {{"id", e.id},
                        {"label", e.label},
                        {"free_text", e.free_text},
                        {"reported_with", std::move(with)}};
    if (!e.note.empty()) j["note"] = e.note;
    if (!e.refs.empty()) j["refs"] = e.refs;
    effects.push_back(std::move(j));
  }
  nlohmann::json grades = nlohmann::json::array();
  for (const auto& g : list.grades)
    grades.push_back({{"grade", g.grade}, {"id", g.id}, {"label", g.label}});
  return {{"grading",
           {{"system", list.grading_system},
            {"refs", list.grading_refs},
            {"grades", std::move(grades)}}},
          {"effects", std::move(effects)}};
}

// "answers": {"item1": 2, "item9": null} by item id, [2, 1, null, ...] in
// form order (null: unanswered), or the text form "2,1,,0".
Result<std::vector<monitor::ItemAnswer>> AnswersFromJson(const kb::InstrumentDef& def,
                                                         const nlohmann::json& answers) {
  if (answers.is_string()) {
    auto parsed = monitor::ParseAnswers(def, answers.get<std::string>());
    if (!parsed.ok()) return parsed.status().WithFieldPrefix("answers");
    return parsed;
  }
  std::vector<monitor::ItemAnswer> out;
  auto value_of = [](const nlohmann::json& v,
                     const std::string& field) -> Result<std::optional<int>> {
    if (v.is_null()) return std::optional<int>();
    if (!v.is_number_integer()) {
      return Status::InvalidArgument("must be a whole number or null (unanswered)", field);
    }
    const auto n = v.get<std::int64_t>();
    if (n < -1000 || n > 1000) return Status::InvalidArgument("is out of range", field);
    return std::optional<int>(static_cast<int>(n));
  };
  if (answers.is_object()) {
    for (const auto& [key, v] : answers.items()) {
      PINEAL_ASSIGN_OR_RETURN(auto value, value_of(v, "answers." + key));
      out.push_back({key, value});
    }
    return out;
  }
  if (answers.is_array()) {
    if (answers.size() > def.items.size()) {
      return Status::InvalidArgument(def.code + " has " + std::to_string(def.items.size()) +
                                         " items; " + std::to_string(answers.size()) +
                                         " answers were given",
                                     "answers");
    }
    for (std::size_t i = 0; i < answers.size(); ++i) {
      PINEAL_ASSIGN_OR_RETURN(auto value,
                              value_of(answers[i], "answers[" + std::to_string(i) + "]"));
      out.push_back({def.items[i].id, value});
    }
    return out;
  }
  return Status::InvalidArgument(
      "must be an object by item id, a list in item order, or a text such as \"1,2,0\"", "answers");
}

}  // namespace pineal::codec
