#include "case_file.h"

#include <yaml-cpp/yaml.h>

#include <cstdio>
#include <cstdlib>

#include "pineal/kb/catalog_loader.h"

namespace pineal::safety::testing {
namespace {

[[noreturn]] void Die(const std::string& msg) {
  std::fprintf(stderr, "cases.yaml: %s\n", msg.c_str());
  std::abort();
}

Mass ParseMass(const YAML::Node& n, const std::string& where) {
  auto m = Mass::Parse(n.as<std::string>());
  if (!m.ok()) Die(where + ": " + m.status().message());
  return *m;
}

std::vector<std::string> Strings(const YAML::Node& n) {
  std::vector<std::string> out;
  if (!n.IsDefined() || n.IsNull()) return out;
  for (const auto& s : n) out.push_back(s.as<std::string>());
  return out;
}

EntryKind ParseKind(const std::string& s, const std::string& where) {
  if (s == "medicine") return EntryKind::kMedicine;
  if (s == "supplement") return EntryKind::kSupplement;
  if (s == "exposure") return EntryKind::kExposure;
  if (s == "therapy") return EntryKind::kTherapy;
  Die(where + ": unknown kind " + s);
}

PatientSnapshot ParsePatient(const YAML::Node& n, const std::string& where) {
  PatientSnapshot p;
  p.age_years = 40;
  p.weight_kg = 70;
  p.sex = Sex::kFemale;
  if (!n.IsDefined()) return p;
  for (const auto& kv : n) {
    const std::string key = kv.first.as<std::string>();
    const YAML::Node& v = kv.second;
    if (key == "age") {
      p.age_years = v.IsNull() ? std::nullopt : std::optional<double>(v.as<double>());
    } else if (key == "weight_kg") {
      p.weight_kg = v.IsNull() ? std::nullopt : std::optional<double>(v.as<double>());
    } else if (key == "sex") {
      const auto s = v.as<std::string>();
      p.sex = s == "male" ? Sex::kMale : s == "female" ? Sex::kFemale : Sex::kOther;
    } else if (key == "pregnant") {
      // true, false, or unknown (not recorded)
      if (v.as<std::string>() == "unknown") {
        p.pregnancy_unknown = true;
      } else {
        p.pregnant = v.as<bool>();
      }
    } else if (key == "breastfeeding") {
      p.breastfeeding = v.as<bool>();
    } else if (key == "smoker") {
      p.smoker = v.as<bool>();
    } else if (key == "conditions") {
      p.conditions = Strings(v);
    } else if (key == "medications") {
      for (const auto& m : v) {
        MedicationEntry e;
        if (m.IsScalar()) {
          e.name = m.as<std::string>();
        } else {
          e.name = m["name"].as<std::string>();
          if (m["dose"]) e.dose_text = m["dose"].as<std::string>();
          if (m["frequency"]) e.frequency = m["frequency"].as<std::string>();
          if (m["kind"]) e.kind = ParseKind(m["kind"].as<std::string>(), where);
        }
        p.medications.push_back(std::move(e));
      }
    } else if (key == "doses") {
      for (const auto& d : v) {
        DoseEventEntry e;
        e.substance = d["substance"].as<std::string>();
        if (d["amount"]) e.amount = ParseMass(d["amount"], where);
        auto t = ParseInstant(d["at"].as<std::string>());
        if (!t.ok()) Die(where + ": " + t.status().message());
        e.taken_at = *t;
        p.recent_doses.push_back(std::move(e));
      }
    } else {
      Die(where + ": unknown patient field " + key);
    }
  }
  return p;
}

ProposedRegimen ParseRegimen(const YAML::Node& n, const std::string& where) {
  ProposedRegimen r;
  for (const auto& kv : n) {
    const std::string key = kv.first.as<std::string>();
    const YAML::Node& v = kv.second;
    if (key == "substance") {
      r.substance = v.as<std::string>();
    } else if (key == "formulation") {
      r.formulation = v.as<std::string>();
    } else if (key == "dose") {
      r.dose = ParseMass(v, where);
    } else if (key == "per_day") {
      r.doses_per_day = v.as<double>();
    } else if (key == "indication") {
      r.indication = v.as<std::string>();
    } else if (key == "content") {
      r.content_mg_per_g = v.as<double>();
    } else if (key == "days") {
      r.duration_days = v.as<int>();
    } else {
      Die(where + ": unknown regimen field " + key);
    }
  }
  return r;
}

}  // namespace

std::string CasesPath() {
  return std::string(PINEAL_SOURCE_ROOT) + "/tests/unit/safety/cases.yaml";
}

std::vector<ScreeningCase> LoadCases(const std::string& path) {
  std::vector<ScreeningCase> out;
  YAML::Node root;
  try {
    root = YAML::LoadFile(path);
  } catch (const YAML::Exception& e) {
    Die(e.what());
  }
  for (const auto& c : root) {
    ScreeningCase sc;
    sc.id = c["id"].as<std::string>();
    const std::string where = "case " + sc.id;
    try {
      sc.patient = ParsePatient(c["patient"], where);
      if (c["regimens"]) {
        for (const auto& r : c["regimens"]) sc.regimens.push_back(ParseRegimen(r, where));
      }
      auto now = ParseInstant(c["now"] ? c["now"].as<std::string>() : "2026-03-01T08:00:00Z");
      if (!now.ok()) Die(where + ": " + now.status().message());
      sc.now = *now;
      sc.expect = Strings(c["expect"]);
      sc.absent = Strings(c["absent"]);
      const std::string top = c["top"].as<std::string>();
      if (top != "none") {
        sc.top = kb::ParseSeverity(top);
        if (!sc.top) Die(where + ": bad top " + top);
      }
      if (c["blocking"]) sc.blocking = c["blocking"].as<bool>();
    } catch (const YAML::Exception& e) {
      Die(where + ": " + e.what());
    }
    out.push_back(std::move(sc));
  }
  return out;
}

const kb::Catalog& RealCatalog() {
  static const kb::Catalog* catalog = [] {
    auto c = kb::LoadCatalog(std::string(PINEAL_SOURCE_ROOT) + "/knowledge");
    if (!c.ok()) {
      std::fprintf(stderr, "%s\n", c.status().ToString().c_str());
      std::abort();
    }
    return new kb::Catalog(std::move(c).value());
  }();
  return *catalog;
}

}  // namespace pineal::safety::testing
