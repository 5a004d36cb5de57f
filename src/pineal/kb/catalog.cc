#include "pineal/kb/catalog.h"

#include <algorithm>
#include <utility>

#include "pineal/kb/catalog_validate.h"
#include "pineal/kb/names.h"

namespace pineal::kb {
namespace {

std::vector<std::uint8_t> EmptyMask(std::size_t n) { return std::vector<std::uint8_t>(n, 0); }

}  // namespace

Result<Catalog> Catalog::Build(CatalogData data, LintReport* report) {
  LintReport local;
  ValidateCatalogData(data, local);
  if (report != nullptr) report->Append(local);
  if (!local.ok()) {
    return Status::InvalidArgument("the knowledge base has " + std::to_string(local.error_count()) +
                                   " error(s):\n" + local.ToString());
  }
  if (data.substances.size() >= 0xFFFF || data.classes.size() >= 0xFFFF ||
      data.conditions.size() >= 0xFFFF) {
    return Status::InvalidArgument("the knowledge base has too many entries to index");
  }
  for (Substance& s : data.substances) {
    const bool has_local = std::any_of(s.codes.begin(), s.codes.end(), [](const Code& c) {
      return c.system == kLocalSubstanceSystem;
    });
    if (!has_local) {
      Code own;
      own.system = std::string(kLocalSubstanceSystem);
      own.code = s.id;
      s.codes.push_back(std::move(own));
    }
  }
  Catalog catalog;
  catalog.data_ = std::move(data);
  catalog.Index();
  return catalog;
}

void Catalog::Index() {
  const std::size_t n = data_.substances.size();
  const std::size_t nc = data_.classes.size();
  for (std::size_t i = 0; i < n; ++i) {
    const Substance& s = data_.substances[i];
    const auto idx = static_cast<SubstanceIndex>(i);
    substance_ids_.emplace(s.id, idx);
    substance_names_.emplace(NormalizeName(s.id), idx);
    substance_names_.emplace(NormalizeName(s.name), idx);
    for (const auto& name : s.synonyms) substance_names_.emplace(NormalizeName(name), idx);
    for (const auto& name : s.brands) substance_names_.emplace(NormalizeName(name), idx);
  }
  for (std::size_t i = 0; i < nc; ++i) {
    class_ids_.emplace(data_.classes[i].id, static_cast<ClassIndex>(i));
  }
  for (std::size_t i = 0; i < data_.conditions.size(); ++i) {
    const Condition& c = data_.conditions[i];
    const auto idx = static_cast<ConditionIndex>(i);
    condition_ids_.emplace(c.id, idx);
    condition_names_.emplace(NormalizeName(c.id), idx);
    condition_names_.emplace(NormalizeName(c.name), idx);
    for (const auto& name : c.synonyms) condition_names_.emplace(NormalizeName(name), idx);
  }
  for (const Substance& s : data_.substances) {
    NamedEntry e{s.id, s.name, {s.id, s.name}};
    e.names.insert(e.names.end(), s.synonyms.begin(), s.synonyms.end());
    e.names.insert(e.names.end(), s.brands.begin(), s.brands.end());
    substance_entries_.push_back(std::move(e));
  }
  for (const Condition& c : data_.conditions) {
    NamedEntry e{c.id, c.name, {c.id, c.name}};
    e.names.insert(e.names.end(), c.synonyms.begin(), c.synonyms.end());
    condition_entries_.push_back(std::move(e));
  }
  // Each condition with the ones it is a kind of (acyclic: checked by lint).
  condition_closure_.assign(data_.conditions.size(), {});
  for (std::size_t i = 0; i < data_.conditions.size(); ++i) {
    std::vector<std::uint8_t> seen(data_.conditions.size(), 0);
    std::vector<ConditionIndex> stack{static_cast<ConditionIndex>(i)};
    while (!stack.empty()) {
      const ConditionIndex cur = stack.back();
      stack.pop_back();
      if (seen[cur]) continue;
      seen[cur] = 1;
      condition_closure_[i].push_back(cur);
      for (const auto& broader : data_.conditions[cur].is_a) {
        stack.push_back(condition_ids_.at(broader));
      }
    }
    std::sort(condition_closure_[i].begin(), condition_closure_[i].end());
  }
  for (std::size_t i = 0; i < data_.references.size(); ++i) {
    reference_ids_.emplace(data_.references[i].id, static_cast<std::uint32_t>(i));
  }

  // ancestors[c]: c and every class that includes c, directly or not.
  std::vector<std::vector<ClassIndex>> ancestors(nc);
  for (std::size_t c = 0; c < nc; ++c) {
    std::vector<std::uint8_t> seen(nc, 0);
    std::vector<ClassIndex> stack{static_cast<ClassIndex>(c)};
    while (!stack.empty()) {
      const ClassIndex cur = stack.back();
      stack.pop_back();
      if (seen[cur]) continue;
      seen[cur] = 1;
      ancestors[c].push_back(cur);
      for (std::size_t p = 0; p < nc; ++p) {
        const auto& inc = data_.classes[p].includes;
        if (std::find(inc.begin(), inc.end(), data_.classes[cur].id) != inc.end()) {
          stack.push_back(static_cast<ClassIndex>(p));
        }
      }
    }
  }
  class_words_ = (nc + 63) / 64;
  class_bits_.assign(n * class_words_, 0);
  class_closure_.assign(n, {});
  for (std::size_t i = 0; i < n; ++i) {
    std::vector<std::uint8_t> member(nc, 0);
    for (const auto& direct : data_.substances[i].classes) {
      for (ClassIndex a : ancestors[class_ids_.at(direct)]) member[a] = 1;
    }
    for (std::size_t c = 0; c < nc; ++c) {
      if (!member[c]) continue;
      class_closure_[i].push_back(static_cast<ClassIndex>(c));
      class_bits_[i * class_words_ + c / 64] |= std::uint64_t{1} << (c % 64);
    }
  }

  auto mask_of = [&](const std::string& subject) {
    std::vector<std::uint8_t> mask = EmptyMask(n);
    for (std::size_t i = 0; i < n; ++i) {
      mask[i] = Matches(static_cast<SubstanceIndex>(i), subject) ? 1 : 0;
    }
    return mask;
  };

  // Pairwise interaction table, symmetric, with supersedes applied per pair.
  std::vector<std::vector<std::uint32_t>> pairs(n * n);
  interaction_a_.assign(data_.interactions.size(), {});
  for (std::size_t k = 0; k < data_.interactions.size(); ++k) {
    const Interaction& ix = data_.interactions[k];
    const auto ma = mask_of(ix.a);
    const auto mb = mask_of(ix.b);
    interaction_a_[k] = ma;
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j) {
        if (i == j || !(ma[i] && mb[j])) continue;
        for (auto [x, y] : {std::pair{i, j}, std::pair{j, i}}) {
          auto& list = pairs[x * n + y];
          if (std::find(list.begin(), list.end(), k) == list.end()) {
            list.push_back(static_cast<std::uint32_t>(k));
          }
        }
      }
    }
  }
  pair_offsets_.assign(n * n + 1, 0);
  for (std::size_t p = 0; p < n * n; ++p) {
    auto& list = pairs[p];
    std::vector<std::uint32_t> kept;
    for (std::uint32_t k : list) {
      const std::string& id = data_.interactions[k].id;
      const bool superseded = std::any_of(list.begin(), list.end(), [&](std::uint32_t other) {
        const auto& sup = data_.interactions[other].supersedes;
        return other != k && std::find(sup.begin(), sup.end(), id) != sup.end();
      });
      if (!superseded) kept.push_back(k);
    }
    std::sort(kept.begin(), kept.end());
    pair_offsets_[p] = static_cast<std::uint32_t>(pair_items_.size());
    pair_items_.insert(pair_items_.end(), kept.begin(), kept.end());
  }
  pair_offsets_[n * n] = static_cast<std::uint32_t>(pair_items_.size());

  for (const Contraindication& c : data_.contraindications) {
    contraindication_condition_.push_back(condition_ids_.at(c.condition));
  }
  contraindications_by_substance_.assign(n, {});
  bands_by_substance_.assign(n, {});
  regimen_rules_by_substance_.assign(n, {});
  for (std::size_t i = 0; i < n; ++i) {
    const auto s = static_cast<SubstanceIndex>(i);
    for (std::size_t k = 0; k < data_.contraindications.size(); ++k) {
      if (Matches(s, data_.contraindications[k].subject)) {
        contraindications_by_substance_[i].push_back(static_cast<std::uint32_t>(k));
      }
    }
    for (std::size_t k = 0; k < data_.band_tables.size(); ++k) {
      if (Matches(s, data_.band_tables[k].subject)) {
        bands_by_substance_[i].push_back(static_cast<std::uint32_t>(k));
      }
    }
    for (std::size_t k = 0; k < data_.regimen_rules.size(); ++k) {
      if (Matches(s, data_.regimen_rules[k].subject)) {
        regimen_rules_by_substance_[i].push_back(static_cast<std::uint32_t>(k));
      }
    }
  }

  slot_matches_.assign(data_.combinations.size(), {});
  for (std::size_t r = 0; r < data_.combinations.size(); ++r) {
    for (const CombinationSlot& slot : data_.combinations[r].slots) {
      std::vector<std::uint8_t> mask = EmptyMask(n);
      for (const auto& id : slot.any_of) {
        const auto m = mask_of(id);
        for (std::size_t i = 0; i < n; ++i) mask[i] |= m[i];
      }
      slot_matches_[r].push_back(std::move(mask));
    }
  }
}

std::optional<SubstanceIndex> Catalog::ResolveSubstance(std::string_view name) const {
  for (const std::string& candidate : NameCandidates(name)) {
    auto it = substance_names_.find(candidate);
    if (it != substance_names_.end()) return it->second;
  }
  return std::nullopt;
}

std::optional<SubstanceIndex> Catalog::SubstanceIndexOf(std::string_view id) const {
  auto it = substance_ids_.find(std::string(id));
  if (it == substance_ids_.end()) return std::nullopt;
  return it->second;
}

std::optional<ClassIndex> Catalog::ClassIndexOf(std::string_view id) const {
  auto it = class_ids_.find(std::string(id));
  if (it == class_ids_.end()) return std::nullopt;
  return it->second;
}

std::optional<ConditionIndex> Catalog::ResolveCondition(std::string_view name) const {
  auto it = condition_names_.find(NormalizeName(name));
  if (it == condition_names_.end()) return std::nullopt;
  return it->second;
}

std::optional<ConditionIndex> Catalog::ConditionIndexOf(std::string_view id) const {
  auto it = condition_ids_.find(std::string(id));
  if (it == condition_ids_.end()) return std::nullopt;
  return it->second;
}

const Reference* Catalog::FindReference(std::string_view id) const {
  auto it = reference_ids_.find(std::string(id));
  return it == reference_ids_.end() ? nullptr : &data_.references[it->second];
}

std::vector<Suggestion> Catalog::SuggestSubstances(std::string_view name, std::size_t limit) const {
  return ClosestEntries(name, substance_entries_, limit);
}

std::vector<Suggestion> Catalog::SuggestConditions(std::string_view name, std::size_t limit) const {
  return ClosestEntries(name, condition_entries_, limit);
}

NameMatch Catalog::MatchSubstance(std::string_view name) const {
  NameMatch out{std::string(name), std::nullopt, {}};
  if (auto s = ResolveSubstance(name)) {
    const Substance& sub = data_.substances[*s];
    out.matched = MatchedEntry{sub.id, sub.name, sub.codes};
  } else {
    out.suggestions = SuggestSubstances(name);
  }
  return out;
}

NameMatch Catalog::MatchCondition(std::string_view name) const {
  NameMatch out{std::string(name), std::nullopt, {}};
  if (auto c = ResolveCondition(name)) {
    const Condition& cond = data_.conditions[*c];
    out.matched = MatchedEntry{cond.id, cond.name, cond.codes};
  } else {
    out.suggestions = SuggestConditions(name);
  }
  return out;
}

std::optional<std::string> Catalog::ResolveFormulation(SubstanceIndex s,
                                                       std::string_view text) const {
  const Substance& sub = data_.substances[s];
  // A substance without formulations (kratom leaf) takes any form as given.
  if (sub.formulations.empty()) return std::string();
  const std::string key = NormalizeName(text);
  if (key.empty()) {
    if (!sub.default_formulation.empty()) return sub.default_formulation;
    return std::nullopt;
  }
  for (const Formulation& f : sub.formulations) {
    if (NormalizeName(f.id) == key) return f.id;
    for (const auto& name : f.names) {
      if (NormalizeName(name) == key) return f.id;
    }
  }
  return std::nullopt;
}

std::span<const ClassIndex> Catalog::ClassesOf(SubstanceIndex s) const { return class_closure_[s]; }

bool Catalog::IsMember(SubstanceIndex s, ClassIndex c) const {
  return (class_bits_[s * class_words_ + c / 64] >> (c % 64)) & 1U;
}

bool Catalog::Matches(SubstanceIndex s, std::string_view subject_id) const {
  if (data_.substances[s].id == subject_id) return true;
  const auto c = ClassIndexOf(subject_id);
  return c && IsMember(s, *c);
}

std::vector<SubstanceIndex> Catalog::MembersOf(ClassIndex c) const {
  std::vector<SubstanceIndex> out;
  for (std::size_t i = 0; i < data_.substances.size(); ++i) {
    if (IsMember(static_cast<SubstanceIndex>(i), c)) out.push_back(static_cast<SubstanceIndex>(i));
  }
  return out;
}

std::span<const std::uint32_t> Catalog::InteractionsBetween(SubstanceIndex a,
                                                            SubstanceIndex b) const {
  const std::size_t p = static_cast<std::size_t>(a) * data_.substances.size() + b;
  return {pair_items_.data() + pair_offsets_[p], pair_items_.data() + pair_offsets_[p + 1]};
}

std::span<const std::uint32_t> Catalog::ContraindicationsFor(SubstanceIndex s) const {
  return contraindications_by_substance_[s];
}
std::span<const std::uint32_t> Catalog::BandTablesFor(SubstanceIndex s) const {
  return bands_by_substance_[s];
}
std::span<const std::uint32_t> Catalog::RegimenRulesFor(SubstanceIndex s) const {
  return regimen_rules_by_substance_[s];
}

bool Catalog::SlotMatches(std::size_t rule, std::size_t slot, SubstanceIndex s) const {
  return slot_matches_[rule][slot][s] != 0;
}

std::vector<const Interaction*> Catalog::InteractionsInvolving(SubstanceIndex s) const {
  std::vector<const Interaction*> out;
  for (const Interaction& ix : data_.interactions) {
    if (Matches(s, ix.a) || Matches(s, ix.b)) out.push_back(&ix);
  }
  return out;
}

std::vector<const CombinationRule*> Catalog::CombinationsInvolving(SubstanceIndex s) const {
  std::vector<const CombinationRule*> out;
  for (std::size_t r = 0; r < data_.combinations.size(); ++r) {
    for (std::size_t k = 0; k < data_.combinations[r].slots.size(); ++k) {
      if (SlotMatches(r, k, s)) {
        out.push_back(&data_.combinations[r]);
        break;
      }
    }
  }
  return out;
}

std::vector<std::string> Catalog::RuleIds() const {
  std::vector<std::string> out;
  for (const auto& x : data_.interactions) out.push_back(x.id);
  for (const auto& x : data_.contraindications) out.push_back(x.id);
  for (const auto& x : data_.combinations) out.push_back(x.id);
  for (const auto& t : data_.band_tables) {
    if (t.per_dose) out.push_back(t.PerDoseRuleId());
    if (t.per_day) out.push_back(t.PerDayRuleId());
  }
  for (const auto& x : data_.regimen_rules) out.push_back(x.id);
  for (const auto& s : data_.substances) {
    if (s.potency && s.potency->unknown) out.push_back(s.potency->unknown->rule_id);
  }
  for (const auto& c : data_.classes) {
    if (c.duplication) out.push_back("dup.class." + c.id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

const ObservationLimit* Catalog::ObservationLimitFor(std::string_view code) const {
  const std::string key = NormalizeName(code);
  for (const ObservationLimit& l : data_.observation_limits) {
    for (const std::string& c : l.codes) {
      if (NormalizeName(c) == key) return &l;
    }
  }
  return nullptr;
}

}  // namespace pineal::kb
