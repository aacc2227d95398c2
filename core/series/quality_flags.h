#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace soilscope::series {

/// ISMN quality flags as a bit mask: G, C01–C03, D01–D10, U; anything else sets Other.
/// Several flags can apply to one observation ("D01,D03").
namespace flag {
inline constexpr std::uint32_t None = 0;
inline constexpr std::uint32_t G = 1u << 0;
inline constexpr std::uint32_t C01 = 1u << 1; ///< C01..C03 occupy bits 1..3
inline constexpr std::uint32_t D01 = 1u << 4; ///< D01..D10 occupy bits 4..13
inline constexpr std::uint32_t U = 1u << 14;
inline constexpr std::uint32_t Other = 1u << 31;
inline constexpr std::uint32_t AnyC = 0x7u << 1;
inline constexpr std::uint32_t AnyD = 0x3FFu << 4;
inline constexpr std::uint32_t C(int n) {
    return 1u << n;
} ///< C(1) == C01
inline constexpr std::uint32_t D(int n) {
    return 1u << (n + 3);
} ///< D(1) == D01
} // namespace flag

/// "G", "D01,D02", "C03" → mask. Empty text → None; unknown codes set flag::Other.
std::uint32_t parseFlags(std::string_view text);

/// mask → "D01,D02" (ISMN order; "OTHER" for flag::Other).
std::string formatFlags(std::uint32_t mask);

/// True when every flag of the observation is in the accepted set (a mask built from a
/// list such as "G,U"). An observation without flags is accepted.
inline bool flagsAccepted(std::uint32_t observation, std::uint32_t accepted) {
    return (observation & ~accepted) == 0;
}

} // namespace soilscope::series
