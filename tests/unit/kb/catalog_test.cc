// The real knowledge base: it loads, passes lint, and its indexes answer the
// questions the engine asks (checked against knowledge/*.yaml by hand).
#include <gtest/gtest.h>

#include <algorithm>

#include "pineal/kb/catalog_loader.h"
#include "pineal/kb/catalog_parse.h"
#include "pineal/kb/names.h"

namespace pineal::kb {
namespace {

const Catalog& Real() {
  static const Catalog* c = [] {
    auto loaded = LoadCatalog(std::string(PINEAL_SOURCE_ROOT) + "/knowledge");
    EXPECT_TRUE(loaded.ok()) << loaded.status().ToString();
    return new Catalog(std::move(loaded).value());
  }();
  return *c;
}

std::string IdOf(std::string_view name) {
  auto s = Real().ResolveSubstance(name);
  return s ? Real().substance(*s).id : "?";
}

TEST(RealKnowledge, PassesLintWithoutErrors) {
  const LintReport report = LintKnowledgeDir(std::string(PINEAL_SOURCE_ROOT) + "/knowledge");
  EXPECT_TRUE(report.ok()) << report.ToString();
}

TEST(RealKnowledge, EveryEntryCitesAResolvableReference) {
  const Catalog& c = Real();
  auto check = [&](const std::vector<std::string>& refs, const std::string& id) {
    EXPECT_FALSE(refs.empty()) << id;
    for (const auto& r : refs) EXPECT_NE(c.FindReference(r), nullptr) << id << " -> " << r;
  };
  for (const auto& x : c.substances()) check(x.refs, x.id);
  for (const auto& x : c.classes()) check(x.refs, x.id);
  for (const auto& x : c.conditions()) check(x.refs, x.id);
  for (const auto& x : c.contraindications()) check(x.refs, x.id);
  for (const auto& x : c.interactions()) check(x.refs, x.id);
  for (const auto& x : c.combinations()) check(x.refs, x.id);
  for (const auto& x : c.band_tables()) check(x.refs, x.id);
  for (const auto& x : c.regimen_rules()) check(x.refs, x.id);
}

TEST(RealKnowledge, NamesSynonymsAndBrandsResolveCaseInsensitively) {
  EXPECT_EQ(IdOf("Melatonin"), "melatonin");
  EXPECT_EQ(IdOf("CIRCADIN"), "melatonin");
  EXPECT_EQ(IdOf("luvox"), "fluvoxamine");
  EXPECT_EQ(IdOf("Fluvoxamine 50 mg tablets"), "fluvoxamine");
  EXPECT_EQ(IdOf("zolpidem tartrate 10mg"), "zolpidem");
  EXPECT_EQ(IdOf("Kratom"), "kratom_leaf");
  EXPECT_EQ(IdOf("ketum"), "kratom_leaf");
  EXPECT_EQ(IdOf("kratom shot"), "kratom_extract");
  EXPECT_EQ(IdOf("7-OH"), "kratom_7oh_product");
  EXPECT_EQ(IdOf("rifampin"), "rifampicin");
  EXPECT_EQ(IdOf("smoking"), "tobacco_smoke");
  EXPECT_EQ(IdOf("codeine-free cough syrup"), "?");  // whole words only
  EXPECT_EQ(IdOf("paracetamol"), "?");
}

TEST(RealKnowledge, ConditionsResolve) {
  auto id = [](std::string_view n) {
    auto c = Real().ResolveCondition(n);
    return c ? Real().condition(*c).id : "?";
  };
  EXPECT_EQ(id("Liver disease"), "hepatic_impairment");
  EXPECT_EQ(id("hepatic impairment"), "hepatic_impairment");
  EXPECT_EQ(id("Epilepsy"), "seizure_disorder");
  EXPECT_EQ(id("type 2 diabetes"), "diabetes");
  EXPECT_EQ(id("gout"), "?");
}

TEST(RealKnowledge, ClassClosureFollowsIncludes) {
  const Catalog& c = Real();
  const auto methadone = *c.SubstanceIndexOf("methadone");
  EXPECT_TRUE(c.Matches(methadone, "opioid_full_agonists"));
  EXPECT_TRUE(c.Matches(methadone, "opioids"));          // opioids includes full agonists
  EXPECT_TRUE(c.Matches(methadone, "cns_depressants"));  // which includes opioids
  EXPECT_TRUE(c.Matches(methadone, "qt_prolonging"));
  EXPECT_FALSE(c.Matches(methadone, "benzodiazepines"));
  const auto naloxone = *c.SubstanceIndexOf("naloxone");
  EXPECT_FALSE(c.Matches(naloxone, "opioid_antagonists"));  // rescue: never warned against
  const auto metoprolol = *c.SubstanceIndexOf("metoprolol");
  EXPECT_TRUE(c.Matches(metoprolol, "antihypertensives"));
}

std::vector<std::string> Between(std::string_view a, std::string_view b) {
  const Catalog& c = Real();
  std::vector<std::string> out;
  for (auto k : c.InteractionsBetween(*c.SubstanceIndexOf(a), *c.SubstanceIndexOf(b))) {
    out.push_back(c.interactions()[k].id);
  }
  return out;
}

TEST(RealKnowledge, PairTableAppliesSupersedes) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Between("melatonin", "fluvoxamine"), V{"ix.melatonin.fluvoxamine"});
  EXPECT_EQ(Between("fluvoxamine", "melatonin"), V{"ix.melatonin.fluvoxamine"});
  EXPECT_EQ(Between("melatonin", "ciprofloxacin"), V{"ix.melatonin.cyp1a2_inhibitors"});
  EXPECT_EQ(Between("kratom_leaf", "tramadol"), V{"ix.kratom.tramadol"});
  EXPECT_EQ(Between("melatonin", "kratom_leaf"), V{"ix.melatonin.kratom"});
  V methadone = Between("kratom_leaf", "methadone");
  std::sort(methadone.begin(), methadone.end());
  EXPECT_EQ(methadone, (V{"ix.kratom.opioid_full_agonists", "ix.kratom.qt_prolonging"}));
  EXPECT_TRUE(Between("melatonin", "levothyroxine").empty());  // thyroid: informational only
  EXPECT_TRUE(Between("melatonin", "naloxone").empty());
}

TEST(RealKnowledge, MelatoninBandsFollowTheGuardrails) {
  // melatonin.md §8: <=0.5 physiological; 0.5-5 standard; >5-10 high;
  // >10-100 research (sign-off); >100 mg or >300 mg/day hard stop.
  const Catalog& c = Real();
  const auto it = std::find_if(c.band_tables().begin(), c.band_tables().end(),
                               [](const BandTable& t) { return t.id == "band.melatonin.adult"; });
  ASSERT_NE(it, c.band_tables().end());
  const auto& d = it->per_dose->bands;
  ASSERT_EQ(d.size(), 5u);
  EXPECT_EQ(*d[0].to, 0.5);
  EXPECT_EQ(*d[1].to, 5.0);
  EXPECT_EQ(*d[2].to, 10.0);
  EXPECT_EQ(*d[3].to, 100.0);
  EXPECT_EQ(d[3].severity, Severity::kMajor);
  EXPECT_EQ(d[4].severity, Severity::kContraindicated);
  const auto& day = it->per_day->bands;
  EXPECT_EQ(day[3].from, 10.0);
  EXPECT_EQ(*day[3].to, 300.0);
  EXPECT_EQ(day.back().severity, Severity::kContraindicated);
}

TEST(RealKnowledge, KratomLeafContentDefaultsAndRange) {
  const Catalog& c = Real();
  const Substance& leaf = c.substance(*c.SubstanceIndexOf("kratom_leaf"));
  ASSERT_TRUE(leaf.potency);
  EXPECT_EQ(leaf.potency->default_content_mg_per_g, 15.0);  // kratom.md §1
  EXPECT_EQ(leaf.potency->content_low_mg_per_g, 4.0);
  EXPECT_EQ(leaf.potency->content_high_mg_per_g, 27.0);
  const Substance& seven = c.substance(*c.SubstanceIndexOf("kratom_7oh_product"));
  ASSERT_TRUE(seven.potency && seven.potency->unknown);
  EXPECT_TRUE(seven.potency->unknown->always);
}

TEST(RealKnowledge, SeverityLikelihoodAndEvidenceAreSeparateFields) {
  const Catalog& c = Real();
  const auto it =
      std::find_if(c.interactions().begin(), c.interactions().end(),
                   [](const Interaction& i) { return i.id == "ix.melatonin.caffeine"; });
  ASSERT_NE(it, c.interactions().end());
  EXPECT_EQ(it->severity, Severity::kMinor);
  EXPECT_EQ(it->likelihood, Likelihood::kLikely);
  EXPECT_EQ(it->evidence, EvidenceLevel::kB);
}

TEST(RealKnowledge, LocalCodesAreAddedToEverySubstance) {
  for (const auto& s : Real().substances()) {
    EXPECT_TRUE(std::any_of(s.codes.begin(), s.codes.end(), [&](const Code& code) {
      return code.system == kLocalSubstanceSystem && code.code == s.id;
    })) << s.id;
  }
}

TEST(RealKnowledge, ReferencesFromPkFolderAreMergedWithoutConflict) {
  // knowledge/pk/references.yaml shares ids such as harpsoe2015 with the main file.
  const Catalog& c = Real();
  ASSERT_NE(c.FindReference("harpsoe2015"), nullptr);
  EXPECT_EQ(c.FindReference("harpsoe2015")->pmid, "26008214");
  EXPECT_NE(c.FindReference("vangeijlswijk2010_psychopharm"), nullptr);
}

TEST(Names, NormalizeAndCandidates) {
  EXPECT_EQ(NormalizeName("  Zolpidem   Tartrate\t"), "zolpidem tartrate");
  EXPECT_EQ(NameCandidates("A b c"), (std::vector<std::string>{"a b c", "a b", "a"}));
  EXPECT_TRUE(NameCandidates("   ").empty());
}

TEST(Content, ParsesMassPerMass) {
  EXPECT_DOUBLE_EQ(*ParseContentMgPerG("15 mg/g"), 15.0);
  EXPECT_DOUBLE_EQ(*ParseContentMgPerG("0.02 g/g"), 20.0);
  EXPECT_DOUBLE_EQ(*ParseContentMgPerG("15000 ug/g"), 15.0);
  EXPECT_FALSE(ParseContentMgPerG("15 mg").ok());
  EXPECT_FALSE(ParseContentMgPerG("15 mg/mL").ok());
  EXPECT_FALSE(ParseContentMgPerG("1.5 %").ok());
}

}  // namespace
}  // namespace pineal::kb
