// Checks over the whole list: contraindications, pairwise interactions,
// duplication and combination rules.
#include <algorithm>

#include "pineal/safety/engine_rules.h"
#include "pineal/safety/screen_context.h"

namespace pineal::safety::screen_internal {

void CheckContraindications(Context& ctx) {
  for (const Use& use : ctx.uses) {
    for (std::uint32_t ci : ctx.catalog.ContraindicationsFor(use.substance)) {
      const kb::Contraindication& c = ctx.catalog.contraindications()[ci];
      const kb::ConditionIndex cond = ctx.catalog.ContraindicationCondition(ci);
      if (!ctx.has_condition[cond]) continue;
      Finding f;
      f.rule_id = c.id;
      f.key = c.id + "|" + ctx.Id(use.substance);
      f.kind = FindingKind::kContraindication;
      f.severity = c.severity;
      f.title = c.title;
      // Named as recorded when narrower conditions implied it (is_a).
      std::string condition = ctx.catalog.condition(cond).name;
      if (const auto& via = ctx.condition_via[cond]; !via.empty()) {
        std::vector<std::string> names;
        for (kb::ConditionIndex v : via) names.push_back(ctx.catalog.condition(v).name);
        condition += " (recorded: " + Join(names, ", ") + ")";
      }
      f.message = DescribeUse(ctx, use) + " with " + condition + ": " + c.message;
      f.action = c.action;
      f.refs = c.refs;
      f.substances = {ctx.Id(use.substance)};
      f.evidence = c.evidence;
      f.involves_proposed = use.proposed;
      ctx.out.push_back(std::move(f));
    }
  }
}

namespace {

// Who may be pregnant: not a man, and of an age at which pregnancy occurs.
// WHO counts 15-49 years as reproductive age; 12-55 is asked, to err on the
// side of asking. An unknown age may be any age.
bool MayBePregnant(const PatientSnapshot& p) {
  if (p.sex == Sex::kMale) return false;
  return !p.age_years || (*p.age_years >= 12 && *p.age_years <= 55);
}

}  // namespace

void CheckUnknownPregnancy(Context& ctx) {
  if (!ctx.patient.pregnancy_unknown || ctx.patient.pregnant || !MayBePregnant(ctx.patient)) {
    return;
  }
  for (const Use& use : ctx.uses) {
    if (!use.proposed) continue;
    for (std::uint32_t ci : ctx.catalog.ContraindicationsFor(use.substance)) {
      const kb::Contraindication& c = ctx.catalog.contraindications()[ci];
      const kb::ConditionIndex cond = ctx.catalog.ContraindicationCondition(ci);
      if (ctx.catalog.condition(cond).derived_from != "pregnant") continue;
      Finding f;
      f.rule_id = std::string(rules::kPregnancyUnknown);
      f.key = f.rule_id + "|" + ctx.Id(use.substance);
      f.kind = FindingKind::kCouldNotEvaluate;
      // As severe as the rule it could not rule out, at least major: a
      // clinician records the status (or overrides with a reason) first.
      f.severity = std::max(c.severity, kb::Severity::kMajor);
      f.title = "Pregnancy status not recorded";
      f.message = DescribeUse(ctx, use) +
                  ": whether the patient is pregnant is not recorded, so the rule '" + c.title +
                  "' (" + c.id + ") cannot be ruled out. " + c.message;
      f.action =
          "Record whether the patient is pregnant (and breastfeeding), then screen again; "
          "override only with a documented reason, such as a negative test.";
      f.refs = c.refs;
      f.substances = {ctx.Id(use.substance)};
      f.evidence = c.evidence;
      f.involves_proposed = true;
      ctx.out.push_back(std::move(f));
    }
  }
}

void CheckInteractions(Context& ctx) {
  for (std::size_t i = 0; i < ctx.uses.size(); ++i) {
    for (std::size_t j = i + 1; j < ctx.uses.size(); ++j) {
      const Use& a = ctx.uses[i];
      const Use& b = ctx.uses[j];
      for (std::uint32_t k : ctx.catalog.InteractionsBetween(a.substance, b.substance)) {
        const kb::Interaction& ix = ctx.catalog.interactions()[k];
        // Name the side that matches `a` of the rule first.
        const bool a_first = ctx.catalog.MatchesSideA(k, a.substance);
        const Use& first = a_first ? a : b;
        const Use& second = a_first ? b : a;
        const std::string& id_a = ctx.Id(a.substance);
        const std::string& id_b = ctx.Id(b.substance);
        const bool a_smaller = id_a < id_b;
        const std::string& lo = a_smaller ? id_a : id_b;
        const std::string& hi = a_smaller ? id_b : id_a;
        Finding f;
        f.rule_id = ix.id;
        f.key.reserve(ix.id.size() + lo.size() + hi.size() + 2);
        f.key.append(ix.id).append("|").append(lo).append("+").append(hi);
        f.kind = FindingKind::kInteraction;
        f.severity = ix.severity;
        f.title = ix.title;
        f.message.reserve(first.description.size() + second.description.size() +
                          ix.consequence.size() + 8);
        f.message.append(first.description)
            .append(" with ")
            .append(second.description)
            .append(": ")
            .append(ix.consequence);
        f.mechanism = ix.mechanism;
        f.action = ix.action;
        f.refs = ix.refs;
        f.substances = {lo, hi};
        f.likelihood = ix.likelihood;
        f.evidence = ix.evidence;
        f.involves_proposed = a.proposed || b.proposed;
        ctx.out.push_back(std::move(f));
      }
    }
  }
}

void CheckDuplication(Context& ctx) {
  for (const Use& use : ctx.uses) {
    if (use.listings < 2) continue;
    Finding f;
    f.rule_id = std::string(rules::kDuplicateSubstance);
    f.key = f.rule_id + "|" + ctx.Id(use.substance);
    f.kind = FindingKind::kDuplication;
    f.severity = kb::Severity::kModerate;
    f.title = ctx.Name(use.substance) + " listed more than once";
    f.message = DescribeUse(ctx, use) +
                ": the same substance appears in more than one regimen or medicine; daily "
                "amounts add up.";
    f.action =
        "Keep one regimen for the substance, or confirm that both are intended and "
        "check the combined daily amount.";
    f.substances = {ctx.Id(use.substance)};
    f.involves_proposed = use.proposed;
    ctx.out.push_back(std::move(f));
  }
  for (std::size_t c = 0; c < ctx.catalog.classes().size(); ++c) {
    const kb::SubstanceClass& cls = ctx.catalog.classes()[c];
    if (!cls.duplication) continue;
    std::vector<kb::SubstanceIndex> members;
    bool proposed = false;
    std::vector<std::string> described;
    for (const Use& use : ctx.uses) {
      if (use.listings == 0 ||
          !ctx.catalog.IsMember(use.substance, static_cast<kb::ClassIndex>(c))) {
        continue;
      }
      members.push_back(use.substance);
      proposed = proposed || use.proposed;
      described.push_back(DescribeUse(ctx, use));
    }
    if (members.size() < 2) continue;
    Finding f;
    f.rule_id = std::string(rules::kDuplicateClassPrefix) + cls.id;
    f.key = f.rule_id + "|" + SubstanceKey(ctx, members);
    f.kind = FindingKind::kDuplication;
    f.severity = *cls.duplication;
    f.title = "Two or more " + cls.name;
    f.message = Join(described, "; ") + ": " + std::to_string(members.size()) +
                " substances from the same class (" + cls.name + ") are in use.";
    f.mechanism = cls.description;
    f.action = "Confirm that more than one is intended; prefer a single agent.";
    f.refs = cls.refs;
    f.substances = SortedIds(ctx, members);
    f.involves_proposed = proposed;
    ctx.out.push_back(std::move(f));
  }
}

namespace {

// Can the slots be filled with distinct uses? Bipartite matching where slot k
// needs min_distinct[k] uses (Kuhn's augmenting paths on slot copies).
bool Fillable(const std::vector<std::vector<std::uint8_t>>& candidate,  // [slot][use]
              const std::vector<int>& need) {
  std::vector<int> copies;  // slot index per copy
  for (std::size_t k = 0; k < need.size(); ++k) {
    for (int n = 0; n < need[k]; ++n) copies.push_back(static_cast<int>(k));
  }
  const std::size_t uses = candidate.empty() ? 0 : candidate[0].size();
  if (copies.size() > uses) return false;
  std::vector<int> owner(uses, -1);  // copy holding each use
  std::vector<std::uint8_t> visited;
  auto augment = [&](auto&& self, int copy) -> bool {
    const auto& row = candidate[static_cast<std::size_t>(copies[static_cast<std::size_t>(copy)])];
    for (std::size_t u = 0; u < uses; ++u) {
      if (!row[u] || visited[u]) continue;
      visited[u] = 1;
      if (owner[u] < 0 || self(self, owner[u])) {
        owner[u] = copy;
        return true;
      }
    }
    return false;
  };
  for (std::size_t c = 0; c < copies.size(); ++c) {
    visited.assign(uses, 0);
    if (!augment(augment, static_cast<int>(c))) return false;
  }
  return true;
}

}  // namespace

void CheckCombinations(Context& ctx) {
  const auto& rules_list = ctx.catalog.combinations();
  for (std::size_t r = 0; r < rules_list.size(); ++r) {
    const kb::CombinationRule& rule = rules_list[r];
    std::vector<std::vector<std::uint8_t>> candidate(rule.slots.size(),
                                                     std::vector<std::uint8_t>(ctx.uses.size(), 0));
    std::vector<int> need;
    std::vector<kb::SubstanceIndex> involved;
    bool proposed = false;
    bool possible = true;
    for (std::size_t k = 0; k < rule.slots.size(); ++k) {
      int count = 0;
      for (std::size_t u = 0; u < ctx.uses.size(); ++u) {
        const Use& use = ctx.uses[u];
        if (!ctx.catalog.SlotMatches(r, k, use.substance)) continue;
        if (rule.slots[k].daily && !use.daily) continue;
        candidate[k][u] = 1;
        ++count;
        if (std::find(involved.begin(), involved.end(), use.substance) == involved.end()) {
          involved.push_back(use.substance);
          proposed = proposed || use.proposed;
        }
      }
      need.push_back(rule.slots[k].min_distinct);
      if (count < rule.slots[k].min_distinct) possible = false;
    }
    if (!possible || !Fillable(candidate, need)) continue;
    std::sort(involved.begin(), involved.end(),
              [&](auto x, auto y) { return ctx.Id(x) < ctx.Id(y); });
    std::vector<std::string> described;
    for (auto s : involved) described.push_back(DescribeUse(ctx, *ctx.FindUse(s)));
    Finding f;
    f.rule_id = rule.id;
    f.key = rule.id + "|" + SubstanceKey(ctx, involved);
    f.kind = FindingKind::kCombination;
    f.severity = rule.severity;
    f.title = rule.title;
    f.message = Join(described, "; ") + ": " + rule.consequence;
    f.mechanism = rule.mechanism;
    f.action = rule.action;
    f.refs = rule.refs;
    f.substances = SortedIds(ctx, involved);
    f.likelihood = rule.likelihood;
    f.evidence = rule.evidence;
    f.involves_proposed = proposed;
    ctx.out.push_back(std::move(f));
  }
}

}  // namespace pineal::safety::screen_internal
