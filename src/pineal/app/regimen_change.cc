#include "pineal/app/regimen_change.h"

namespace pineal::app {

void RegimenVersionChange::ApplyTo(records::RegimenVersion& v) const {
  if (formulation) v.formulation = *formulation;
  if (dose) v.dose = *dose;
  if (times_of_day) v.times_of_day = *times_of_day;
  if (frequency) v.frequency = *frequency;
  if (indication) v.indication = *indication;
  if (start_date) v.start_date = *start_date;
  if (end_date) v.end_date = *end_date;
  if (titration) v.titration = *titration;
  if (content_mg_per_g) v.content_mg_per_g = *content_mg_per_g;
  v.reason = reason;
}

Status RegimenVersionChange::SettleStartDate(const records::RegimenVersion& replaced,
                                             LocalDate today, records::RegimenVersion& v) const {
  if (!start_date) {
    v.start_date = today;
    return Status::Ok();
  }
  if (*start_date < replaced.start_date) {
    return Status::InvalidArgument(
        "is before the start of the version it replaces (" + FormatDate(replaced.start_date) + ")",
        "start_date");
  }
  if (*start_date < today && reason.empty()) {
    return Status::InvalidArgument(
        "starts before today (" + FormatDate(today) + "); a backdated version needs a reason",
        "reason");
  }
  return Status::Ok();
}

}  // namespace pineal::app
