#include "pineal/circadian/params.h"

#include <cmath>
#include <span>
#include <utility>

namespace pineal::circadian {
namespace {

template <typename S>
struct Field {
  std::string_view name;
  double S::*member;
  bool positive;  // must be > 0 (rates, periods, scales)
};

constexpr Field<Fjk99Params> kFjkFields[] = {
    {"tau_x_h", &Fjk99Params::tau_x_h, true},
    {"mu", &Fjk99Params::mu, true},
    {"k", &Fjk99Params::k, false},
    {"g", &Fjk99Params::g, true},
    {"alpha0", &Fjk99Params::alpha0, true},
    {"beta", &Fjk99Params::beta, true},
    {"p", &Fjk99Params::p, true},
    {"i0_lux", &Fjk99Params::i0_lux, true},
    {"lambda_per_h", &Fjk99Params::lambda_per_h, true},
    {"b", &Fjk99Params::b, false},
    {"period_correction", &Fjk99Params::period_correction, true},
    {"cbt_to_dlmo_h", &Fjk99Params::cbt_to_dlmo_h, false},
};

constexpr Field<Hannay19Params> kHannayFields[] = {
    {"omega0_rad_per_h", &Hannay19Params::omega0_rad_per_h, true},
    {"k_coupling", &Hannay19Params::k_coupling, true},
    {"gamma", &Hannay19Params::gamma, true},
    {"beta1", &Hannay19Params::beta1, false},
    {"a1", &Hannay19Params::a1, false},
    {"a2", &Hannay19Params::a2, false},
    {"beta_l1", &Hannay19Params::beta_l1, false},
    {"beta_l2", &Hannay19Params::beta_l2, false},
    {"sigma", &Hannay19Params::sigma, false},
    {"g", &Hannay19Params::g, true},
    {"alpha0", &Hannay19Params::alpha0, true},
    {"delta", &Hannay19Params::delta, true},
    {"p", &Hannay19Params::p, true},
    {"i0", &Hannay19Params::i0, true},
    {"lambda_per_h", &Hannay19Params::lambda_per_h, true},
    {"cbtmin_phase_rad", &Hannay19Params::cbtmin_phase_rad, false},
    {"dlmo_phase_rad", &Hannay19Params::dlmo_phase_rad, false},
};

constexpr Field<MelatoninParams> kMelatoninFields[] = {
    {"beta_ip_per_h", &MelatoninParams::beta_ip_per_h, true},
    {"beta_cp_per_h", &MelatoninParams::beta_cp_per_h, true},
    {"beta_ap_per_h", &MelatoninParams::beta_ap_per_h, true},
    {"synthesis_pmol_per_l_per_h", &MelatoninParams::synthesis_pmol_per_l_per_h, true},
    {"psi_on_rad", &MelatoninParams::psi_on_rad, false},
    {"psi_off_rad", &MelatoninParams::psi_off_rad, false},
    {"onset_sharpness", &MelatoninParams::onset_sharpness, true},
    {"offset_decay", &MelatoninParams::offset_decay, true},
    {"suppression_m", &MelatoninParams::suppression_m, false},
    {"m_max", &MelatoninParams::m_max, true},
    {"h_sat_pmol_per_l", &MelatoninParams::h_sat_pmol_per_l, true},
    {"sigma_m_pmol_per_l", &MelatoninParams::sigma_m_pmol_per_l, true},
    {"b1", &MelatoninParams::b1, false},
    {"theta_m1", &MelatoninParams::theta_m1, false},
    {"b2", &MelatoninParams::b2, false},
    {"theta_m2", &MelatoninParams::theta_m2, false},
    {"epsilon", &MelatoninParams::epsilon, false},
    {"dose_c3", &MelatoninParams::dose_c3, false},
    {"dose_c2", &MelatoninParams::dose_c2, false},
    {"dose_c1", &MelatoninParams::dose_c1, false},
    {"dose_c0", &MelatoninParams::dose_c0, false},
    {"dose_pulse_sd_h", &MelatoninParams::dose_pulse_sd_h, true},
    {"dose_lag_h", &MelatoninParams::dose_lag_h, false},
    {"dose_fit_min_mg", &MelatoninParams::dose_fit_min_mg, true},
    {"dose_fit_max_mg", &MelatoninParams::dose_fit_max_mg, true},
    {"pr_release_h", &MelatoninParams::pr_release_h, true},
    {"pmol_per_l_per_pg_per_ml", &MelatoninParams::pmol_per_l_per_pg_per_ml, true},
    {"dlmo_threshold_pg_per_ml", &MelatoninParams::dlmo_threshold_pg_per_ml, true},
};

template <typename S>
Status Fill(std::span<const Field<S>> fields, const std::map<std::string, double>& values,
            const std::string& id, S& out, int& used) {
  for (const Field<S>& f : fields) {
    auto it = values.find(std::string(f.name));
    if (it == values.end()) {
      return Status::InvalidArgument(
          "parameter set '" + id + "': missing parameter '" + std::string(f.name) + "'",
          std::string(f.name));
    }
    if (!std::isfinite(it->second) || (f.positive && it->second <= 0)) {
      return Status::InvalidArgument("parameter set '" + id + "': parameter '" +
                                         std::string(f.name) + "' must be " +
                                         (f.positive ? "a finite number > 0" : "finite"),
                                     std::string(f.name));
    }
    out.*(f.member) = it->second;
    ++used;
  }
  return Status::Ok();
}

template <typename S>
void Names(std::span<const Field<S>> fields, std::vector<std::string_view>& out) {
  for (const Field<S>& f : fields) out.push_back(f.name);
}

}  // namespace

std::string_view ModelKindName(ModelKind kind) {
  switch (kind) {
    case ModelKind::kFjk99: return "fjk99";
    case ModelKind::kHannay19: return "hannay19";
    case ModelKind::kStowe25: return "stowe25";
  }
  return "unknown";
}

Result<ModelKind> ParseModelKind(std::string_view name) {
  for (ModelKind k : {ModelKind::kFjk99, ModelKind::kHannay19, ModelKind::kStowe25}) {
    if (ModelKindName(k) == name) return k;
  }
  return Status::InvalidArgument("unknown circadian model equations '" + std::string(name) +
                                     "'; allowed: fjk99, hannay19, stowe25",
                                 "model");
}

std::vector<std::string_view> ParameterNames(ModelKind kind) {
  std::vector<std::string_view> out;
  if (kind == ModelKind::kFjk99) {
    Names(std::span<const Field<Fjk99Params>>(kFjkFields), out);
  } else {
    Names(std::span<const Field<Hannay19Params>>(kHannayFields), out);
    if (kind == ModelKind::kStowe25) {
      Names(std::span<const Field<MelatoninParams>>(kMelatoninFields), out);
    }
  }
  return out;
}

Result<Model> MakeModel(std::string id, std::string title, ModelKind kind,
                        const std::map<std::string, double>& values,
                        std::vector<std::string> refs) {
  Model m;
  m.id = std::move(id);
  m.title = std::move(title);
  m.kind = kind;
  m.refs = std::move(refs);
  if (m.refs.empty()) {
    return Status::InvalidArgument("parameter set '" + m.id + "' cites no reference", "refs");
  }
  int used = 0;
  if (kind == ModelKind::kFjk99) {
    PINEAL_RETURN_IF_ERROR(
        Fill(std::span<const Field<Fjk99Params>>(kFjkFields), values, m.id, m.fjk, used));
  } else {
    PINEAL_RETURN_IF_ERROR(
        Fill(std::span<const Field<Hannay19Params>>(kHannayFields), values, m.id, m.hannay, used));
    if (kind == ModelKind::kStowe25) {
      PINEAL_RETURN_IF_ERROR(Fill(std::span<const Field<MelatoninParams>>(kMelatoninFields), values,
                                  m.id, m.melatonin, used));
      const MelatoninParams& mp = m.melatonin;
      if (mp.dose_fit_min_mg >= mp.dose_fit_max_mg) {
        return Status::InvalidArgument(
            "parameter set '" + m.id + "': dose_fit_min_mg must be below dose_fit_max_mg",
            "dose_fit_min_mg");
      }
    }
  }
  if (used != static_cast<int>(values.size())) {
    const auto names = ParameterNames(kind);
    for (const auto& [name, value] : values) {
      bool known = false;
      for (std::string_view n : names) known = known || n == name;
      if (!known) {
        return Status::InvalidArgument("parameter set '" + m.id + "': unknown parameter '" + name +
                                           "' for " + std::string(ModelKindName(kind)) +
                                           " equations",
                                       name);
      }
    }
  }
  return m;
}

}  // namespace pineal::circadian
