// Parser for dose-band tables: quantities are parsed with the unit the scale
// declares, so "0.5 mg" in a mg/kg scale is an error, not a silent conversion.
#include <string>

#include "pineal/core/quantity.h"
#include "pineal/kb/catalog_parse.h"
#include "pineal/kb/yaml_entry_reader.h"

namespace pineal::kb::catalog_yaml {
namespace {

Result<double> ParseBound(BandUnit unit, const std::string& text) {
  if (unit == BandUnit::kMass) {
    PINEAL_ASSIGN_OR_RETURN(Mass m, Mass::Parse(text));
    return m.base();
  }
  PINEAL_ASSIGN_OR_RETURN(DosePerWeight d, DosePerWeight::Parse(text));
  return d.base();
}

std::optional<BandScale> ReadScale(EntryReader& table, std::string_view key, LintReport& report) {
  const YAML::Node n = table.Child(key);
  if (!n.IsDefined() || n.IsNull()) return std::nullopt;
  const std::string what = table.entry() + " " + std::string(key);
  EntryReader r(n, table.file(), what, report);
  if (!r.is_map()) return std::nullopt;
  r.AllowKeys({"unit", "bands"});
  BandScale scale;
  const std::string unit = r.Text("unit");
  if (unit == "mass") {
    scale.unit = BandUnit::kMass;
  } else if (unit == "mass_per_kg") {
    scale.unit = BandUnit::kMassPerKg;
  } else if (!unit.empty()) {
    r.Error(r.Child("unit"), "unit must be 'mass' or 'mass_per_kg'");
  }
  const YAML::Node bands = r.Child("bands");
  if (!bands.IsDefined() || !bands.IsSequence()) {
    r.Error(bands.IsDefined() ? bands : n, "'bands' must be a list");
    return scale;
  }
  for (const auto& b : bands) {
    EntryReader br(b, table.file(), table.entry(), report);
    if (!br.is_map()) continue;
    br.AllowKeys({"from", "to", "level", "severity", "note", "refs"});
    Band band;
    band.where = br.where();
    band.from_text = br.Text("from");
    band.to_text = br.Text("to", false);
    if (!band.from_text.empty()) {
      auto v = ParseBound(scale.unit, band.from_text);
      if (v.ok()) {
        band.from = *v;
      } else {
        br.Error(br.Child("from"), std::string(key) + ": unparseable quantity '" + band.from_text +
                                       "': " + v.status().message());
        band.parsed = false;
      }
    }
    if (!band.to_text.empty()) {
      auto v = ParseBound(scale.unit, band.to_text);
      if (v.ok()) {
        band.to = *v;
      } else {
        br.Error(br.Child("to"), std::string(key) + ": unparseable quantity '" + band.to_text +
                                     "': " + v.status().message());
        band.parsed = false;
      }
    }
    band.level = br.Enum<BandLevel>("level", ParseBandLevel,
                                    "physiological, standard, high, very_high, outside_evidence")
                     .value_or(BandLevel::kStandard);
    const std::string sev = br.Text("severity", false);
    if (sev.empty()) {
      band.severity = DefaultBandSeverity(band.level);
    } else if (sev != "none") {
      band.severity = ParseSeverity(sev);
      if (!band.severity) {
        br.Error(br.Child("severity"), "'severity' is '" + sev +
                                           "'; allowed: none, info, minor, moderate, major, "
                                           "contraindicated");
      }
    }
    band.note = br.Text("note");
    band.refs = br.TextList("refs");
    scale.bands.push_back(std::move(band));
  }
  return scale;
}

}  // namespace

void ParseBandTable(const YAML::Node& node, const std::string& file, LintReport& report,
                    CatalogData& out) {
  EntryReader r(node, file, "dose band table", report);
  if (!r.is_map()) return;
  r.AllowKeys({"id", "subject", "formulations", "indications", "populations", "age_years", "basis",
               "per_dose", "per_day", "refs"});
  BandTable t;
  t.id = r.Text("id");
  t.subject = r.Text("subject");
  t.formulations = r.TextList("formulations");
  for (const std::string& text : r.TextList("indications")) {
    if (auto i = ParseIndication(text)) {
      t.indications.push_back(*i);
    } else {
      r.Error(r.Child("indications"), "unknown indication '" + text + "'");
    }
  }
  for (const std::string& text : r.TextList("populations", true)) {
    if (auto p = ParsePopulation(text)) {
      t.populations.push_back(*p);
    } else {
      r.Error(r.Child("populations"),
              "unknown population '" + text +
                  "' (allowed: adult, older_adult, child, pregnancy, breastfeeding, "
                  "hepatic_impairment)");
    }
  }
  if (const YAML::Node age = r.Child("age_years"); age.IsDefined()) {
    if (!age.IsSequence() || age.size() != 2) {
      r.Error(age, "age_years must be [min, below] (below may be null)");
    } else {
      try {
        t.age_min_years = age[0].as<double>();
        if (!age[1].IsNull()) t.age_below_years = age[1].as<double>();
      } catch (const YAML::Exception&) {
        r.Error(age, "age_years must hold numbers");
      }
    }
  }
  const std::string basis = r.Text("basis");
  if (basis == "product") {
    t.basis = DoseBasis::kProduct;
  } else if (basis == "mitragynine") {
    t.basis = DoseBasis::kMitragynine;
  } else if (!basis.empty()) {
    r.Error(r.Child("basis"), "basis must be 'product' or 'mitragynine'");
  }
  t.per_dose = ReadScale(r, "per_dose", report);
  t.per_day = ReadScale(r, "per_day", report);
  t.refs = r.TextList("refs");
  t.where = r.where();
  out.band_tables.push_back(std::move(t));
}

}  // namespace pineal::kb::catalog_yaml
