// The recorded screening shared by regimen versions and circadian plans.
#include "pineal/store/sqlite/sqlite_screening_rows.h"

#include "pineal/store/sqlite/sqlite_rows.h"

namespace pineal::store::sqlite {
namespace {

std::string JoinRefIds(const std::vector<std::string>& refs) {
  std::string out;
  for (const auto& r : refs) out += (out.empty() ? "" : ",") + r;
  return out;
}

std::vector<std::string> SplitRefIds(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace

void BindFinding(SQLite::Statement& s, const records::RecordedFinding& f) {
  s.bind(":rule", f.rule_id);
  s.bind(":key", f.key);
  s.bind(":kind", f.kind);
  s.bind(":sev", f.severity);
  s.bind(":b", f.blocking ? 1 : 0);
  s.bind(":t", f.title);
  s.bind(":m", f.message);
  s.bind(":mech", f.mechanism);
  s.bind(":a", f.action);
  s.bind(":refs", JoinRefIds(f.refs));
}

void BindOverride(SQLite::Statement& s, const records::RecordedOverride& o) {
  s.bind(":key", o.finding_key);
  s.bind(":rule", o.rule_id);
  s.bind(":reason", o.reason);
  s.bind(":by", o.decided_by);
  BindInstant(s, ":at", o.decided_at);
}

records::RecordedFinding ColFinding(SQLite::Statement& s) {
  records::RecordedFinding x;
  x.rule_id = ColText(s, "rule_id");
  x.key = ColText(s, "finding_key");
  x.kind = ColText(s, "kind");
  x.severity = ColText(s, "severity");
  x.blocking = s.getColumn("blocking").getInt() != 0;
  x.title = ColText(s, "title");
  x.message = ColText(s, "message");
  x.mechanism = ColText(s, "mechanism");
  x.action = ColText(s, "action");
  x.refs = SplitRefIds(ColText(s, "refs"));
  return x;
}

records::RecordedOverride ColOverride(SQLite::Statement& s) {
  return {ColText(s, "finding_key"), ColText(s, "rule_id"), ColText(s, "reason"),
          ColText(s, "decided_by"), ColInstant(s, "decided_at")};
}

}  // namespace pineal::store::sqlite
