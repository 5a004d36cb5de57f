// Resolves the snapshot and the regimens against the catalog: conditions,
// populations, and one Use per substance. Anything unresolved is a finding.
#include <algorithm>
#include <chrono>

#include "pineal/kb/name_match.h"
#include "pineal/kb/names.h"
#include "pineal/safety/engine_rules.h"
#include "pineal/safety/frequency.h"
#include "pineal/safety/screen_context.h"

namespace pineal::safety::screen_internal {
namespace {

Finding CouldNotEvaluate(std::string_view rule, std::string key, kb::Severity severity,
                         std::string title, std::string message, std::string action) {
  Finding f;
  f.rule_id = std::string(rule);
  f.key = std::move(key);
  f.kind = FindingKind::kCouldNotEvaluate;
  f.severity = severity;
  f.title = std::move(title);
  f.message = std::move(message);
  f.action = std::move(action);
  return f;
}

std::string_view KindWord(EntryKind kind) {
  switch (kind) {
    case EntryKind::kMedicine: return "medicine";
    case EntryKind::kSupplement: return "supplement";
    case EntryKind::kExposure: return "exposure";
    case EntryKind::kTherapy: return "therapy";
  }
  return "medicine";
}

long long DayNumber(Instant t) {
  return std::chrono::floor<std::chrono::days>(t).time_since_epoch().count();
}

std::string RegimenLabel(const ProposedRegimen& r, const std::optional<std::string>& formulation) {
  std::string label = "proposed";
  if (!r.label.empty()) label += " " + r.label;
  label += ": " + FormatMg(r.dose.base());
  if (formulation && !formulation->empty()) label += " " + *formulation;
  label += ", " + FormatNumber(r.doses_per_day) + "x/day";
  if (!r.indication.empty()) label += ", for " + r.indication;
  if (r.content_mg_per_g) label += ", " + FormatNumber(*r.content_mg_per_g) + " mg/g";
  return label;
}

}  // namespace

void CollectConditions(Context& ctx) {
  const std::size_t n = ctx.catalog.conditions().size();
  ctx.has_condition.assign(n, 0);
  ctx.condition_via.assign(n, {});
  std::vector<std::uint8_t> named(n, 0);
  for (const std::string& text : ctx.patient.conditions) {
    if (kb::NormalizeName(text).empty()) continue;
    if (auto c = ctx.catalog.ResolveCondition(text)) {
      named[*c] = 1;
      // The condition and every broader one it is a kind of (is_a).
      for (kb::ConditionIndex b : ctx.catalog.ConditionAndBroader(*c)) {
        ctx.has_condition[b] = 1;
        if (b != *c) ctx.condition_via[b].push_back(*c);
      }
      continue;
    }
    const std::string did_you_mean = kb::DidYouMean(ctx.catalog.SuggestConditions(text));
    ctx.out.push_back(CouldNotEvaluate(
        rules::kUnknownCondition,
        std::string(rules::kUnknownCondition) + "|" + kb::NormalizeName(text),
        kb::Severity::kModerate, "Condition not in the knowledge base: " + text,
        "The condition '" + text +
            "' is not in the knowledge base, so contraindications related to it were not checked.",
        (did_you_mean.empty()
             ? std::string("Record the condition under a name the knowledge base knows (e.g. "
                           "'liver disease', 'epilepsy')")
             : did_you_mean + " Record the condition under the catalogue name meant") +
            ", then screen again; if none fits, check it against the product information."));
  }
  // The same whatever order the list is in.
  for (std::size_t i = 0; i < n; ++i) {
    auto& via = ctx.condition_via[i];
    if (named[i]) via.clear();
    std::sort(via.begin(), via.end());
    via.erase(std::unique(via.begin(), via.end()), via.end());
  }
  for (std::size_t i = 0; i < ctx.catalog.conditions().size(); ++i) {
    const std::string& from = ctx.catalog.conditions()[i].derived_from;
    if ((from == "pregnant" && ctx.patient.pregnant) ||
        (from == "breastfeeding" && ctx.patient.breastfeeding)) {
      ctx.has_condition[i] = 1;
    }
  }
}

void CollectPopulations(Context& ctx, bool screening_regimens) {
  const auto& age = ctx.patient.age_years;
  ctx.age_known = age.has_value();
  if (!age) {
    ctx.populations.push_back(kb::Population::kAdult);
    if (screening_regimens) {
      ctx.out.push_back(CouldNotEvaluate(
          rules::kMissingAge, std::string(rules::kMissingAge), kb::Severity::kModerate,
          "Age not recorded",
          "The patient's age is not recorded: adult dose bands were applied and the bands for "
          "children and older adults could not be checked.",
          "Record the patient's date of birth and screen again."));
    }
  } else if (*age < kb::kAdultAgeYears) {
    ctx.populations.push_back(kb::Population::kChild);
  } else if (*age < kb::kOlderAdultAgeYears) {
    ctx.populations.push_back(kb::Population::kAdult);
  } else {
    ctx.populations.push_back(kb::Population::kOlderAdult);
  }
  if (ctx.patient.pregnant) ctx.populations.push_back(kb::Population::kPregnancy);
  if (ctx.patient.breastfeeding) ctx.populations.push_back(kb::Population::kBreastfeeding);
  if (auto hepatic = ctx.catalog.ConditionIndexOf("hepatic_impairment");
      hepatic && ctx.has_condition[*hepatic]) {
    ctx.populations.push_back(kb::Population::kHepaticImpairment);
  }
}

void CollectUses(Context& ctx, const std::vector<ProposedRegimen>& regimens) {
  ctx.use_index.assign(ctx.catalog.substance_count(), -1);
  ctx.uses.reserve(regimens.size() + ctx.patient.medications.size() +
                   ctx.patient.recent_doses.size() + 1);
  ctx.regimens.reserve(regimens.size());
  auto unknown = [&](std::string_view where, const std::string& name, kb::Severity severity) {
    const std::string norm = kb::NormalizeName(name);
    const std::string did_you_mean = kb::DidYouMean(ctx.catalog.SuggestSubstances(name));
    ctx.out.push_back(CouldNotEvaluate(
        rules::kUnknownSubstance,
        std::string(rules::kUnknownSubstance) + "|" + std::string(where) + ":" + norm, severity,
        "Not in the knowledge base: " + name,
        "'" + name + "' (" + std::string(where) +
            ") is not in the knowledge base, so its dose, interactions and combinations were "
            "not checked.",
        (did_you_mean.empty()
             ? std::string("Record it under its generic name")
             : did_you_mean + " Record it under the catalogue name meant (or its generic name)") +
            ", with its dose and how often it is taken, then screen again; if none fits, check "
            "it against its product information."));
    if (where == "proposed regimen") ctx.out.back().involves_proposed = true;
  };

  for (const ProposedRegimen& r : regimens) {
    auto s = ctx.catalog.ResolveSubstance(r.substance);
    if (!s) {
      unknown("proposed regimen", r.substance.empty() ? std::string("(no substance)") : r.substance,
              kb::Severity::kMajor);
      continue;
    }
    ResolvedRegimen rr;
    rr.regimen = &r;
    rr.substance = *s;
    rr.formulation = ctx.catalog.ResolveFormulation(*s, r.formulation);
    if (!kb::NormalizeName(r.indication).empty()) {
      rr.indication = kb::ParseIndication(r.indication);
      rr.indication_unknown = !rr.indication.has_value();
    }
    rr.valid_dose = r.dose.base() > 0 && r.doses_per_day > 0;
    ctx.regimens.push_back(rr);
    Use& use = ctx.UseOf(*s);
    use.proposed = true;
    use.listings += 1;
    use.daily = use.daily || r.doses_per_day >= 1.0;
    use.labels.push_back(RegimenLabel(r, rr.formulation));
  }

  for (const MedicationEntry& m : ctx.patient.medications) {
    if (m.kind == EntryKind::kTherapy || kb::NormalizeName(m.name).empty()) continue;
    auto s = ctx.catalog.ResolveSubstance(m.name);
    if (!s) {
      unknown("current " + std::string(KindWord(m.kind)), m.name, kb::Severity::kModerate);
      continue;
    }
    Use& use = ctx.UseOf(*s);
    use.listings += 1;
    const auto per_day = m.doses_per_day ? m.doses_per_day : ParseDosesPerDay(m.frequency);
    use.daily = use.daily || (per_day && *per_day >= 1.0);
    std::optional<Mass> dose = m.dose;
    if (!dose && !m.dose_text.empty()) {
      if (auto parsed = Mass::Parse(m.dose_text); parsed.ok()) dose = *parsed;
    }
    std::string label = "current " + std::string(KindWord(m.kind)) + ": " + m.name;
    if (!m.dose_text.empty()) {
      label += " " + m.dose_text;
    } else if (m.dose) {
      label += " " + m.dose->ToString();
    }
    if (!m.frequency.empty()) label += " " + m.frequency;
    use.labels.push_back(std::move(label));
    if (per_day && dose) use.listed_daily_mg += dose->base() * *per_day;
  }

  if (ctx.patient.smoker) {
    if (auto s = ctx.catalog.SubstanceIndexOf("tobacco_smoke")) {
      ctx.UseOf(*s).labels.push_back("smoker");
      ctx.UseOf(*s).daily = true;
    }
  }

  const long long today = DayNumber(ctx.now);
  for (const DoseEventEntry& e : ctx.patient.recent_doses) {
    if (e.taken_at > ctx.now) continue;
    const auto age = ctx.now - e.taken_at;
    if (age >= std::chrono::hours(24 * kRecentUseDays)) continue;
    auto s = ctx.catalog.ResolveSubstance(e.substance);
    if (!s) {
      unknown("dose log", e.substance, kb::Severity::kModerate);
      continue;
    }
    Use& use = ctx.UseOf(*s);
    const int day = static_cast<int>(today - DayNumber(e.taken_at));
    if (std::find(use.event_days.begin(), use.event_days.end(), day) == use.event_days.end()) {
      use.event_days.push_back(day);
    }
    if (age < std::chrono::hours(24) && e.amount) {
      use.intake_24h_mg += e.amount->base();
      use.has_intake_24h = true;
    }
  }

  // A canonical order, so nothing downstream depends on the input order.
  std::sort(ctx.uses.begin(), ctx.uses.end(),
            [](const Use& a, const Use& b) { return a.substance < b.substance; });
  for (std::size_t i = 0; i < ctx.uses.size(); ++i) {
    ctx.use_index[ctx.uses[i].substance] = static_cast<int>(i);
  }
  for (Use& use : ctx.uses) {
    if (!use.event_days.empty()) {
      const auto days = use.event_days.size();
      use.labels.push_back("dose log: taken on " + std::to_string(days) +
                           (days == 1 ? " day" : " days") + " in the last 7 days");
      if (static_cast<int>(days) >= kDailyUseMinDays) use.daily = true;
    }
    std::sort(use.labels.begin(), use.labels.end());
    use.labels.erase(std::unique(use.labels.begin(), use.labels.end()), use.labels.end());
    use.description = DescribeUse(ctx, use);
  }
}

}  // namespace pineal::safety::screen_internal
