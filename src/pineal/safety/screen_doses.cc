// Dose checks for each screened regimen: dose bands (per dose and per day),
// frequency and course-length rules, unknown potency; and the last 24 h of
// logged intake against per-day bands.
#include <algorithm>

#include "pineal/safety/engine_rules.h"
#include "pineal/safety/screen_context.h"

namespace pineal::safety::screen_internal {
namespace {

bool Contains(const std::vector<std::string>& v, const std::string& x) {
  return std::find(v.begin(), v.end(), x) != v.end();
}

bool PopulationMatches(const Context& ctx, const kb::BandTable& t) {
  const bool group = std::any_of(t.populations.begin(), t.populations.end(), [&](auto p) {
    return std::find(ctx.populations.begin(), ctx.populations.end(), p) != ctx.populations.end();
  });
  if (!group) return false;
  if (t.age_min_years || t.age_below_years) {
    if (!ctx.age_known) return false;
    const double age = *ctx.patient.age_years;
    if (t.age_min_years && age < *t.age_min_years) return false;
    if (t.age_below_years && age >= *t.age_below_years) return false;
  }
  return true;
}

bool FormulationMatches(const std::vector<std::string>& allowed,
                        const std::optional<std::string>& formulation) {
  return allowed.empty() || (formulation && Contains(allowed, *formulation));
}

bool IndicationMatches(const std::vector<kb::Indication>& allowed,
                       const std::optional<kb::Indication>& indication) {
  return allowed.empty() ||
         (indication && std::find(allowed.begin(), allowed.end(), *indication) != allowed.end());
}

std::string PopulationText(const kb::BandTable& t) {
  std::string who;
  for (auto p : t.populations) {
    if (!who.empty()) who += " and ";
    switch (p) {
      case kb::Population::kAdult: who += "adults"; break;
      case kb::Population::kOlderAdult: who += "older adults"; break;
      case kb::Population::kChild: who += "children"; break;
      case kb::Population::kPregnancy: who += "pregnancy"; break;
      case kb::Population::kBreastfeeding: who += "breast-feeding"; break;
      case kb::Population::kHepaticImpairment: who += "hepatic impairment"; break;
    }
  }
  if (t.age_min_years || t.age_below_years) {
    who += " aged " + FormatNumber(t.age_min_years.value_or(0));
    who += t.age_below_years ? " to under " + FormatNumber(*t.age_below_years) + " y" : "+ y";
  }
  return who;
}

std::string UnitText(kb::BandUnit unit, double value) {
  return unit == kb::BandUnit::kMass ? FormatMg(value) : FormatNumber(value) + " mg/kg";
}

std::string RangeText(const kb::Band& b) {
  if (b.from == 0.0 && b.to) return "up to " + b.to_text;
  if (!b.to) return "above " + b.from_text;
  return "above " + b.from_text + " up to " + b.to_text;
}

const kb::Band* FindBand(const kb::BandScale& scale, double value) {
  for (const kb::Band& b : scale.bands) {
    if (value > b.from && (!b.to || value <= *b.to)) return &b;
  }
  // 0 falls in the first band (which starts at 0).
  return scale.bands.empty() || value > 0 ? nullptr : &scale.bands.front();
}

struct BandHit {
  const kb::BandTable* table;
  const kb::BandScale* scale;
  bool per_day;
  double value;           // in the scale's unit
  std::string what;       // "per dose", "per day (all regimens and current medicines)"
  std::string qualifier;  // key suffix
  bool proposed;
};

void Report(Context& ctx, kb::SubstanceIndex s, const BandHit& hit, FindingKind kind) {
  const kb::Band* band = FindBand(*hit.scale, hit.value);
  if (band == nullptr || !band->severity) return;
  const kb::BandTable& t = *hit.table;
  Finding f;
  f.rule_id = hit.per_day ? t.PerDayRuleId() : t.PerDoseRuleId();
  f.key = f.rule_id + "|" + ctx.Id(s) + "|" + hit.qualifier;
  f.kind = kind;
  f.severity = *band->severity;
  f.title = ctx.Name(s) + ": " + std::string(kb::BandLevelLabel(band->level)) + " " +
            (hit.per_day ? "daily amount" : "dose");
  f.message = ctx.Name(s) + " " + UnitText(hit.scale->unit, hit.value) + " " + hit.what +
              " is in the " + std::string(kb::BandLevelLabel(band->level)) + " band (" +
              RangeText(*band) + (hit.per_day ? " per day" : " per dose") + ") for " +
              PopulationText(t) + ": " + band->note + ".";
  if (t.basis == kb::DoseBasis::kMitragynine) {
    f.message += " Amounts are mitragynine, from the recorded product content.";
  }
  f.action = ActionForSeverity(f.severity);
  AddRefs(f.refs, band->refs);
  AddRefs(f.refs, t.refs);
  f.substances = {ctx.Id(s)};
  f.involves_proposed = hit.proposed;
  ctx.out.push_back(std::move(f));
}

Finding EngineFinding(const Context& ctx, std::string_view rule, std::string key,
                      kb::Severity severity, std::string title, std::string message,
                      std::string action, kb::SubstanceIndex s) {
  Finding f;
  f.rule_id = std::string(rule);
  f.key = std::move(key);
  f.kind = FindingKind::kCouldNotEvaluate;
  f.severity = severity;
  f.title = std::move(title);
  f.message = std::move(message);
  f.action = std::move(action);
  f.substances = {ctx.Id(s)};
  f.involves_proposed = true;
  return f;
}

// Daily total (product mass, mg) of a substance over all regimens and listed medicines.
double DailyProductMg(const Context& ctx, kb::SubstanceIndex s) {
  double total = 0.0;
  for (const ResolvedRegimen& rr : ctx.regimens) {
    if (rr.substance == s && rr.valid_dose) {
      total += rr.regimen->dose.base() * rr.regimen->doses_per_day;
    }
  }
  if (const Use* use = ctx.FindUse(s)) total += use->listed_daily_mg;
  return total;
}

// Daily mitragynine (mg) over regimens of the substance with a recorded content.
double DailyContentMg(const Context& ctx, kb::SubstanceIndex s) {
  double total = 0.0;
  for (const ResolvedRegimen& rr : ctx.regimens) {
    if (rr.substance == s && rr.valid_dose && rr.regimen->content_mg_per_g) {
      total += rr.regimen->dose.base() * rr.regimen->doses_per_day * *rr.regimen->content_mg_per_g /
               1000.0;
    }
  }
  return total;
}

bool PotencyUnknown(const kb::Substance& sub, const ProposedRegimen& r) {
  return sub.potency && sub.potency->unknown &&
         (sub.potency->unknown->always || !r.content_mg_per_g);
}

void CheckBands(Context& ctx, const ResolvedRegimen& rr) {
  const ProposedRegimen& r = *rr.regimen;
  const kb::SubstanceIndex s = rr.substance;
  const std::string dose_key = FormatMg(r.dose.base());
  if (!rr.formulation) {
    // A form the bands do not know (a patch, an injection) is not comparable.
    std::string known;
    for (const auto& f : ctx.catalog.substance(s).formulations) known += " " + f.id;
    ctx.out.push_back(EngineFinding(
        ctx, rules::kNoBand, std::string(rules::kNoBand) + "|" + ctx.Id(s) + "|" + r.formulation,
        kb::Severity::kModerate, "Dose could not be checked: " + ctx.Name(s),
        "The dose could not be checked: '" + r.formulation + "' is not a known formulation of " +
            ctx.Name(s) + " (known:" + known + ").",
        "Record the formulation under a known name, or check the dose against the product "
        "information and document the decision.",
        s));
    return;
  }
  bool evaluated = false;
  for (std::uint32_t ti : ctx.catalog.BandTablesFor(s)) {
    const kb::BandTable& t = ctx.catalog.band_tables()[ti];
    if (!FormulationMatches(t.formulations, rr.formulation) ||
        !IndicationMatches(t.indications, rr.indication) || !PopulationMatches(ctx, t)) {
      continue;
    }
    double dose = r.dose.base();
    double per_day = DailyProductMg(ctx, s);
    if (t.basis == kb::DoseBasis::kMitragynine) {
      if (!r.content_mg_per_g) continue;  // no assay: the leaf bands or potency rule apply
      dose = dose * *r.content_mg_per_g / 1000.0;
      per_day = DailyContentMg(ctx, s);
    }
    evaluated = true;
    const bool per_kg = (t.per_dose && t.per_dose->unit == kb::BandUnit::kMassPerKg) ||
                        (t.per_day && t.per_day->unit == kb::BandUnit::kMassPerKg);
    if (per_kg && !ctx.patient.weight_kg) {
      ctx.out.push_back(EngineFinding(
          ctx, rules::kMissingWeight,
          std::string(rules::kMissingWeight) + "|" + ctx.Id(s) + "|" + t.id,
          kb::Severity::kModerate, "Weight needed for a mg/kg dose band",
          "A weight-based band (" + t.id + ", " + PopulationText(t) + ") applies to " +
              ctx.Name(s) + " but no weight is recorded, so the dose per kg could not be checked.",
          "Record the patient's weight and screen again.", s));
      continue;
    }
    const double weight = ctx.patient.weight_kg.value_or(1.0);
    if (t.per_dose) {
      const double v = t.per_dose->unit == kb::BandUnit::kMassPerKg ? dose / weight : dose;
      Report(ctx, s, {&t, &*t.per_dose, false, v, "per dose", dose_key, true}, FindingKind::kDose);
    }
    if (t.per_day) {
      const double v = t.per_day->unit == kb::BandUnit::kMassPerKg ? per_day / weight : per_day;
      Report(ctx, s,
             {&t, &*t.per_day, true, v, "per day (all regimens and listed medicines)", "per_day",
              true},
             FindingKind::kCumulativeDailyAmount);
    }
  }
  if (!evaluated && !PotencyUnknown(ctx.catalog.substance(s), r)) {
    std::string why = "no dose band covers " + ctx.Name(s);
    if (!rr.formulation->empty()) why += " " + *rr.formulation;
    if (rr.indication) why += " for " + std::string(kb::IndicationLabel(*rr.indication));
    why += " in this patient";
    ctx.out.push_back(EngineFinding(
        ctx, rules::kNoBand,
        std::string(rules::kNoBand) + "|" + ctx.Id(s) + "|" + r.formulation + "|" + r.indication,
        kb::Severity::kModerate, "Dose could not be checked: " + ctx.Name(s),
        "The dose could not be checked: " + why + ".",
        "Check the dose against the product information and document the decision.", s));
  }
}

void CheckRegimenRules(Context& ctx, const ResolvedRegimen& rr) {
  const ProposedRegimen& r = *rr.regimen;
  const kb::SubstanceIndex s = rr.substance;
  for (std::uint32_t ri : ctx.catalog.RegimenRulesFor(s)) {
    const kb::RegimenRule& rule = ctx.catalog.regimen_rules()[ri];
    if (!FormulationMatches(rule.formulations, rr.formulation) ||
        !IndicationMatches(rule.indications, rr.indication)) {
      continue;
    }
    auto fire = [&](std::string detail, std::string qualifier,
                    FindingKind kind = FindingKind::kFrequency) {
      Finding f;
      f.rule_id = rule.id;
      f.key = rule.id + "|" + ctx.Id(s) + "|" + qualifier;
      f.kind = kind;
      f.severity = rule.severity;
      f.title = rule.title;
      f.message = detail + " " + rule.message;
      f.action = rule.action;
      f.refs = rule.refs;
      f.substances = {ctx.Id(s)};
      f.involves_proposed = true;
      ctx.out.push_back(std::move(f));
    };
    if (rule.indication_evidence_weak && rr.indication) {
      // The API's finding kinds have none for evidence: the nearest is a
      // substance in the condition it is given for.
      fire(ctx.Name(s) + " for " + std::string(kb::IndicationLabel(*rr.indication)) +
               ": evidence none or weak.",
           std::string(kb::IndicationName(*rr.indication)), FindingKind::kContraindication);
    }
    if (rule.max_doses_per_day && r.doses_per_day > *rule.max_doses_per_day) {
      fire(ctx.Name(s) + " is planned " + FormatNumber(r.doses_per_day) + " times a day (limit " +
               FormatNumber(*rule.max_doses_per_day) + ").",
           FormatNumber(r.doses_per_day));
    }
    if (rule.regular_use_doses_per_day && r.doses_per_day >= *rule.regular_use_doses_per_day) {
      fire(ctx.Name(s) + " is planned " + FormatNumber(r.doses_per_day) +
               " times a day on average: regular use.",
           "regular");
    }
    if (rule.max_course_days) {
      if (!r.duration_days) {
        ctx.out.push_back(EngineFinding(
            ctx, rules::kMissingDuration,
            std::string(rules::kMissingDuration) + "|" + ctx.Id(s) + "|" + rule.id,
            kb::Severity::kMinor, "Course length not recorded",
            "Rule " + rule.id + " limits the course to " + std::to_string(*rule.max_course_days) +
                " days, but the regimen has no planned duration.",
            "Record the planned duration (days).", s));
      } else if (*r.duration_days > *rule.max_course_days) {
        fire(ctx.Name(s) + " is planned for " + std::to_string(*r.duration_days) + " days (limit " +
                 std::to_string(*rule.max_course_days) + ").",
             std::to_string(*r.duration_days) + "d");
      }
    }
  }
}

}  // namespace

void CheckRegimenDoses(Context& ctx) {
  for (const ResolvedRegimen& rr : ctx.regimens) {
    const kb::SubstanceIndex s = rr.substance;
    if (rr.indication_unknown) {
      ctx.out.push_back(EngineFinding(
          ctx, rules::kUnknownIndication,
          std::string(rules::kUnknownIndication) + "|" + ctx.Id(s) + "|" + rr.regimen->indication,
          kb::Severity::kMinor, "Indication not recognised: " + rr.regimen->indication,
          "The indication '" + rr.regimen->indication +
              "' is not recognised, so indication-specific bands and course limits were not "
              "applied.",
          "Use one of: insomnia, jet lag, shift work, delayed sleep phase, chronic fatigue, pain, "
          "opioid withdrawal, research (or a claimed use such as fibromyalgia, which is "
          "recognised to report its weak evidence).",
          s));
    }
    if (!rr.valid_dose) {
      ctx.out.push_back(EngineFinding(
          ctx, rules::kInvalidDose,
          std::string(rules::kInvalidDose) + "|" + ctx.Id(s) + "|" +
              FormatMg(rr.regimen->dose.base()) + "|" + FormatNumber(rr.regimen->doses_per_day),
          kb::Severity::kMajor, "Invalid dose for " + ctx.Name(s),
          "The regimen's dose (" + FormatMg(rr.regimen->dose.base()) + ") and doses per day (" +
              FormatNumber(rr.regimen->doses_per_day) + ") must both be above zero.",
          "Correct the regimen.", s));
      continue;
    }
    CheckBands(ctx, rr);
    CheckRegimenRules(ctx, rr);
  }
}

// Checks a daily amount that is not a proposed regimen's (logged intake or a
// listed medicine) against the substance's general per-day mass bands.
void CheckDailyAmount(Context& ctx, const Use& use, double amount_mg, const char* what,
                      const char* tag) {
  const kb::Substance& sub = ctx.catalog.substance(use.substance);
  const std::optional<std::string> formulation =
      sub.default_formulation.empty() ? std::optional<std::string>() : sub.default_formulation;
  for (std::uint32_t ti : ctx.catalog.BandTablesFor(use.substance)) {
    const kb::BandTable& t = ctx.catalog.band_tables()[ti];
    if (!t.per_day || t.per_day->unit != kb::BandUnit::kMass ||
        t.basis != kb::DoseBasis::kProduct || !t.indications.empty() ||
        !FormulationMatches(t.formulations, formulation) || !PopulationMatches(ctx, t)) {
      continue;
    }
    Report(ctx, use.substance, {&t, &*t.per_day, true, amount_mg, what, tag, false},
           FindingKind::kCumulativeDailyAmount);
  }
}

void CheckRecentIntake(Context& ctx) {
  for (const Use& use : ctx.uses) {
    if (!use.has_intake_24h) continue;
    CheckDailyAmount(ctx, use, use.intake_24h_mg, "taken in the last 24 h (dose log)",
                     "intake_24h");
  }
}

void CheckListedAmounts(Context& ctx) {
  for (const Use& use : ctx.uses) {
    if (use.listed_daily_mg <= 0.0 || use.proposed) continue;  // a regimen's total includes it
    CheckDailyAmount(ctx, use, use.listed_daily_mg, "per day (current medicine list)", "listed");
  }
}

void CheckPotency(Context& ctx) {
  for (const Use& use : ctx.uses) {
    const kb::Substance& sub = ctx.catalog.substance(use.substance);
    if (!sub.potency || !sub.potency->unknown) continue;
    const kb::UnknownPotencyRule& rule = *sub.potency->unknown;
    // A screened regimen with an assayed content is evaluated by the bands;
    // listed or logged use carries no assay.
    bool proposed_unknown = false;
    int regimens_of_substance = 0;
    for (const ResolvedRegimen& rr : ctx.regimens) {
      if (rr.substance != use.substance) continue;
      ++regimens_of_substance;
      if (rule.always || !rr.regimen->content_mg_per_g) proposed_unknown = true;
    }
    const bool other_use = use.listings > regimens_of_substance || !use.event_days.empty();
    const bool unknown = proposed_unknown || other_use;
    if (!unknown) continue;
    Finding f;
    f.rule_id = rule.rule_id;
    f.key = rule.rule_id + "|" + sub.id;
    f.kind = FindingKind::kUnknownPotency;
    f.severity = rule.severity;
    f.title = rule.title;
    f.message = DescribeUse(ctx, use) + ": " + rule.message;
    f.action = rule.action;
    f.refs = rule.refs;
    f.substances = {sub.id};
    f.involves_proposed = proposed_unknown;
    ctx.out.push_back(std::move(f));
  }
}

}  // namespace pineal::safety::screen_internal
