// Parses and checks one instrument file (knowledge/instruments/<id>.yaml).
#include <algorithm>
#include <set>
#include <utility>

#include "pineal/kb/instrument_parse.h"

namespace pineal::kb::instrument_yaml {
namespace {

using catalog_yaml::EntryReader;

std::string Str(int v) { return std::to_string(v); }

std::string JoinInts(const std::vector<int>& v) {
  std::string out;
  for (int x : v) out += (out.empty() ? "" : ", ") + Str(x);
  return out;
}

int RequiredInt(EntryReader& r, std::string_view key) {
  if (!r.Child(key).IsDefined()) {
    r.Error("missing '" + std::string(key) + "'");
    return 0;
  }
  return r.Integer(key).value_or(0);
}

std::optional<CodeRef> ReadCode(const YAML::Node& n, const std::string& file,
                                const std::string& entry, LintReport& report) {
  EntryReader r(n, file, entry, report);
  if (!r.is_map()) return std::nullopt;
  r.AllowKeys({"system", "code"});
  CodeRef code{r.Text("system"), r.Text("code")};
  if (code.system.empty() || code.code.empty()) return std::nullopt;
  if (code.system == kLoincSystem) {
    // LOINC codes are digits, a hyphen and one check digit ("44261-6").
    const auto dash = code.code.find('-');
    const bool digits = dash != std::string::npos && dash > 0 && dash + 2 == code.code.size() &&
                        std::all_of(code.code.begin(), code.code.end(),
                                    [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
    if (!digits) r.Error(n["code"], "'" + code.code + "' is not a LOINC code (e.g. 44261-6)");
  } else if (code.system != kLocalInstrumentSystem) {
    r.Error(n["system"], "system is '" + code.system + "'; allowed: " + std::string(kLoincSystem) +
                             ", " + std::string(kLocalInstrumentSystem));
  }
  return code;
}

void ReadCodes(EntryReader& r, InstrumentDef& def, LintReport& report) {
  const YAML::Node codes = r.Child("codes");
  if (!codes.IsDefined() || !codes.IsMap()) {
    r.Error("missing 'codes' (a map with 'total' and optionally 'panel')");
    return;
  }
  EntryReader c(codes, r.file(), r.entry() + " codes", report);
  c.AllowKeys({"panel", "total"});
  if (codes["panel"])
    def.panel_code = ReadCode(codes["panel"], r.file(), r.entry() + " panel code", report);
  if (!codes["total"]) {
    c.Error("missing 'total' (the code the total score is stored under)");
    return;
  }
  if (auto total = ReadCode(codes["total"], r.file(), r.entry() + " total code", report)) {
    def.total_code = *total;
  }
}

void ReadItems(EntryReader& r, InstrumentDef& def, LintReport& report) {
  const std::vector<YAML::Node> nodes = ListOf(r, "items", /*required=*/true);
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    EntryReader ir(nodes[i], r.file(), r.entry() + " item", report);
    if (!ir.is_map()) continue;
    ir.AllowKeys({"id", "number", "label", "wording", "values", "anchors", "subscale"});
    InstrumentItem item;
    item.id = ir.Text("id");
    if (!item.id.empty() && !IsLowerId(item.id))
      ir.Error(nodes[i]["id"], "id must be lower case (a-z, 0-9, _)");
    if (def.FindItem(item.id) != nullptr) ir.Error("duplicate item id '" + item.id + "'");
    item.number = RequiredInt(ir, "number");
    if (ir.Child("number").IsDefined() && item.number != static_cast<int>(i) + 1) {
      ir.Error(nodes[i]["number"],
               "number is " + Str(item.number) + " but the item is at position " +
                   Str(static_cast<int>(i) + 1) + " (items are listed in form order)");
    }
    item.label = ir.Text("label", false);
    const YAML::Node wording = ir.Child("wording");
    if (!wording.IsDefined()) {
      ir.Error("missing 'wording' (the text, or null when licensed or not shipped)");
    } else if (!wording.IsNull()) {
      item.wording = ir.Text("wording");
    }
    if (auto values = IntList(ir, "values")) {
      item.allowed_values = std::move(*values);
      if (!std::is_sorted(item.allowed_values.begin(), item.allowed_values.end()) ||
          std::adjacent_find(item.allowed_values.begin(), item.allowed_values.end()) !=
              item.allowed_values.end()) {
        ir.Error(nodes[i]["values"], "values [" + JoinInts(item.allowed_values) +
                                         "] must be ascending without repeats");
        item.allowed_values.clear();
      } else if (item.allowed_values.front() < 0) {
        ir.Error(nodes[i]["values"], "values must not be negative");
        item.allowed_values.clear();
      }
    }
    item.anchors = Anchors(ir, "anchors", report);
    for (const auto& a : item.anchors) {
      if (!item.allowed_values.empty() && !item.Allows(a.value)) {
        ir.Error(nodes[i]["anchors"], "anchor value " + Str(a.value) +
                                          " is not an allowed value (" +
                                          JoinInts(item.allowed_values) + ")");
      }
    }
    item.subscale = ir.Text("subscale", false);
    def.items.push_back(std::move(item));
  }
}

// `decimals` of a mean score: required for method mean (0 to 3 digits),
// not allowed for method sum.
int ReadDecimals(EntryReader& r, const YAML::Node& node, ScoringMethod method) {
  const YAML::Node d = r.Child("decimals");
  if (method == ScoringMethod::kSum) {
    if (d.IsDefined()) r.Error(node["decimals"], "'decimals' applies to method mean only");
    return 0;
  }
  if (!d.IsDefined()) {
    r.Error("method mean needs 'decimals' (digits kept after rounding half up, 0 to 3)");
    return 0;
  }
  const int decimals = r.Integer("decimals").value_or(0);
  if (decimals < 0 || decimals > 3) {
    r.Error(node["decimals"], "decimals is " + Str(decimals) + "; allowed: 0 to 3");
    return 0;
  }
  return decimals;
}

ScoringMethod ReadMethod(EntryReader& r, const YAML::Node& node, bool required) {
  const std::string method = r.Text("method", required);
  if (method.empty()) return ScoringMethod::kSum;
  auto parsed = ParseScoringMethod(method);
  if (!parsed) r.Error(node["method"], "method is '" + method + "'; allowed: sum, mean");
  return parsed.value_or(ScoringMethod::kSum);
}

void CheckScoring(EntryReader& r, InstrumentDef& def, LintReport& report) {
  const YAML::Node node = r.Child("scoring");
  EntryReader s(node, r.file(), r.entry() + " scoring", report);
  if (!node.IsDefined()) {
    r.Error("missing 'scoring' (method, min, max, missing)");
    return;
  }
  if (!s.is_map()) return;
  s.AllowKeys({"method", "decimals", "subscale", "min", "max", "missing"});
  def.method = ReadMethod(s, node, /*required=*/true);
  def.decimals = ReadDecimals(s, node, def.method);
  def.score_subscale = s.Text("subscale", false);
  if (!def.score_subscale.empty() && def.FindSubscale(def.score_subscale) == nullptr) {
    s.Error(node["subscale"], "subscale '" + def.score_subscale + "' is not in 'subscales'");
  }
  def.min_total = RequiredInt(s, "min");
  def.max_total = RequiredInt(s, "max");
  // The items the score is made of: all, or those of `subscale`.
  std::vector<const InstrumentItem*> scored;
  for (const auto& it : def.items) {
    if (def.score_subscale.empty() || it.subscale == def.score_subscale) scored.push_back(&it);
  }
  const bool items_ok =
      !scored.empty() && std::all_of(scored.begin(), scored.end(), [](const InstrumentItem* it) {
        return !it->allowed_values.empty();
      });
  if (items_ok) {
    int lo = 0, hi = 0;
    for (const InstrumentItem* it : scored) {
      lo += it->MinValue();
      hi += it->MaxValue();
    }
    const int n = static_cast<int>(scored.size());
    if (def.method == ScoringMethod::kSum) {
      if (lo != def.min_total) {
        s.Error(node["min"], "min is " + Str(def.min_total) +
                                 " but the items' lowest answers add up to " + Str(lo));
      }
      if (hi != def.max_total) {
        s.Error(node["max"], "max is " + Str(def.max_total) +
                                 " but the items' highest answers add up to " + Str(hi));
      }
    } else {
      // Bands hold whole numbers: the lowest and highest means must be whole.
      if (lo != def.min_total * n) {
        s.Error(node["min"], "min is " + Str(def.min_total) + " but the items' lowest answers (" +
                                 Str(lo) + " over " + Str(n) + " items) average " +
                                 (lo % n == 0 ? Str(lo / n) : "a fraction"));
      }
      if (hi != def.max_total * n) {
        s.Error(node["max"], "max is " + Str(def.max_total) + " but the items' highest answers (" +
                                 Str(hi) + " over " + Str(n) + " items) average " +
                                 (hi % n == 0 ? Str(hi / n) : "a fraction"));
      }
    }
  }
  // The score of a subscale-scored instrument is that subscale's score.
  if (const Subscale* sub =
          def.score_subscale.empty() ? nullptr : def.FindSubscale(def.score_subscale)) {
    if (sub->method != def.method || sub->decimals != def.decimals) {
      s.Error(node["subscale"], "scoring (method " + std::string(ScoringMethodName(def.method)) +
                                    ", decimals " + Str(def.decimals) +
                                    ") differs from subscale '" + sub->id + "' (method " +
                                    std::string(ScoringMethodName(sub->method)) + ", decimals " +
                                    Str(sub->decimals) + "), whose score it is");
    }
  }
  const YAML::Node missing = s.Child("missing");
  EntryReader m(missing, r.file(), r.entry() + " missing-answer rule", report);
  if (!missing.IsDefined()) {
    s.Error("missing 'missing' ({max_missing, action: reject|prorate, note})");
    return;
  }
  if (!m.is_map()) return;
  m.AllowKeys({"max_missing", "action", "note"});
  def.missing.max_missing = RequiredInt(m, "max_missing");
  const int n = static_cast<int>(def.items.size());
  if (def.missing.max_missing < 0 || (n > 0 && def.missing.max_missing >= n)) {
    m.Error(missing["max_missing"], "max_missing is " + Str(def.missing.max_missing) +
                                        "; allowed: 0 to " + Str(std::max(0, n - 1)));
  }
  const std::string action = m.Text("action");
  if (action == "prorate") {
    def.missing.action = MissingAction::kProrate;
  } else if (!action.empty() && action != "reject") {
    m.Error(missing["action"], "action is '" + action + "'; allowed: reject, prorate");
  }
  // A mean over the answered items already stands in for the missing ones.
  if (def.method == ScoringMethod::kMean && def.missing.max_missing > 0 &&
      def.missing.action != MissingAction::kProrate) {
    m.Error(missing["action"].IsDefined() ? missing["action"] : missing,
            "method mean with max_missing above 0 averages the answered items: use action prorate");
  }
  def.missing.note = m.Text("note");
}

void CheckBands(EntryReader& r, InstrumentDef& def, LintReport& report) {
  const YAML::Node node = r.Child("bands");
  if (!node.IsDefined()) {
    r.Error("missing 'bands' (use [] and 'no_bands_note' when the instrument has none)");
    return;
  }
  for (const YAML::Node& b : ListOf(r, "bands", false)) {
    EntryReader br(b, r.file(), r.entry() + " band", report);
    if (!br.is_map()) continue;
    br.AllowKeys({"id", "from", "to", "label", "severity"});
    ScoreBand band;
    band.id = br.Text("id");
    band.from = RequiredInt(br, "from");
    band.to = RequiredInt(br, "to");
    band.label = br.Text("label");
    band.severity = br.Enum<SeverityLevel>("severity", ParseSeverityLevel,
                                           "none, mild, moderate, moderately_severe, severe")
                        .value_or(SeverityLevel::kNone);
    for (const auto& other : def.bands) {
      if (other.id == band.id) br.Error("duplicate band id '" + band.id + "'");
    }
    if (band.from > band.to) br.Error("from " + Str(band.from) + " is above to " + Str(band.to));
    if (band.from < def.min_total || band.to > def.max_total) {
      br.Error("band " + Str(band.from) + "-" + Str(band.to) + " is outside the score range " +
               Str(def.min_total) + "-" + Str(def.max_total));
    }
    if (!def.bands.empty()) {
      const ScoreBand& prev = def.bands.back();
      if (band.from <= prev.to) {
        br.Error("band " + Str(band.from) + "-" + Str(band.to) + " overlaps band '" + prev.id +
                 "' (" + Str(prev.from) + "-" + Str(prev.to) + "); list bands in order, touching");
      } else if (band.from > prev.to + 1) {
        br.Error("gap: no band covers " + Str(prev.to + 1) + "-" + Str(band.from - 1) +
                 " (after band '" + prev.id + "')");
      }
    } else if (band.from != def.min_total) {
      br.Error("the first band starts at " + Str(band.from) + ", not at the minimum score " +
               Str(def.min_total));
    }
    def.bands.push_back(std::move(band));
  }
  def.no_bands_note = r.Text("no_bands_note", false);
  if (def.bands.empty() && def.no_bands_note.empty()) {
    r.Error(node, "no bands: add 'no_bands_note' saying why (e.g. no standard severity bands)");
  }
  if (!def.bands.empty() && def.bands.back().to < def.max_total) {
    r.Error(node, "the last band ends at " + Str(def.bands.back().to) +
                      ", not at the maximum score " + Str(def.max_total));
  }
}

void ReadFlags(EntryReader& r, InstrumentDef& def, LintReport& report) {
  for (const YAML::Node& f : ListOf(r, "flags", false)) {
    EntryReader fr(f, r.file(), r.entry() + " flag", report);
    if (!fr.is_map()) continue;
    fr.AllowKeys({"id", "item", "at_least", "level", "message", "refs"});
    ItemFlagRule flag;
    flag.id = fr.Text("id");
    flag.item_id = fr.Text("item");
    flag.at_least = RequiredInt(fr, "at_least");
    flag.level = fr.Text("level");
    if (!flag.level.empty() && flag.level != "urgent" && flag.level != "review") {
      fr.Error(f["level"], "level is '" + flag.level + "'; allowed: urgent, review");
    }
    flag.message = fr.Text("message");
    flag.refs = fr.TextList("refs", /*required=*/true);
    const InstrumentItem* item = def.FindItem(flag.item_id);
    if (!flag.item_id.empty() && item == nullptr) {
      fr.Error(f["item"], "item '" + flag.item_id + "' is not an item of this instrument");
    } else if (item != nullptr && !item->allowed_values.empty() &&
               (flag.at_least <= item->MinValue() || flag.at_least > item->MaxValue())) {
      fr.Error(f["at_least"], "at_least " + Str(flag.at_least) +
                                  " is outside the item's answers above its lowest (" +
                                  Str(item->MinValue() + 1) + " to " + Str(item->MaxValue()) + ")");
    }
    def.flags.push_back(std::move(flag));
  }
}

void ReadChange(EntryReader& r, InstrumentDef& def, LintReport& report) {
  const YAML::Node node = r.Child("change");
  if (!node.IsDefined()) return;
  EntryReader c(node, r.file(), r.entry() + " change", report);
  if (!c.is_map()) return;
  c.AllowKeys({"meaningful_drop", "remission_below", "refs"});
  ChangeCriteria change;
  change.meaningful_drop = c.Integer("meaningful_drop");
  change.remission_below = c.Integer("remission_below");
  change.refs = c.TextList("refs", /*required=*/true);
  const int span = def.max_total - def.min_total;
  if (change.meaningful_drop && (*change.meaningful_drop < 1 || *change.meaningful_drop > span)) {
    c.Error(node["meaningful_drop"], "meaningful_drop must be 1 to " + Str(span));
  }
  if (change.remission_below &&
      (*change.remission_below <= def.min_total || *change.remission_below > def.max_total)) {
    c.Error(node["remission_below"],
            "remission_below must be " + Str(def.min_total + 1) + " to " + Str(def.max_total));
  }
  def.change = std::move(change);
}

void ReadSubscales(EntryReader& r, InstrumentDef& def, LintReport& report) {
  for (const YAML::Node& s : ListOf(r, "subscales", false)) {
    EntryReader sr(s, r.file(), r.entry() + " subscale", report);
    if (!sr.is_map()) continue;
    sr.AllowKeys({"id", "label", "method", "decimals"});
    Subscale sub;
    sub.id = sr.Text("id");
    sub.label = sr.Text("label");
    sub.method = ReadMethod(sr, s, /*required=*/false);
    sub.decimals = ReadDecimals(sr, s, sub.method);
    if (def.FindSubscale(sub.id) != nullptr) sr.Error("duplicate subscale id '" + sub.id + "'");
    def.subscales.push_back(std::move(sub));
  }
  for (const auto& item : def.items) {
    if (item.subscale.empty()) continue;
    if (def.FindSubscale(item.subscale) == nullptr) {
      r.Error("item '" + item.id + "' names subscale '" + item.subscale +
              "', which is not in 'subscales'");
    }
  }
  for (const auto& s : def.subscales) {
    if (std::none_of(def.items.begin(), def.items.end(),
                     [&](const InstrumentItem& it) { return it.subscale == s.id; })) {
      r.Error("subscale '" + s.id + "' has no items");
    }
  }
}

}  // namespace

std::optional<InstrumentDef> ParseInstrument(const YAML::Node& root, const std::string& file,
                                             LintReport& report) {
  EntryReader r(root, file, "instrument", report);
  if (!r.is_map()) return std::nullopt;
  r.AllowKeys({"id", "code", "name", "aliases", "respondent", "recall_period", "codes", "licence",
               "wording_note", "refs", "answer_anchors", "items", "subscales", "scoring", "bands",
               "no_bands_note", "flags", "change", "note"});
  InstrumentDef def;
  def.source_file = file;
  def.source_line = catalog_yaml::LineOf(root["id"]);
  def.id = r.Text("id");
  if (!def.id.empty() && !IsLowerId(def.id))
    r.Error(root["id"], "id must be lower case (a-z, 0-9, _)");
  def.code = r.Text("code");
  def.name = r.Text("name");
  def.aliases = r.TextList("aliases");
  def.respondent = r.Enum<Respondent>("respondent", ParseRespondent, "self, clinician")
                       .value_or(Respondent::kSelf);
  def.recall_period = r.Text("recall_period");
  ReadCodes(r, def, report);
  def.licence = r.Text("licence");
  def.wording_note = r.Text("wording_note", false);
  def.refs = r.TextList("refs", /*required=*/true);
  ReadItems(r, def, report);
  def.answer_anchors = Anchors(r, "answer_anchors", report);
  for (const auto& a : def.answer_anchors) {
    for (const auto& item : def.items) {
      if (!item.allowed_values.empty() && !item.Allows(a.value)) {
        r.Error(root["answer_anchors"],
                "answer anchor " + Str(a.value) + " is not allowed for item '" + item.id + "'");
        break;
      }
    }
  }
  if (def.wording_note.empty() &&
      std::any_of(def.items.begin(), def.items.end(),
                  [](const InstrumentItem& it) { return !it.wording; })) {
    r.Error("items without wording need 'wording_note' (licence or why it is not shipped)");
  }
  ReadSubscales(r, def, report);
  CheckScoring(r, def, report);
  CheckBands(r, def, report);
  ReadFlags(r, def, report);
  ReadChange(r, def, report);
  return def;
}

}  // namespace pineal::kb::instrument_yaml
