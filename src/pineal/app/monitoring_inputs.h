// What the monitoring engines (alerts, titration) read about a patient,
// converted from the stored observations: instrument observations become
// scored responses with their item answers, side-effect observations become
// graded reports with onset, suspected substance and whether ongoing.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "pineal/monitor/alert.h"
#include "pineal/records/dose_event.h"
#include "pineal/records/observation.h"

namespace pineal::app {

// Instrument observations (current views) as scored responses, in order.
std::vector<monitor::ScoredResponse> ScoredResponsesOf(
    const std::vector<records::Observation>& observations);

// Side-effect observations as reports. The onset is the "onset" component (a
// date, read in `zone` at 00:00, or an instant), else when it was reported;
// "ongoing" is its component's value (non-zero), else false; the substance is
// the "suspected_substance" component.
std::vector<monitor::SideEffectReport> SideEffectsOf(
    const std::vector<records::Observation>& observations, std::string_view zone);

// When anything was last reported (a dose taken or skipped, an observation):
// the time it was recorded, not the time it is about, so logging last week's
// doses today is a check-in today.
std::optional<Instant> LastCheckIn(const std::vector<records::DoseEvent>& doses,
                                   const std::vector<records::Observation>& observations);

}  // namespace pineal::app
