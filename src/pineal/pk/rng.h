// Deterministic random streams: subject i of a run seeded with s draws from a
// stream that depends only on (s, i), so results do not depend on how subjects
// are spread over threads. SplitMix64 (Steele, Lea and Flood 2014) with
// Box-Muller normals; fast, and plenty for sampling a few etas per subject.
#pragma once

#include <cmath>
#include <cstdint>
#include <numbers>

namespace pineal::pk {

class SubjectRng {
 public:
  SubjectRng(std::uint64_t seed, std::uint64_t subject)
      : state_(Mix(Mix(seed) ^ (subject * 0xD1B54A32D192ED03ULL + 0x9E3779B97F4A7C15ULL))) {}

  std::uint64_t NextU64() {
    state_ += 0x9E3779B97F4A7C15ULL;
    return Mix(state_);
  }
  // Uniform in (0, 1): 53 random bits, never 0.
  double NextOpenUnit() { return (static_cast<double>(NextU64() >> 11) + 0.5) * 0x1.0p-53; }
  double NextNormal() {
    if (has_spare_) {
      has_spare_ = false;
      return spare_;
    }
    const double r = std::sqrt(-2.0 * std::log(NextOpenUnit()));
    const double theta = 2.0 * std::numbers::pi * NextOpenUnit();
    spare_ = r * std::sin(theta);
    has_spare_ = true;
    return r * std::cos(theta);
  }

 private:
  static std::uint64_t Mix(std::uint64_t z) {
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  std::uint64_t state_;
  double spare_ = 0.0;
  bool has_spare_ = false;
};

}  // namespace pineal::pk
