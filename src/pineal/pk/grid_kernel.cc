#include "pineal/pk/grid_kernel.h"

#include <cstdint>
#include <cstring>

namespace pineal::pk {
namespace {

// GCC/Clang vector extension at the machine's native width (2 doubles with
// SSE2, 4 with AVX), so every vector lives in a register.
#if defined(__AVX__)
constexpr int kLanes = 4;
#else
constexpr int kLanes = 2;
#endif
typedef double VD __attribute__((vector_size(8 * kLanes)));
typedef std::int64_t VM __attribute__((vector_size(8 * kLanes)));

// V vectors per term per iteration: enough independent multiply chains to
// hide their latency, few enough that all N * V of them stay in registers
// (16 with SSE2 or AVX).
template <int N, bool kConstant, int V = (N >= 3 ? 2 : 4)>
void Fill(double* out, std::size_t count, double constant, const GridTerms& t, double* amp) {
  constexpr int kPoints = V * kLanes;  // per iteration; the pow table goes to 8
  static_assert(kPoints <= 8, "GridTerms holds powers up to 8");
  // p[i][v] holds amp_i * ratio_i^(m + v * kLanes + lane) for the points
  // m .. m + kPoints - 1 of the current iteration; each step multiplies by
  // ratio_i^kPoints.
  VD p[N][V], step[N];
  for (int i = 0; i < N; ++i) {
    for (int v = 0; v < V; ++v) {
      std::memcpy(&p[i][v], &t.pow[i][v * kLanes], sizeof(VD));
      p[i][v] *= amp[i];
    }
    step[i] = VD{} + t.pow[i][kPoints];
  }
  const VD base = VD{} + (kConstant ? constant : 0.0);
  std::size_t m = 0;
  for (; m + kPoints <= count; m += kPoints) {
    for (int v = 0; v < V; ++v) {
      VD sum = p[0][v];  // adding a zero constant would not fold away (signed zeros)
      if constexpr (kConstant) sum += base;
      p[0][v] *= step[0];
      for (int i = 1; i < N; ++i) {
        sum += p[i][v];
        p[i][v] *= step[i];
      }
      // max(0, x) as a mask: no branch.
      const VM keep = sum > 0.0;
      const VM bits = reinterpret_cast<VM>(sum) & keep;
      std::memcpy(out + m + v * kLanes, &bits, sizeof bits);
    }
  }
  // Tail (< kPoints points) and the amplitudes at the next grid point, read
  // from the lanes that hold points m .. m + kPoints - 1.
  double lanes[N][kPoints];
  for (int i = 0; i < N; ++i) std::memcpy(&lanes[i][0], &p[i][0], sizeof lanes[i]);
  const std::size_t rest = count - m;
  for (std::size_t r = 0; r < rest; ++r) {
    double v = kConstant ? constant : 0.0;
    for (int i = 0; i < N; ++i) v += lanes[i][r];
    out[m + r] = v > 0.0 ? v : 0.0;
  }
  for (int i = 0; i < N; ++i) amp[i] = lanes[i][rest];
}

}  // namespace

void SetGridTerms(GridTerms& terms, int n, const double* ratio) {
  terms.n = n;
  for (int i = 0; i < n; ++i) {
    double p = 1.0;
    for (int k = 0; k <= 8; ++k) {
      terms.pow[i][k] = p;
      p *= ratio[i];
    }
  }
}

void FillExpSum(double* out, std::size_t count, double constant, const GridTerms& terms,
                double* amp) {
  if (count == 0) return;
  const bool c = constant != 0.0;
  switch (terms.n) {
    case 1:
      return c ? Fill<1, true>(out, count, constant, terms, amp)
               : Fill<1, false>(out, count, constant, terms, amp);
    case 2:
      return c ? Fill<2, true>(out, count, constant, terms, amp)
               : Fill<2, false>(out, count, constant, terms, amp);
    case 3:
      return c ? Fill<3, true>(out, count, constant, terms, amp)
               : Fill<3, false>(out, count, constant, terms, amp);
    default:
      return c ? Fill<4, true>(out, count, constant, terms, amp)
               : Fill<4, false>(out, count, constant, terms, amp);
  }
}

}  // namespace pineal::pk
