// observation_limits.yaml: plausible ranges of vital signs.
#include "pineal/kb/catalog_parse.h"
#include "pineal/kb/yaml_entry_reader.h"

namespace pineal::kb::catalog_yaml {

void ParseObservationLimit(const YAML::Node& node, const std::string& file, LintReport& report,
                           CatalogData& out) {
  EntryReader r(node, file, "observation limit", report);
  if (!r.is_map()) return;
  r.AllowKeys({"id", "name", "codes", "ranges", "reason", "refs", "note"});
  ObservationLimit limit;
  limit.id = r.Text("id");
  limit.name = r.Text("name");
  limit.codes = r.TextList("codes", true);
  limit.reason = r.Text("reason");
  limit.refs = r.TextList("refs");
  limit.note = r.Text("note", false);
  limit.where = r.where();
  const YAML::Node ranges = r.Child("ranges");
  if (!ranges || !ranges.IsSequence() || ranges.size() == 0) {
    r.Error(ranges ? ranges : node, "'ranges' must be a list of {unit, min, max}");
  } else {
    for (const YAML::Node& n : ranges) {
      EntryReader range(n, file, "observation range", report);
      if (!range.is_map()) continue;
      range.AllowKeys({"unit", "min", "max"});
      ObservationRange x;
      x.unit = range.Text("unit");
      const auto min = range.Number("min");
      const auto max = range.Number("max");
      if (!min || !max) {
        range.Error("needs 'min' and 'max'");
        continue;
      }
      x.min = *min;
      x.max = *max;
      if (!(x.min < x.max)) range.Error("'min' must be below 'max'");
      limit.ranges.push_back(std::move(x));
    }
  }
  out.observation_limits.push_back(std::move(limit));
}

}  // namespace pineal::kb::catalog_yaml
