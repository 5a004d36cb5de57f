// knowledge/protocols/<name>.yaml: the protocol's own fields, and the reader
// every section uses.
#include "pineal/kb/protocol_parse.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <utility>

#include "pineal/kb/names.h"

namespace pineal::kb::protocol_yaml {
namespace {

std::string FormatNumber(double v) {
  std::string s = std::to_string(v);
  s.erase(s.find_last_not_of('0') + 1);
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

}  // namespace

SectionReader::SectionReader(catalog_yaml::EntryReader& entry, YAML::Node node, std::string path)
    : entry_(entry), node_(std::move(node)), path_(std::move(path)) {}

YAML::Node SectionReader::Child(std::string_view key) const {
  if (!node_.IsMap()) return YAML::Node();
  return node_[std::string(key)];
}

bool SectionReader::Has(std::string_view key) const {
  const YAML::Node n = Child(key);
  return n.IsDefined() && !n.IsNull();
}

std::string SectionReader::Field(std::string_view key) const {
  return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

SourceLocation SectionReader::where() const { return {entry_.file(), catalog_yaml::LineOf(node_)}; }

void SectionReader::Error(const YAML::Node& at, const std::string& message) {
  entry_.Error(at.IsDefined() && catalog_yaml::LineOf(at) > 0 ? at : node_, message);
}

void SectionReader::AllowKeys(std::initializer_list<std::string_view> allowed) {
  if (!node_.IsMap()) return;
  for (const auto& kv : node_) {
    const std::string key = kv.first.IsScalar() ? kv.first.Scalar() : std::string("?");
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string list;
    for (auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    Error(kv.first, "unknown field '" + Field(key) + "' (allowed: " + list + ")");
  }
}

std::string SectionReader::Text(std::string_view key, bool required) {
  const YAML::Node n = Child(key);
  if (!n.IsDefined() || n.IsNull()) {
    if (required) Error("missing '" + Field(key) + "'");
    return {};
  }
  if (!n.IsScalar()) {
    Error(n, "'" + Field(key) + "' must be text");
    return {};
  }
  if (required && n.Scalar().empty()) Error(n, "'" + Field(key) + "' is empty");
  return n.Scalar();
}

std::vector<std::string> SectionReader::TextList(std::string_view key, bool required,
                                                 bool normalise) {
  std::vector<std::string> out;
  const YAML::Node n = Child(key);
  if (!n.IsDefined() || n.IsNull()) {
    if (required) Error("missing '" + Field(key) + "'");
    return out;
  }
  if (!n.IsSequence()) {
    Error(n, "'" + Field(key) + "' must be a list, e.g. [a, b]");
    return out;
  }
  for (const auto& item : n) {
    if (!item.IsScalar() || item.Scalar().empty()) {
      Error(item, "'" + Field(key) + "' items must be non-empty text");
      continue;
    }
    out.push_back(normalise ? NormalizeName(item.Scalar()) : item.Scalar());
  }
  if (required && out.empty()) Error(n, "'" + Field(key) + "' is empty");
  return out;
}

std::optional<double> SectionReader::Number(std::string_view key, bool required, double min,
                                            double max) {
  const YAML::Node n = Child(key);
  if (!n.IsDefined() || n.IsNull()) {
    if (required) Error("missing '" + Field(key) + "'");
    return std::nullopt;
  }
  double v = 0;
  bool parsed = false;
  if (n.IsScalar()) {
    const std::string& s = n.Scalar();
    auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    parsed = ec == std::errc() && ptr == s.data() + s.size() && std::isfinite(v);
  }
  if (!parsed) {
    Error(n, "'" + Field(key) + "' must be a number");
    return std::nullopt;
  }
  if (v < min || v > max) {
    Error(n, "'" + Field(key) + "' must be " + FormatNumber(min) + " to " + FormatNumber(max) +
                 ", got " + n.Scalar());
    return std::nullopt;
  }
  return v;
}

std::optional<int> SectionReader::Integer(std::string_view key, bool required, int min, int max) {
  const auto v = Number(key, required, min, max);
  if (!v) return std::nullopt;
  if (*v != std::floor(*v)) {
    Error(Child(key), "'" + Field(key) + "' must be a whole number, got " + Child(key).Scalar());
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

std::optional<Mass> SectionReader::MassValue(std::string_view key, bool required) {
  const std::string text = Text(key, required);
  if (text.empty()) return std::nullopt;
  auto mass = Mass::Parse(text);
  if (!mass.ok()) {
    Error(Child(key), "'" + Field(key) + "' is '" + text + "': " + mass.status().message());
    return std::nullopt;
  }
  if (mass->base() <= 0) {
    Error(Child(key), "'" + Field(key) + "' must be above zero, got '" + text + "'");
    return std::nullopt;
  }
  return *mass;
}

std::vector<Mass> SectionReader::MassList(std::string_view key, bool required) {
  std::vector<Mass> out;
  const std::vector<std::string> texts = TextList(key, required, /*normalise=*/false);
  const YAML::Node list = Child(key);
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const YAML::Node at = list.IsSequence() && i < list.size() ? list[i] : list;
    auto mass = Mass::Parse(texts[i]);
    if (!mass.ok()) {
      Error(at, "'" + Field(key) + "' item '" + texts[i] + "': " + mass.status().message());
      continue;
    }
    if (mass->base() <= 0) {
      Error(at, "'" + Field(key) + "' item '" + texts[i] + "' must be above zero");
      continue;
    }
    if (!out.empty() && !(out.back() < *mass)) {
      Error(at, "'" + Field(key) + "' must ascend strictly: '" + texts[i] + "' is not above '" +
                    out.back().ToString() + "'");
      continue;
    }
    out.push_back(*mass);
  }
  return out;
}

ProtocolSource SectionReader::Source(const KnownRefs& known, bool refs_required) {
  ProtocolSource s;
  s.where = where();
  s.refs = TextList("refs", refs_required, /*normalise=*/false);
  for (const auto& id : s.refs) {
    if (known.count(id) == 0) {
      Error(Child("refs"), "'" + Field("refs") + "' cites reference '" + id +
                               "', which references.yaml does not define");
    }
  }
  const YAML::Node policy = Child("policy");
  if (policy.IsDefined() && !policy.IsNull()) {
    if (!policy.IsScalar() || (policy.Scalar() != "true" && policy.Scalar() != "false")) {
      Error(policy, "'" + Field("policy") + "' must be true or false");
    } else if (policy.Scalar() == "false") {
      Error(policy, "'" + Field("policy") + ": false' is the default; leave it out");
    } else {
      s.policy = true;
    }
  }
  s.note = Text("note", false);
  if (s.refs.empty() && !s.policy && !refs_required) {
    Error("'" + (path_.empty() ? std::string("protocol") : path_) +
          "' cites no reference: give 'refs' or mark a clinic policy default with 'policy: true'");
  }
  return s;
}

void ParseProtocol(const YAML::Node& root, const std::string& file, LintReport& report,
                   const KnownRefs& known, ProtocolSet& out) {
  catalog_yaml::EntryReader entry(root, file, "protocol", report);
  if (!entry.is_map()) return;
  SectionReader r(entry, root, "");
  r.AllowKeys({"id", "title", "kind", "substance", "indications", "min_age_years", "refs", "note",
               "evaluation", "ladders", "response", "remission", "taper", "withdrawal",
               "side_effects", "adherence", "cautions"});
  Protocol p;
  p.where = r.where();
  p.id = r.Text("id");
  if (!p.id.empty() && p.id.rfind("protocol.", 0) != 0) {
    r.Error(r.Child("id"), "id must start with 'protocol.', got '" + p.id + "'");
  }
  p.title = r.Text("title");
  p.substance = NormalizeName(r.Text("substance"));
  p.indications = r.TextList("indications", /*required=*/true, /*normalise=*/true);
  p.min_age_years = r.Integer("min_age_years", false, 0, 130);
  const ProtocolSource top = r.Source(known, /*refs_required=*/true);
  p.refs = top.refs;
  p.note = top.note;

  const std::string kind = r.Text("kind");
  if (kind == "ladder") {
    p.kind = ProtocolKind::kLadder;
    ParseLadderSections(r, known, p);
    for (const char* key : {"taper", "withdrawal"}) {
      if (r.Has(key))
        r.Error(r.Child(key), std::string("'") + key + "' belongs to a taper, not a ladder");
    }
  } else if (kind == "taper") {
    p.kind = ProtocolKind::kTaper;
    ParseTaperSections(r, known, p);
    for (const char* key : {"evaluation", "ladders", "response", "remission"}) {
      if (r.Has(key))
        r.Error(r.Child(key), std::string("'") + key + "' belongs to a ladder, not a taper");
    }
  } else if (!kind.empty()) {
    r.Error(r.Child("kind"), "'kind' is '" + kind + "'; allowed: ladder, taper");
  }
  ParseSharedSections(r, known, p);

  if (!p.id.empty()) {
    for (const Protocol& other : out.protocols) {
      if (other.id == p.id) {
        r.Error(r.Child("id"), "duplicate protocol id (first defined in " + other.where.file + ":" +
                                   std::to_string(other.where.line) + ")");
      }
    }
  }
  out.protocols.push_back(std::move(p));
}

}  // namespace pineal::kb::protocol_yaml
