// Renders a jet-lag plan as text (for people), iCalendar (so the plan lands
// in a calendar) and SVG (the predicted phase, with and without the plan).
// Pure string output; JSON lives in the interfaces (cli/, http/).
#pragma once

#include <string>

#include "pineal/circadian/plan_types.h"
#include "pineal/core/result.h"

namespace pineal::circadian {

// "HH:MM" of an instant in a zone (a zone that fails to load gives "??:??").
std::string LocalClock(Instant t, const std::string& zone);

std::string FormatJetLagText(const JetLagPlan& plan);

// RFC 5545 calendar of the days' sleep, light windows and pills; `stamp` is
// the DTSTAMP of every event (the caller's "now", so output is reproducible).
std::string FormatPlanIcs(const std::vector<PlanDay>& days, const std::string& title,
                          Instant stamp);
std::string FormatJetLagIcs(const JetLagPlan& plan, Instant stamp);

std::string FormatRotaText(const RotaPlan& plan);

// A self-contained SVG chart: the body clock's error against the destination
// (hours, late > 0) per day, with and without the plan, and the +-1 h band.
std::string FormatJetLagSvg(const JetLagPlan& plan);

}  // namespace pineal::circadian
