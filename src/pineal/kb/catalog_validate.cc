#include "pineal/kb/catalog_validate.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "pineal/kb/names.h"

namespace pineal::kb {
namespace {

std::string Quote(const std::string& s) { return "'" + s + "'"; }

std::string Label(std::string_view kind, const std::string& id) {
  return std::string(kind) + " " + Quote(id);
}

std::string Where(const SourceLocation& w) {
  return w.line > 0 ? w.file + ":" + std::to_string(w.line) : w.file;
}

bool IsReferenceId(const std::string& id) {
  if (id.empty() || id[0] < 'a' || id[0] > 'z') return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

class Validator {
 public:
  Validator(const CatalogData& data, LintReport& report) : data_(data), report_(report) {}

  void Run() {
    CheckReferences();
    CollectIds();
    CheckSubstances();
    CheckClasses();
    CheckConditions();
    CheckContraindications();
    CheckInteractions();
    CheckCombinations();
    CheckBandTables();
    CheckRegimenRules();
    CheckObservationLimits();
  }

 private:
  void Error(const SourceLocation& w, const std::string& entry, const std::string& msg) {
    report_.Error(w.file, w.line, entry, msg);
  }

  void CheckReferences() {
    std::unordered_map<std::string, const Reference*> seen;
    for (const Reference& r : data_.references) {
      const std::string entry = Label("reference", r.id);
      if (!IsReferenceId(r.id)) {
        Error(r.where, entry,
              "id must be lower-case letters, digits and '_' (<firstauthor><year>[_suffix])");
      }
      auto [it, inserted] = seen.emplace(r.id, &r);
      if (!inserted) {
        Error(r.where, entry,
              "duplicate reference id (first defined at " + Where(it->second->where) +
                  ") with different content");
      }
      if (r.authors.empty()) Error(r.where, entry, "missing 'authors'");
      if (r.journal.empty() && r.document.empty()) {
        Error(r.where, entry,
              "needs 'journal' (citation) or 'document' (regulator or web document)");
      }
      if (r.year != 0 && (r.year < 1800 || r.year > 2100)) {
        Error(r.where, entry,
              "year " + std::to_string(r.year) + " is not plausible (use 0 for none)");
      }
      if (!r.pmid.empty() &&
          !std::all_of(r.pmid.begin(), r.pmid.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        Error(r.where, entry, "pmid must be digits, got " + Quote(r.pmid));
      }
      if (!r.doi.empty() && r.doi.rfind("10.", 0) != 0) {
        Error(r.where, entry, "doi must start with '10.', got " + Quote(r.doi));
      }
      if (r.title.empty()) {
        report_.Warning(r.where.file, r.where.line, entry, "no title");
      }
      refs_.insert(r.id);
    }
  }

  void CheckRefs(const std::vector<std::string>& refs, const SourceLocation& w,
                 const std::string& entry, bool required = true) {
    if (required && refs.empty()) {
      Error(w, entry, "cites no reference: add 'refs: [<reference id>, ...]'");
    }
    for (const std::string& id : refs) {
      if (!refs_.contains(id)) {
        Error(w, entry, "unknown reference " + Quote(id) + " (not in any references.yaml)");
      }
    }
  }

  // Every id in one namespace: a rule id must identify exactly one thing.
  void Claim(const std::string& id, const SourceLocation& w, const std::string& entry) {
    if (id.empty()) {
      Error(w, entry, "missing 'id'");
      return;
    }
    auto [it, inserted] = ids_.emplace(id, w);
    if (!inserted) {
      Error(w, entry,
            "duplicate id " + Quote(id) + " (first defined at " + Where(it->second) + ")");
    }
  }

  void CollectIds() {
    for (const auto& s : data_.substances) {
      Claim(s.id, s.where, Label("substance", s.id));
      substance_ids_.insert(s.id);
      if (s.potency && s.potency->unknown) {
        Claim(s.potency->unknown->rule_id, s.where, Label("substance", s.id));
      }
    }
    for (const auto& c : data_.classes) {
      Claim(c.id, c.where, Label("class", c.id));
      class_ids_.insert(c.id);
    }
    for (const auto& c : data_.conditions) {
      Claim(c.id, c.where, Label("condition", c.id));
      condition_ids_.insert(c.id);
    }
    for (const auto& c : data_.contraindications)
      Claim(c.id, c.where, Label("contraindication", c.id));
    for (const auto& i : data_.interactions) {
      Claim(i.id, i.where, Label("interaction", i.id));
      interaction_ids_.insert(i.id);
    }
    for (const auto& c : data_.combinations) Claim(c.id, c.where, Label("combination", c.id));
    for (const auto& t : data_.band_tables) Claim(t.id, t.where, Label("dose band table", t.id));
    for (const auto& r : data_.regimen_rules) Claim(r.id, r.where, Label("regimen rule", r.id));
    for (const auto& l : data_.observation_limits) {
      Claim(l.id, l.where, Label("observation limit", l.id));
    }
  }

  bool KnownSubject(const std::string& id) const {
    return substance_ids_.contains(id) || class_ids_.contains(id);
  }

  void CheckSubject(const std::string& id, const std::string& field, const SourceLocation& w,
                    const std::string& entry) {
    if (id.empty()) {
      Error(w, entry, "missing '" + field + "'");
    } else if (!KnownSubject(id)) {
      Error(w, entry, "unknown substance or class " + Quote(id) + " in '" + field + "'");
    }
  }

  void CheckText(const std::string& value, std::string_view field, const SourceLocation& w,
                 const std::string& entry) {
    if (value.empty()) Error(w, entry, "missing '" + std::string(field) + "'");
  }

  void CheckSubstances() {
    static const std::set<std::string> kKinds = {"supplement", "medicine", "botanical", "exposure",
                                                 "illicit"};
    std::unordered_map<std::string, const Substance*> names;
    for (const auto& s : data_.substances) {
      const std::string entry = Label("substance", s.id);
      CheckText(s.name, "name", s.where, entry);
      if (!kKinds.contains(s.kind)) {
        Error(s.where, entry,
              "kind " + Quote(s.kind) +
                  " is not one of supplement, medicine, botanical, exposure, illicit");
      }
      for (const auto& c : s.classes) {
        if (!class_ids_.contains(c)) Error(s.where, entry, "unknown class " + Quote(c));
      }
      std::vector<std::string> all = s.synonyms;
      all.push_back(s.name);
      all.push_back(s.id);
      all.insert(all.end(), s.brands.begin(), s.brands.end());
      std::set<std::string> own;
      for (const auto& n : all) {
        const std::string key = NormalizeName(n);
        if (!own.insert(key).second) continue;
        auto [it, inserted] = names.emplace(key, &s);
        if (!inserted) {
          Error(s.where, entry,
                "name " + Quote(n) + " also names substance " + Quote(it->second->id) + " (" +
                    Where(it->second->where) + ")");
        }
      }
      std::set<std::string> formulation_ids;
      for (const auto& f : s.formulations) {
        if (!formulation_ids.insert(f.id).second) {
          Error(s.where, entry, "duplicate formulation " + Quote(f.id));
        }
      }
      if (!s.default_formulation.empty() && !formulation_ids.contains(s.default_formulation)) {
        Error(s.where, entry,
              "default_formulation " + Quote(s.default_formulation) +
                  " is not one of its formulations");
      }
      CheckRefs(s.refs, s.where, entry);
      if (s.plausible_dose) {
        CheckRefs(s.plausible_dose->refs, s.where, entry + " plausible_dose");
        CheckText(s.plausible_dose->reason, "plausible_dose.reason", s.where, entry);
      }
      if (s.potency) {
        CheckRefs(s.potency->refs, s.where, entry, /*required=*/false);
        if (s.potency->unknown) {
          const auto& u = *s.potency->unknown;
          CheckText(u.title, "potency.unknown.title", s.where, entry);
          CheckText(u.message, "potency.unknown.message", s.where, entry);
          CheckText(u.action, "potency.unknown.action", s.where, entry);
          CheckRefs(u.refs, s.where, entry + " potency rule " + Quote(u.rule_id));
        }
      }
    }
  }

  void CheckClasses() {
    std::unordered_map<std::string, const SubstanceClass*> by_id;
    for (const auto& c : data_.classes) by_id.emplace(c.id, &c);
    for (const auto& c : data_.classes) {
      const std::string entry = Label("class", c.id);
      CheckText(c.name, "name", c.where, entry);
      for (const auto& inc : c.includes) {
        if (!by_id.contains(inc))
          Error(c.where, entry, "unknown class " + Quote(inc) + " in 'includes'");
      }
      CheckRefs(c.refs, c.where, entry);
    }
    // Cycles in `includes` would make membership undefined.
    std::unordered_map<std::string, int> state;  // 1 visiting, 2 done
    std::function<bool(const std::string&)> visit = [&](const std::string& id) {
      int& st = state[id];
      if (st == 1) return false;
      if (st == 2) return true;
      st = 1;
      auto it = by_id.find(id);
      if (it != by_id.end()) {
        for (const auto& inc : it->second->includes) {
          if (!visit(inc)) return false;
        }
      }
      state[id] = 2;
      return true;
    };
    for (const auto& c : data_.classes) {
      if (!visit(c.id)) {
        Error(c.where, Label("class", c.id), "'includes' forms a cycle");
        return;
      }
    }
  }

  void CheckConditions() {
    std::unordered_map<std::string, const Condition*> names;
    for (const auto& c : data_.conditions) {
      const std::string entry = Label("condition", c.id);
      CheckText(c.name, "name", c.where, entry);
      if (!c.derived_from.empty() && c.derived_from != "pregnant" &&
          c.derived_from != "breastfeeding") {
        Error(c.where, entry, "derived_from must be 'pregnant' or 'breastfeeding'");
      }
      std::vector<std::string> all = c.synonyms;
      all.push_back(c.name);
      all.push_back(c.id);
      std::set<std::string> own;
      for (const auto& n : all) {
        const std::string key = NormalizeName(n);
        if (!own.insert(key).second) continue;
        auto [it, inserted] = names.emplace(key, &c);
        if (!inserted) {
          Error(c.where, entry,
                "name " + Quote(n) + " also names condition " + Quote(it->second->id));
        }
      }
      for (const auto& broader : c.is_a) {
        if (broader == c.id) {
          Error(c.where, entry, "'is_a' names the condition itself");
        } else if (!condition_ids_.contains(broader)) {
          Error(c.where, entry, "unknown condition " + Quote(broader) + " in 'is_a'");
        }
      }
      CheckRefs(c.refs, c.where, entry);
    }
    // A cycle in `is_a` would make every condition in it imply the others.
    std::unordered_map<std::string, const Condition*> by_id;
    for (const auto& c : data_.conditions) by_id.emplace(c.id, &c);
    std::unordered_map<std::string, int> state;  // 1 visiting, 2 done
    std::function<bool(const std::string&)> visit = [&](const std::string& id) {
      int& st = state[id];
      if (st == 1) return false;
      if (st == 2) return true;
      st = 1;
      if (auto it = by_id.find(id); it != by_id.end()) {
        for (const auto& broader : it->second->is_a) {
          if (broader != id && !visit(broader)) return false;
        }
      }
      state[id] = 2;
      return true;
    };
    for (const auto& c : data_.conditions) {
      if (!visit(c.id)) {
        Error(c.where, Label("condition", c.id), "'is_a' forms a cycle");
        return;
      }
    }
  }

  void CheckContraindications() {
    for (const auto& c : data_.contraindications) {
      const std::string entry = Label("contraindication", c.id);
      CheckSubject(c.subject, "subject", c.where, entry);
      if (!condition_ids_.contains(c.condition)) {
        Error(c.where, entry, "unknown condition " + Quote(c.condition));
      }
      CheckText(c.title, "title", c.where, entry);
      CheckText(c.message, "message", c.where, entry);
      CheckText(c.action, "action", c.where, entry);
      CheckRefs(c.refs, c.where, entry);
    }
  }

  void CheckInteractions() {
    for (const auto& i : data_.interactions) {
      const std::string entry = Label("interaction", i.id);
      CheckSubject(i.a, "a", i.where, entry);
      CheckSubject(i.b, "b", i.where, entry);
      // A class with itself means any two different members ("two serotonergic
      // agents"); a substance with itself means nothing.
      if (!i.a.empty() && i.a == i.b && !class_ids_.contains(i.a)) {
        Error(i.where, entry, "'a' and 'b' are the same substance");
      }
      for (const auto& s : i.supersedes) {
        if (!interaction_ids_.contains(s)) {
          Error(i.where, entry, "unknown interaction " + Quote(s) + " in 'supersedes'");
        } else if (s == i.id) {
          Error(i.where, entry, "supersedes itself");
        }
      }
      CheckText(i.title, "title", i.where, entry);
      CheckText(i.mechanism, "mechanism", i.where, entry);
      CheckText(i.consequence, "consequence", i.where, entry);
      CheckText(i.action, "action", i.where, entry);
      CheckRefs(i.refs, i.where, entry);
    }
  }

  void CheckCombinations() {
    for (const auto& c : data_.combinations) {
      const std::string entry = Label("combination", c.id);
      if (c.slots.empty()) Error(c.where, entry, "needs at least one slot");
      int needed = 0;
      for (std::size_t k = 0; k < c.slots.size(); ++k) {
        const auto& slot = c.slots[k];
        const std::string field = "slots[" + std::to_string(k) + "].any_of";
        if (slot.any_of.empty()) Error(c.where, entry, "'" + field + "' is empty");
        for (const auto& id : slot.any_of) CheckSubject(id, field, c.where, entry);
        if (slot.min_distinct < 1) Error(c.where, entry, "min_distinct must be at least 1");
        needed += slot.min_distinct;
      }
      if (needed < 2) Error(c.where, entry, "a combination must involve at least two substances");
      CheckText(c.title, "title", c.where, entry);
      CheckText(c.mechanism, "mechanism", c.where, entry);
      CheckText(c.consequence, "consequence", c.where, entry);
      CheckText(c.action, "action", c.where, entry);
      CheckRefs(c.refs, c.where, entry);
    }
  }

  // Formulation ids a subject can have: its own, or any member's.
  std::set<std::string> FormulationsOf(const std::string& subject) const {
    std::set<std::string> out;
    for (const auto& s : data_.substances) {
      bool match = s.id == subject;
      for (const auto& c : s.classes) match = match || c == subject;
      if (!match) continue;
      for (const auto& f : s.formulations) out.insert(f.id);
    }
    return out;
  }

  void CheckBandTables() {
    for (const auto& t : data_.band_tables) {
      const std::string entry = Label("dose band table", t.id);
      CheckSubject(t.subject, "subject", t.where, entry);
      const std::set<std::string> known = FormulationsOf(t.subject);
      for (const auto& f : t.formulations) {
        if (!known.contains(f)) {
          Error(t.where, entry,
                "formulation " + Quote(f) + " is not a formulation of " + Quote(t.subject));
        }
      }
      if (t.populations.empty()) Error(t.where, entry, "missing 'populations'");
      if (t.age_min_years && t.age_below_years && *t.age_min_years >= *t.age_below_years) {
        Error(t.where, entry, "age_years: min must be below the upper limit");
      }
      if (!t.per_dose && !t.per_day) Error(t.where, entry, "needs 'per_dose' or 'per_day'");
      if (t.per_dose) ValidateBandScale(*t.per_dose, "per_dose", entry, t.where, report_);
      if (t.per_day) ValidateBandScale(*t.per_day, "per_day", entry, t.where, report_);
      CheckRefs(t.refs, t.where, entry);
      for (const BandScale* scale :
           {t.per_dose ? &*t.per_dose : nullptr, t.per_day ? &*t.per_day : nullptr}) {
        if (scale == nullptr) continue;
        for (const Band& b : scale->bands) {
          CheckRefs(b.refs, b.where, entry + " band " + Quote(b.from_text));
          CheckText(b.note, "note", b.where, entry + " band " + Quote(b.from_text));
        }
      }
    }
  }

  void CheckRegimenRules() {
    for (const auto& r : data_.regimen_rules) {
      const std::string entry = Label("regimen rule", r.id);
      CheckSubject(r.subject, "subject", r.where, entry);
      if (!r.max_doses_per_day && !r.max_course_days && !r.regular_use_doses_per_day &&
          !r.indication_evidence_weak) {
        Error(r.where, entry,
              "needs 'max_doses_per_day', 'regular_use_doses_per_day', 'max_course_days' or "
              "'indication_evidence'");
      }
      const std::set<std::string> known = FormulationsOf(r.subject);
      for (const auto& f : r.formulations) {
        if (!known.contains(f)) {
          Error(r.where, entry,
                "formulation " + Quote(f) + " is not a formulation of " + Quote(r.subject));
        }
      }
      CheckText(r.title, "title", r.where, entry);
      CheckText(r.message, "message", r.where, entry);
      CheckText(r.action, "action", r.where, entry);
      CheckRefs(r.refs, r.where, entry);
    }
  }

  void CheckObservationLimits() {
    std::unordered_map<std::string, std::string> code_owner;
    for (const auto& l : data_.observation_limits) {
      const std::string entry = Label("observation limit", l.id);
      for (const std::string& code : l.codes) {
        auto [it, fresh] = code_owner.emplace(NormalizeName(code), l.id);
        if (!fresh)
          Error(l.where, entry, "code " + Quote(code) + " is also in " + Quote(it->second));
      }
      std::set<std::string> units;
      for (const auto& r : l.ranges) {
        if (!units.insert(r.unit).second) {
          Error(l.where, entry, "unit " + Quote(r.unit) + " has two ranges");
        }
      }
      CheckText(l.reason, "reason", l.where, entry);
      CheckRefs(l.refs, l.where, entry);
    }
  }

  const CatalogData& data_;
  LintReport& report_;
  std::unordered_set<std::string> refs_;
  std::unordered_map<std::string, SourceLocation> ids_;
  std::unordered_set<std::string> substance_ids_;
  std::unordered_set<std::string> class_ids_;
  std::unordered_set<std::string> condition_ids_;
  std::unordered_set<std::string> interaction_ids_;
};

}  // namespace

void ValidateCatalogData(const CatalogData& data, LintReport& report) {
  Validator(data, report).Run();
}

}  // namespace pineal::kb
