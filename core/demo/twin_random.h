#pragma once
#include <cmath>
#include <cstdint>

namespace soilscope::demo {

/// SplitMix64 finaliser: a high-quality 64-bit mix, the basis of every random draw of the twin.
inline std::uint64_t mix64(std::uint64_t x) {
    x += 0x9E3779B97F4A7C15ull;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    return x ^ (x >> 31);
}

/// A counter-based hash of a seed, a stream tag and up to three indices. Draws depend only on
/// these keys, never on the order in which they are made, so results are identical whatever
/// the loop order or chunking.
inline std::uint64_t hashKey(std::uint64_t seed, std::uint64_t stream, std::uint64_t a = 0,
                             std::uint64_t b = 0, std::uint64_t c = 0) {
    std::uint64_t h = mix64(seed ^ mix64(stream));
    h = mix64(h ^ a);
    h = mix64(h ^ (b + 0x632BE59BD9B4E019ull));
    return mix64(h ^ (c + 0x8CB92BA72F3D8DD7ull));
}

/// Uniform in [0, 1) from a 64-bit hash (53 bits of mantissa).
inline double unitFromHash(std::uint64_t h) {
    return static_cast<double>(h >> 11) * (1.0 / 9007199254740992.0);
}

/// Uniform in [0, 1) for the given keys.
inline double uniformAt(std::uint64_t seed, std::uint64_t stream, std::uint64_t a = 0,
                        std::uint64_t b = 0, std::uint64_t c = 0) {
    return unitFromHash(hashKey(seed, stream, a, b, c));
}

/// Standard normal for the given keys (Box-Muller on two hashed uniforms).
inline double normalAt(std::uint64_t seed, std::uint64_t stream, std::uint64_t a = 0,
                       std::uint64_t b = 0, std::uint64_t c = 0) {
    const std::uint64_t h = hashKey(seed, stream, a, b, c);
    const double u1 = (static_cast<double>(h >> 11) + 0.5) * (1.0 / 9007199254740992.0);
    const double u2 = unitFromHash(mix64(h));
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

/// A small sequential generator (SplitMix64 stream) with its own portable distributions, so
/// the same seed gives the same numbers with every standard library.
class TwinRng {
  public:
    explicit TwinRng(std::uint64_t seed) : m_state(mix64(seed)) {}
    std::uint64_t next() {
        m_state += 0x9E3779B97F4A7C15ull;
        std::uint64_t z = m_state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    /// Uniform in [0, 1).
    double uniform() { return unitFromHash(next()); }
    /// Uniform in [lo, hi).
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    /// Standard normal.
    double normal() {
        const double u1 = (static_cast<double>(next() >> 11) + 0.5) * (1.0 / 9007199254740992.0);
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * uniform());
    }
    /// Exponential with the given mean.
    double exponential(double mean) { return -mean * std::log(1.0 - uniform()); }
    /// Integer uniform in [0, n).
    int index(int n) { return static_cast<int>(uniform() * n); }

  private:
    std::uint64_t m_state;
};

} // namespace soilscope::demo
