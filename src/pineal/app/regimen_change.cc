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

}  // namespace pineal::app
