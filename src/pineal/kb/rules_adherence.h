// How dose events are matched to planned doses (knowledge/rules/adherence.yaml).
#pragma once

#include <string>
#include <vector>

namespace pineal::kb {

struct AdherenceSettings {
  // A dose taken more than this after its planned time is late.
  int on_time_tolerance_min = 60;
  // A logged dose further than this from every planned dose is an extra dose.
  int match_window_min = 360;
  // At or above this percent of planned doses taken counts as adherent.
  double threshold_percent = 80;
  // Reference ids behind the settings (empty for pure policy defaults).
  std::vector<std::string> refs;
};

}  // namespace pineal::kb
