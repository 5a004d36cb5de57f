#!/usr/bin/python3
"""SciPy baseline for pineal's circadian benchmark (bench/circadian_bench.cc runs it in
the same run and reports the ratio).

Scenario: 250 lux from 07:00 to 23:00, dark otherwise, t = 0 at local midnight; the
model is integrated with solve_ivp(method='RK45', rtol=1e-6, atol=1e-9), restarting at
each light change (2 per day), as in /work/shared/clinical/circadian.md §7.

Models: fjk99 (Forger, Jewett & Kronauer 1999), hannay19 (Hannay, Booth & Forger 2019),
stowe25 (Stowe et al. 2025: Hannay 2019 + pineal/plasma/gut melatonin). The parameter
values come on stdin as JSON from the C++ benchmark (so both sides run the same
parameter set, read from knowledge/circadian):
  {"days": 60, "models": [{"name": "fjk99", "id": "fjk1999", "params": {...},
                           "y0": [...]}, ...]}
Prints one line per model: id days wall_s days_per_s rhs_evals_per_day y_end...
Needs Debian's python3-scipy; run with /usr/bin/python3 and OPENBLAS_NUM_THREADS=1.
"""
import json
import math
import sys
import time

import numpy as np
from scipy.integrate import solve_ivp


def fjk99(p):
    w2 = (24.0 / (p["period_correction"] * p["tau_x_h"])) ** 2

    def rhs(t, y, lux):
        x, xc, n = y
        a = p["alpha0"] * (lux / p["i0_lux"]) ** p["p"] if lux > 0 else 0.0
        bh = p["g"] * a * (1 - n)
        b = bh * (1 - p["b"] * x) * (1 - p["b"] * xc)
        return [math.pi / 12 * (xc + b),
                math.pi / 12 * (p["mu"] * (xc - 4.0 / 3.0 * xc ** 3) - x * (w2 + p["k"] * b)),
                p["lambda_per_h"] * (a * (1 - n) - p["beta"] * n)]
    return rhs


def hannay_parts(p):
    kc = 0.5 * p["k_coupling"] * math.cos(p["beta1"])
    ks = 0.5 * p["k_coupling"] * math.sin(p["beta1"])

    def alpha(lux):
        ip = lux ** p["p"] if lux > 0 else 0.0
        return p["alpha0"] * ip / (ip + p["i0"])

    def forcing(d, a1, t1, a2, t2, eps, r, psi):
        r4 = r ** 4
        r8 = r4 * r4
        dr = 0.5 * d * (a1 * (1 - r4) * math.cos(psi + t1) + a2 * r * (1 - r8) * math.cos(2 * psi + t2))
        dpsi = d * (eps - 0.5 * a1 * (r ** 3 + 1 / r) * math.sin(psi + t1)
                    - 0.5 * a2 * (1 + r8) * math.sin(2 * psi + t2))
        return dr, dpsi

    def core(y, lux):
        r, psi, n = y[0], y[1], y[2]
        a = alpha(lux)
        r4 = r ** 4
        dr = -p["gamma"] * r + kc * r * (1 - r4)
        dpsi = p["omega0_rad_per_h"] + ks * (1 + r4)
        dn = p["lambda_per_h"] * (a * (1 - n) - p["delta"] * n)
        bh = p["g"] * (1 - n) * a
        fr, fpsi = forcing(bh, p["a1"], p["beta_l1"], p["a2"], p["beta_l2"], p["sigma"], r, psi)
        return dr + fr, dpsi + fpsi, dn, bh
    return core, forcing


def hannay19(p):
    core, _ = hannay_parts(p)

    def rhs(t, y, lux):
        dr, dpsi, dn, _ = core(y, lux)
        return [dr, dpsi, dn]
    return rhs


def stowe25(p):
    core, forcing = hannay_parts(p)
    two_pi = 2 * math.pi

    def synthesis(psi):
        ph = math.fmod(psi, two_pi)
        if ph < 0:
            ph += two_pi
        a = p["synthesis_pmol_per_l_per_h"]
        if p["psi_on_rad"] < ph < p["psi_off_rad"]:
            return a * (1 - math.exp(-p["onset_sharpness"] * (ph - p["psi_on_rad"])))
        since = ph - p["psi_off_rad"]
        if since < 0:
            since += two_pi
        return a * math.exp(-p["offset_decay"] * since)

    def rhs(t, y, lux):
        dr, dpsi, dn, bh = core(y, lux)
        h1, h2, h3 = y[3], y[4], y[5]
        sup = 1 - p["suppression_m"] * bh
        syn = synthesis(y[1]) * sup if sup > 0 else 0.0
        mh = p["m_max"] / (1 + math.exp((p["h_sat_pmol_per_l"] - h2) / p["sigma_m_pmol_per_l"]))
        fr, fpsi = forcing(mh, p["b1"], p["theta_m1"], p["b2"], p["theta_m2"], p["epsilon"], y[0], y[1])
        return [dr + fr, dpsi + fpsi, dn,
                -p["beta_ip_per_h"] * h1 + syn,
                p["beta_ip_per_h"] * h1 - p["beta_cp_per_h"] * h2 + p["beta_ap_per_h"] * h3,
                -p["beta_ap_per_h"] * h3]
    return rhs


def run(rhs, y0, days):
    pieces = [(0.0, 7.0, 0.0)]
    for d in range(days):
        pieces.append((24 * d + 7.0, 24 * d + 23.0, 250.0))
        pieces.append((24 * d + 23.0, min(24 * d + 31.0, 24.0 * days), 0.0))
    y = np.array(y0, dtype=float)
    nfev = 0
    for a, b, lux in pieces:
        s = solve_ivp(rhs, (a, b), y, method="RK45", rtol=1e-6, atol=1e-9, args=(lux,))
        y, nfev = s.y[:, -1], nfev + s.nfev
    return y, nfev


def main():
    cfg = json.load(sys.stdin)
    days = int(cfg["days"])
    makers = {"fjk99": fjk99, "hannay19": hannay19, "stowe25": stowe25}
    for m in cfg["models"]:
        rhs = makers[m["name"]](m["params"])
        walls = []
        for _ in range(3):  # median of 3
            t0 = time.perf_counter()
            y, nfev = run(rhs, m["y0"], days)
            walls.append(time.perf_counter() - t0)
        wall = sorted(walls)[1]
        print(m["id"], days, f"{wall:.4f}", f"{days / wall:.1f}", f"{nfev / days:.1f}",
              " ".join(f"{v:.9g}" for v in y), flush=True)


if __name__ == "__main__":
    main()
