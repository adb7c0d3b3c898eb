// Host conversions between float and the bits of IEEE binary16 / bfloat16, rounding to nearest even (as the
// GPU's cvt.rn). Used by the self-check on both paths and by the emulator.
#pragma once

#include <cstdint>
#include <cstring>

namespace hh {

inline uint32_t bits(float f) { uint32_t u; std::memcpy(&u, &f, 4); return u; }
inline float from_bits(uint32_t u) { float f; std::memcpy(&f, &u, 4); return f; }

inline uint16_t f2bf(float f) {
    const uint32_t u = bits(f);
    if ((u & 0x7fffffffu) > 0x7f800000u) return (uint16_t)((u >> 16) | 0x40);  // quiet NaN
    return (uint16_t)((u + 0x7fffu + ((u >> 16) & 1u)) >> 16);
}
inline float bf2f(uint16_t h) { return from_bits((uint32_t)h << 16); }

inline uint16_t f2h(float f) {
    const uint32_t u = bits(f), sign = (u >> 16) & 0x8000u, a = u & 0x7fffffffu;
    if (a > 0x7f800000u) return (uint16_t)(sign | 0x7e00u);  // NaN
    if (a >= 0x477ff000u) return (uint16_t)(sign | 0x7c00u);  // rounds to infinity (>= 65520)
    if (a < 0x38800000u) {                                   // subnormal half (or zero)
        if (a < 0x33000000u) return (uint16_t)sign;          // below half the smallest subnormal
        const uint32_t m = (a & 0x7fffffu) | 0x800000u;
        // value = m * 2^(e - 150); in units of 2^-24 (the smallest subnormal) that is m >> (126 - e)
        const int sh = 126 - (int)(a >> 23);
        const uint32_t q = m >> sh, rem = m & ((1u << sh) - 1u), half = 1u << (sh - 1);
        const uint32_t r = q + ((rem > half || (rem == half && (q & 1u))) ? 1u : 0u);
        return (uint16_t)(sign | r);
    }
    const uint32_t e = (a >> 23) - 112, m = a & 0x7fffffu;  // rebias 127 -> 15
    uint32_t h = (e << 10) | (m >> 13);
    const uint32_t rem = m & 0x1fffu;
    if (rem > 0x1000u || (rem == 0x1000u && (h & 1u))) ++h;  // may carry into the exponent: still correct
    return (uint16_t)(sign | h);
}
inline float h2f(uint16_t h) {
    const uint32_t sign = (uint32_t)(h & 0x8000u) << 16, e = (h >> 10) & 0x1fu, m = h & 0x3ffu;
    if (e == 0x1f) return from_bits(sign | 0x7f800000u | (m << 13));
    if (e == 0) {
        const float v = (float)m * (1.f / 16777216.f);  // m * 2^-24
        return sign ? -v : v;
    }
    return from_bits(sign | ((e + 112) << 23) | (m << 13));
}

}  // namespace hh
