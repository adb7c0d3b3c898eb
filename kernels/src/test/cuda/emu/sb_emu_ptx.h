// Host replacements for the inline-PTX block of common.cuh (see sb_emu.h). Fragment layouts follow the PTX ISA:
// ldmatrix gives lane l row l/4, elements 2(l%4) and 2(l%4)+1 of each 8x8 matrix (matrix i's row r addressed by
// lane 8i + r); .trans gives the transpose. mma.m16n8k16 (g = l/4, t = l%4): a0 (g, 2t..2t+1), a1 (g+8, 2t..),
// a2 (g, 8+2t..), a3 (g+8, 8+2t..); b0 (k 2t..2t+1, n g), b1 (k 8+2t.., n g); c0 c1 (g, 2t 2t+1), c2 c3 (g+8, ..).
#pragma once

#include "host_half.h"

namespace sb {

inline float to_f(f16 x) { return hh::h2f(x.x); }
template <> inline f16 from_f<f16>(float x) { return f16{hh::f2h(x)}; }
template <> inline bf16 from_f<bf16>(float x) { return bf16{hh::f2bf(x)}; }
template <> inline unsigned pack2<f16>(float lo, float hi) { return hh::f2h(lo) | ((unsigned)hh::f2h(hi) << 16); }
template <> inline unsigned pack2<bf16>(float lo, float hi) { return hh::f2bf(lo) | ((unsigned)hh::f2bf(hi) << 16); }

inline unsigned smem_addr(const void* p) {
    const auto a = (unsigned long long)p;
    if (a >> 32) {
        std::fprintf(stderr, "emulator: shared address above 4 GiB (build with -no-pie)\n");
        std::abort();
    }
    return (unsigned)a;
}
inline unsigned char* sptr(unsigned long long a) { return reinterpret_cast<unsigned char*>(a); }

inline void cp_async16(unsigned dst, const void* src, bool pred) {
    if (pred)
        std::memcpy(sptr(dst), src, 16);
    else
        std::memset(sptr(dst), 0, 16);
}
inline void cp_async_commit() {}
template <int N> inline void cp_async_wait() {}

inline void ldsm(unsigned addr, unsigned* r, bool trans) {
    const unsigned long long in = addr;
    const int l = emu::lane;
    struct R4 { unsigned v[4]; };
    const R4 out = emu::exchange<R4>(&in, 1, [&](auto& s) {
        R4 o{};
        for (int i = 0; i < 4; ++i) {
            if (!trans) {
                std::memcpy(&o.v[i], sptr(s[8 * i + l / 4][0]) + 4 * (l % 4), 4);
            } else {
                uint16_t lo, hi;
                std::memcpy(&lo, sptr(s[8 * i + 2 * (l % 4)][0]) + 2 * (l / 4), 2);
                std::memcpy(&hi, sptr(s[8 * i + 2 * (l % 4) + 1][0]) + 2 * (l / 4), 2);
                o.v[i] = lo | ((unsigned)hi << 16);
            }
        }
        return o;
    });
    for (int i = 0; i < 4; ++i) r[i] = out.v[i];
}
inline void ldsm_x4(unsigned a, unsigned& r0, unsigned& r1, unsigned& r2, unsigned& r3) {
    unsigned r[4];
    ldsm(a, r, false);
    r0 = r[0]; r1 = r[1]; r2 = r[2]; r3 = r[3];
}
inline void ldsm_x4_t(unsigned a, unsigned& r0, unsigned& r1, unsigned& r2, unsigned& r3) {
    unsigned r[4];
    ldsm(a, r, true);
    r0 = r[0]; r1 = r[1]; r2 = r[2]; r3 = r[3];
}

template <typename T> inline float half_lo(unsigned w) { return to_f(T{(unsigned short)(w & 0xffffu)}); }
template <typename T> inline float half_hi(unsigned w) { return to_f(T{(unsigned short)(w >> 16)}); }

template <typename T> inline void mma16816(float* d, const unsigned* a, const unsigned* b) {
    unsigned long long in[10];
    for (int i = 0; i < 4; ++i) in[i] = a[i];
    in[4] = b[0];
    in[5] = b[1];
    for (int i = 0; i < 4; ++i) in[6 + i] = __float_as_uint(d[i]);
    const int l = emu::lane, g = l / 4, t = l % 4;
    struct D4 { float v[4]; };
    const D4 out = emu::exchange<D4>(in, 10, [&](auto& s) {
        float A[16][16], B[16][8];
        for (int L = 0; L < 32; ++L) {
            const int G = L / 4, Tq = L % 4;
            const unsigned a0 = (unsigned)s[L][0], a1 = (unsigned)s[L][1], a2 = (unsigned)s[L][2], a3 = (unsigned)s[L][3];
            A[G][2 * Tq] = half_lo<T>(a0); A[G][2 * Tq + 1] = half_hi<T>(a0);
            A[G + 8][2 * Tq] = half_lo<T>(a1); A[G + 8][2 * Tq + 1] = half_hi<T>(a1);
            A[G][8 + 2 * Tq] = half_lo<T>(a2); A[G][8 + 2 * Tq + 1] = half_hi<T>(a2);
            A[G + 8][8 + 2 * Tq] = half_lo<T>(a3); A[G + 8][8 + 2 * Tq + 1] = half_hi<T>(a3);
            const unsigned b0 = (unsigned)s[L][4], b1 = (unsigned)s[L][5];
            B[2 * Tq][G] = half_lo<T>(b0); B[2 * Tq + 1][G] = half_hi<T>(b0);
            B[8 + 2 * Tq][G] = half_lo<T>(b1); B[8 + 2 * Tq + 1][G] = half_hi<T>(b1);
        }
        D4 o;
        const int rows[4] = {g, g, g + 8, g + 8}, cols[4] = {2 * t, 2 * t + 1, 2 * t, 2 * t + 1};
        for (int e = 0; e < 4; ++e) {
            float acc = __uint_as_float((unsigned)s[l][6 + e]);
            for (int k = 0; k < 16; ++k) acc = std::fma(A[rows[e]][k], B[k][cols[e]], acc);
            o.v[e] = acc;
        }
        return o;
    });
    for (int e = 0; e < 4; ++e) d[e] = out.v[e];
}

// m16n8k8 tf32: a0 (g, t), a1 (g+8, t), a2 (g, t+4), a3 (g+8, t+4); b0 (k t, n g), b1 (k t+4, n g).
inline void mma1688_tf32(float* d, const unsigned* a, const unsigned* b) {
    unsigned long long in[10];
    for (int i = 0; i < 4; ++i) in[i] = a[i];
    in[4] = b[0];
    in[5] = b[1];
    for (int i = 0; i < 4; ++i) in[6 + i] = __float_as_uint(d[i]);
    const int l = emu::lane, g = l / 4, t = l % 4;
    struct D4 { float v[4]; };
    auto tf = [](unsigned long long w) { return __uint_as_float((unsigned)w & 0xffffe000u); };
    const D4 out = emu::exchange<D4>(in, 10, [&](auto& s) {
        float A[16][8], B[8][8];
        for (int L = 0; L < 32; ++L) {
            const int G = L / 4, Tq = L % 4;
            A[G][Tq] = tf(s[L][0]); A[G + 8][Tq] = tf(s[L][1]); A[G][Tq + 4] = tf(s[L][2]); A[G + 8][Tq + 4] = tf(s[L][3]);
            B[Tq][G] = tf(s[L][4]); B[Tq + 4][G] = tf(s[L][5]);
        }
        D4 o;
        const int rows[4] = {g, g, g + 8, g + 8}, cols[4] = {2 * t, 2 * t + 1, 2 * t, 2 * t + 1};
        for (int e = 0; e < 4; ++e) {
            float acc = __uint_as_float((unsigned)s[l][6 + e]);
            for (int k = 0; k < 8; ++k) acc = std::fma(A[rows[e]][k], B[k][cols[e]], acc);
            o.v[e] = acc;
        }
        return o;
    });
    for (int e = 0; e < 4; ++e) d[e] = out.v[e];
}

}  // namespace sb
