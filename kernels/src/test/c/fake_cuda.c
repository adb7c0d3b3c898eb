/*
 * fake_cuda.c: a fake CUDA driver (libcuda.so.1) that pretends to be one H100, for testing scalebench's whole GPU
 * path on a machine without a GPU. It runs no kernel. It checks what a driver would reject (launch limits, shared
 * memory, stale handles, copies outside allocations) plus what a driver cannot see: every 64-bit kernel argument
 * must be 0, inside a live allocation, or below 2^40 (an integer such as a long long count).
 *
 * Build (FakeCuda does): gcc -shared -fPIC -O1 -std=gnu11 -Wall -Wl,-soname,libcuda.so.1 -o libcuda.so.1 fake_cuda.c -lpthread
 * Environment: FAKE_CUDA_MEMORY_BYTES (device memory, default 80e9), FAKE_CUDA_DEVICES (0 or 1, default 1),
 * FAKE_CUDA_LOG (file; one line appended per accepted launch:
 *   name grid=x,y,z block=x,y,z smem=N args=a0,a1,...   pointers as ptr:<allocation id>+<offset>),
 * FAKE_CUDA_EVENT_CLOCK (monotonic, the default: events record host time; thread: the CPU time of the thread that
 *   records them, which a busy machine does not stretch: for tests whose stand-in work spins on that thread's CPU
 *   time, and whose events are all recorded on one thread).
 * Every rejected call prints "fake libcuda: <call>: <why>" to stderr.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

typedef int CUresult;
typedef unsigned long long CUdeviceptr;
enum {
    OK = 0, E_VALUE = 1, E_OOM = 2, E_NOT_INIT = 3, E_NO_DEVICE = 100, E_DEVICE = 101, E_IMAGE = 200,
    E_CONTEXT = 201, E_NO_BINARY = 209, E_PTX = 218, E_PTX_VERSION = 222, E_HANDLE = 400, E_NOT_FOUND = 500,
    E_NOT_SUPPORTED = 801
};
enum { STREAM = 0x5354524d, EVENT = 0x45564e54, MODULE = 0x4d4f444c, FUNC = 0x46554e43, DEAD = 0x44454144 };
#define KIB 1024
#define SMEM_DEFAULT (48 * KIB)
#define SMEM_OPTIN (227 * KIB)
#define INT_LIMIT (1ULL << 40)
#define QUARANTINE 1024

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int initialized, ctx_refs, pipefd[2] = {-1, -1};
static int primary = 0x43545831;
static __thread void *current;
static size_t total_bytes, used_bytes;
static const char *log_path;
static clockid_t event_clock = CLOCK_MONOTONIC;
static FILE *log_file;

static CUresult fail(CUresult r, const char *call, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "fake libcuda: %s: ", call);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return r;
}

/* ---- memory: one private anonymous mapping per allocation; freed ones stay reserved (PROT_NONE) a while, so a
 * dangling pointer is recognised as such and no new allocation lands on it ---- */
typedef struct { uintptr_t base; size_t size; long id, freed; int live; } alloc_t;  /* freed: order of freeing */
static alloc_t *allocs;
static size_t nallocs, cap_allocs, nfreed;
static long next_id = 1, next_free = 1;

static size_t page_round(size_t n) { size_t p = (size_t)sysconf(_SC_PAGESIZE); return (n + p - 1) / p * p; }

static alloc_t *find(uintptr_t p) {
    for (size_t i = 0; i < nallocs; i++) {
        if (p >= allocs[i].base && p - allocs[i].base < allocs[i].size) return &allocs[i];
    }
    return NULL;
}

/* [p, p+n) inside one live allocation? */
static CUresult range(const char *call, CUdeviceptr p, size_t n) {
    alloc_t *a = find((uintptr_t)p);
    if (a == NULL) return fail(E_VALUE, call, "0x%llx is not in any allocation", p);
    if (!a->live) return fail(E_VALUE, call, "0x%llx is in allocation #%ld (%zu bytes), which was freed", p, a->id, a->size);
    if (n > a->size - (p - a->base))
        return fail(E_VALUE, call, "%zu bytes at allocation #%ld + %llu overrun its %zu bytes", n, a->id,
                    (unsigned long long)(p - a->base), a->size);
    return OK;
}

static void release(alloc_t *a) {
    used_bytes -= a->size;
    a->live = 0;
    a->freed = next_free++;
    madvise((void *)a->base, page_round(a->size), MADV_DONTNEED);
    mprotect((void *)a->base, page_round(a->size), PROT_NONE);
    nfreed++;
}

static void trim_quarantine(void) {  /* unmap the allocations freed longest ago, beyond QUARANTINE */
    while (nfreed > QUARANTINE) {
        size_t oldest = nallocs;
        for (size_t i = 0; i < nallocs; i++) {
            if (!allocs[i].live && (oldest == nallocs || allocs[i].freed < allocs[oldest].freed)) oldest = i;
        }
        munmap((void *)allocs[oldest].base, page_round(allocs[oldest].size));
        memmove(&allocs[oldest], &allocs[oldest + 1], (nallocs - oldest - 1) * sizeof(alloc_t));
        nallocs--, nfreed--;
    }
}

/* ---- handles: structs with a magic number, never freed, so a destroyed handle is recognised ---- */
typedef struct { int magic; } stream_t;
typedef struct { int magic; unsigned flags; int recorded; struct timespec t; } event_t;
typedef struct { char type[16]; int size; } param_t;
typedef struct module module_t;
typedef struct {
    int magic; module_t *module; char *name; int nparams; param_t *params;
    int maxntid, static_smem, max_dyn_smem, ptx_version;
} func_t;
struct module { int magic; int nfuncs; func_t **funcs; };

static module_t **modules;
static size_t nmodules;

static int valid_stream(void *s) {
    return s == NULL || s == (void *)1 || s == (void *)2 || ((stream_t *)s)->magic == STREAM;
}

static CUresult need_init(const char *call) {
    return initialized ? OK : fail(E_NOT_INIT, call, "cuInit has not succeeded");
}

static CUresult need_ctx(const char *call) {
    if (!initialized) return fail(E_NOT_INIT, call, "cuInit has not succeeded");
    if (current != &primary || ctx_refs == 0) return fail(E_CONTEXT, call, "no current context (retain the primary context and make it current)");
    return OK;
}

#define LOCKED(body) do { pthread_mutex_lock(&lock); CUresult r_ = (body); pthread_mutex_unlock(&lock); return r_; } while (0)

/* ---- driver, device ---- */
CUresult cuDriverGetVersion(int *v) { if (!v) return E_VALUE; *v = 13000; return OK; }

CUresult cuInit(unsigned flags) {
    if (flags != 0) return fail(E_VALUE, "cuInit", "flags must be 0");
    const char *d = getenv("FAKE_CUDA_DEVICES");
    if (d != NULL && atoi(d) == 0) return fail(E_NO_DEVICE, "cuInit", "FAKE_CUDA_DEVICES=%s", d);
    pthread_mutex_lock(&lock);
    if (!initialized) {
        const char *m = getenv("FAKE_CUDA_MEMORY_BYTES");
        double bytes = m ? strtod(m, NULL) : 80e9;
        total_bytes = bytes > 0 ? (size_t)bytes : (size_t)80e9;
        log_path = getenv("FAKE_CUDA_LOG");
        const char *ec = getenv("FAKE_CUDA_EVENT_CLOCK");
        event_clock = ec != NULL && strcmp(ec, "thread") == 0 ? CLOCK_THREAD_CPUTIME_ID : CLOCK_MONOTONIC;
        if (pipe(pipefd) != 0) pipefd[0] = pipefd[1] = -1;
        initialized = 1;
    }
    pthread_mutex_unlock(&lock);
    return OK;
}

CUresult cuDeviceGetCount(int *n) { CUresult r = need_init("cuDeviceGetCount"); if (r == OK) *n = 1; return r; }

static CUresult device(const char *call, int dev) {
    CUresult r = need_init(call);
    return r != OK ? r : dev == 0 ? OK : fail(E_DEVICE, call, "no device %d (one fake H100, ordinal 0)", dev);
}

CUresult cuDeviceGet(int *dev, int ordinal) { CUresult r = device("cuDeviceGet", ordinal); if (r == OK) *dev = 0; return r; }

CUresult cuDeviceGetName(char *name, int len, int dev) {
    CUresult r = device("cuDeviceGetName", dev);
    if (r == OK) snprintf(name, (size_t)len, "NVIDIA H100 80GB HBM3 (fake)");
    return r;
}

CUresult cuDeviceTotalMem_v2(size_t *bytes, int dev) {
    CUresult r = device("cuDeviceTotalMem", dev);
    if (r == OK) *bytes = total_bytes;
    return r;
}

CUresult cuDeviceComputeCapability(int *major, int *minor, int dev) {
    CUresult r = device("cuDeviceComputeCapability", dev);
    if (r == OK) *major = 9, *minor = 0;
    return r;
}

CUresult cuDeviceGetPCIBusId(char *id, int len, int dev) {
    CUresult r = device("cuDeviceGetPCIBusId", dev);
    if (r == OK) snprintf(id, (size_t)len, "0000:1B:00.0");
    return r;
}

CUresult cuDeviceGetUuid(unsigned char *uuid, int dev) {
    static const unsigned char u[16] = {0xfa, 0xce, 0xc0, 0xda, 0x00, 0x00, 0x40, 0x00, 0x80, 0x00, 0, 0, 0, 0, 0x01, 0x00};
    CUresult r = device("cuDeviceGetUuid", dev);
    if (r == OK) memcpy(uuid, u, 16);
    return r;
}

/* H100 SXM5 values; attributes not listed read 0 */
static const int attributes[][2] = {
    {1, 1024}, {2, 1024}, {3, 1024}, {4, 64}, {5, 2147483647}, {6, 65535}, {7, 65535}, {8, SMEM_DEFAULT},
    {9, 65536}, {10, 32}, {11, 2147483647}, {12, 65536}, {13, 1980000}, {14, 512}, {15, 1}, {16, 132}, {19, 1},
    {30, 512}, {31, 1}, {32, 1}, {33, 0x1B}, {36, 2619000}, {37, 5120}, {38, 50 * KIB * KIB}, {39, 2048}, {40, 3},
    {41, 1}, {51, 32}, {75, 9}, {76, 0}, {78, 1}, {79, 1}, {80, 1}, {81, 228 * KIB}, {82, 65536}, {83, 1}, {87, 2},
    {89, 1}, {90, 1}, {95, 1}, {97, SMEM_OPTIN}, {99, 1}, {102, 1}, {103, 1}, {106, 32}, {111, KIB}, {115, 1},
    {120, 1}, {126, 4}, {127, 1},
};

CUresult cuDeviceGetAttribute(int *v, int attribute, int dev) {
    CUresult r = device("cuDeviceGetAttribute", dev);
    if (r != OK) return r;
    if (attribute < 1 || attribute > 140) return fail(E_VALUE, "cuDeviceGetAttribute", "no attribute %d", attribute);
    *v = 0;
    for (size_t i = 0; i < sizeof attributes / sizeof attributes[0]; i++) {
        if (attributes[i][0] == attribute) *v = attributes[i][1];
    }
    return OK;
}

/* ---- the primary context ---- */
static CUresult retain(void **ctx, int dev) {
    CUresult r = device("cuDevicePrimaryCtxRetain", dev);
    if (r == OK) ctx_refs++, *ctx = &primary;
    return r;
}
CUresult cuDevicePrimaryCtxRetain(void **ctx, int dev) { LOCKED(retain(ctx, dev)); }

static CUresult release_ctx(int dev) {
    CUresult r = device("cuDevicePrimaryCtxRelease", dev);
    if (r != OK) return r;
    if (ctx_refs == 0) return fail(E_CONTEXT, "cuDevicePrimaryCtxRelease", "the primary context is not retained");
    if (--ctx_refs > 0) return OK;
    size_t n = 0, bytes = 0;
    for (size_t i = 0; i < nallocs; i++) {
        if (allocs[i].live) n++, bytes += allocs[i].size, release(&allocs[i]);
    }
    trim_quarantine();
    if (n > 0) fail(OK, "cuDevicePrimaryCtxRelease", "primary context destroyed with %zu allocations (%zu bytes) still live; freed them", n, bytes);
    for (size_t i = 0; i < nmodules; i++) {
        if (modules[i]->magic == MODULE) {
            modules[i]->magic = DEAD;
            for (int f = 0; f < modules[i]->nfuncs; f++) modules[i]->funcs[f]->magic = DEAD;
        }
    }
    return OK;
}
CUresult cuDevicePrimaryCtxRelease_v2(int dev) { LOCKED(release_ctx(dev)); }

CUresult cuDevicePrimaryCtxGetState(int dev, unsigned *flags, int *active) {
    CUresult r = device("cuDevicePrimaryCtxGetState", dev);
    if (r == OK) *flags = 0, *active = ctx_refs > 0;
    return r;
}

CUresult cuCtxSetCurrent(void *ctx) {
    CUresult r = need_init("cuCtxSetCurrent");
    if (r != OK) return r;
    if (ctx != NULL && ctx != &primary) return fail(E_CONTEXT, "cuCtxSetCurrent", "%p is not a context of this driver", ctx);
    current = ctx;
    return OK;
}
CUresult cuCtxGetCurrent(void **ctx) { CUresult r = need_init("cuCtxGetCurrent"); if (r == OK) *ctx = current; return r; }
CUresult cuCtxGetDevice(int *dev) { CUresult r = need_ctx("cuCtxGetDevice"); if (r == OK) *dev = 0; return r; }
CUresult cuCtxSynchronize(void) { return need_ctx("cuCtxSynchronize"); }

/* ---- memory ---- */
static CUresult mem_alloc(CUdeviceptr *p, size_t n) {
    CUresult r = need_ctx("cuMemAlloc");
    if (r != OK) return r;
    if (n == 0) return fail(E_VALUE, "cuMemAlloc", "0 bytes");
    if (n > total_bytes - used_bytes)
        return fail(E_OOM, "cuMemAlloc", "%zu bytes requested, %zu of %zu free", n, total_bytes - used_bytes, total_bytes);
    void *m = mmap(NULL, page_round(n), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (m == MAP_FAILED) return fail(E_OOM, "cuMemAlloc", "mmap of %zu bytes: %s", n, strerror(errno));
    if (nallocs == cap_allocs) {
        cap_allocs = cap_allocs ? 2 * cap_allocs : 64;
        allocs = realloc(allocs, cap_allocs * sizeof(alloc_t));
    }
    allocs[nallocs++] = (alloc_t){(uintptr_t)m, n, next_id++, 0, 1};
    used_bytes += n;
    *p = (CUdeviceptr)(uintptr_t)m;
    return OK;
}
CUresult cuMemAlloc_v2(CUdeviceptr *p, size_t n) { LOCKED(mem_alloc(p, n)); }

static CUresult mem_free(CUdeviceptr p) {
    CUresult r = need_ctx("cuMemFree");
    if (r != OK) return r;
    alloc_t *a = find((uintptr_t)p);
    if (a == NULL || a->base != p) return fail(E_VALUE, "cuMemFree", "0x%llx is not the start of an allocation", p);
    if (!a->live) return fail(E_VALUE, "cuMemFree", "allocation #%ld freed twice", a->id);
    release(a);
    trim_quarantine();
    return OK;
}
CUresult cuMemFree_v2(CUdeviceptr p) { LOCKED(mem_free(p)); }

static CUresult mem_info(size_t *free, size_t *total) {
    CUresult r = need_ctx("cuMemGetInfo");
    if (r == OK) *free = total_bytes - used_bytes, *total = total_bytes;
    return r;
}
CUresult cuMemGetInfo_v2(size_t *free, size_t *total) { LOCKED(mem_info(free, total)); }

static CUresult copy(const char *call, void *stream, CUdeviceptr dst, int dst_dev, CUdeviceptr src, int src_dev, size_t n) {
    CUresult r = need_ctx(call);
    if (r != OK || n == 0) return r;
    if (!valid_stream(stream)) return fail(E_HANDLE, call, "invalid stream");
    if ((dst_dev && (r = range(call, dst, n)) != OK) || (src_dev && (r = range(call, src, n)) != OK)) return r;
    memmove((void *)(uintptr_t)dst, (const void *)(uintptr_t)src, n);
    return OK;
}
#define H(p) ((CUdeviceptr)(uintptr_t)(p))
CUresult cuMemcpyHtoD_v2(CUdeviceptr d, const void *h, size_t n) { LOCKED(copy("cuMemcpyHtoD", NULL, d, 1, H(h), 0, n)); }
CUresult cuMemcpyDtoH_v2(void *h, CUdeviceptr d, size_t n) { LOCKED(copy("cuMemcpyDtoH", NULL, H(h), 0, d, 1, n)); }
CUresult cuMemcpyDtoD_v2(CUdeviceptr d, CUdeviceptr s, size_t n) { LOCKED(copy("cuMemcpyDtoD", NULL, d, 1, s, 1, n)); }
CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr d, const void *h, size_t n, void *s) { LOCKED(copy("cuMemcpyHtoDAsync", s, d, 1, H(h), 0, n)); }
CUresult cuMemcpyDtoHAsync_v2(void *h, CUdeviceptr d, size_t n, void *s) { LOCKED(copy("cuMemcpyDtoHAsync", s, H(h), 0, d, 1, n)); }
CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr d, CUdeviceptr s, size_t n, void *st) { LOCKED(copy("cuMemcpyDtoDAsync", st, d, 1, s, 1, n)); }

static CUresult set(const char *call, void *stream, CUdeviceptr p, unsigned v, int width, size_t n) {
    CUresult r = need_ctx(call);
    if (r != OK || n == 0) return r;
    if (!valid_stream(stream)) return fail(E_HANDLE, call, "invalid stream");
    if ((r = range(call, p, n * (size_t)width)) != OK) return r;
    if (v == 0) {  /* zero whole pages by dropping them, so that clearing a huge buffer costs no memory */
        size_t pg = page_round(1), bytes = n * (size_t)width;
        uintptr_t lo = (p + pg - 1) / pg * pg, hi = (p + bytes) / pg * pg;
        if (hi <= lo) return memset((void *)(uintptr_t)p, 0, bytes), OK;
        memset((void *)(uintptr_t)p, 0, lo - p);
        madvise((void *)lo, hi - lo, MADV_DONTNEED);
        memset((void *)hi, 0, p + bytes - hi);
        return OK;
    }
    if (width == 1) memset((void *)(uintptr_t)p, (int)v, n);
    for (size_t i = 0; width == 2 && i < n; i++) ((uint16_t *)(uintptr_t)p)[i] = (uint16_t)v;
    for (size_t i = 0; width == 4 && i < n; i++) ((uint32_t *)(uintptr_t)p)[i] = v;
    return OK;
}
CUresult cuMemsetD8_v2(CUdeviceptr p, unsigned char v, size_t n) { LOCKED(set("cuMemsetD8", NULL, p, v, 1, n)); }
CUresult cuMemsetD16_v2(CUdeviceptr p, unsigned short v, size_t n) { LOCKED(set("cuMemsetD16", NULL, p, v, 2, n)); }
CUresult cuMemsetD32_v2(CUdeviceptr p, unsigned v, size_t n) { LOCKED(set("cuMemsetD32", NULL, p, v, 4, n)); }
CUresult cuMemsetD8Async(CUdeviceptr p, unsigned char v, size_t n, void *s) { LOCKED(set("cuMemsetD8Async", s, p, v, 1, n)); }
CUresult cuMemsetD16Async(CUdeviceptr p, unsigned short v, size_t n, void *s) { LOCKED(set("cuMemsetD16Async", s, p, v, 2, n)); }
CUresult cuMemsetD32Async(CUdeviceptr p, unsigned v, size_t n, void *s) { LOCKED(set("cuMemsetD32Async", s, p, v, 4, n)); }

/* ---- streams and events: no asynchronous work exists, so every wait returns at once ---- */
CUresult cuStreamCreate(void **s, unsigned flags) {
    (void)flags;
    CUresult r = need_ctx("cuStreamCreate");
    if (r != OK) return r;
    stream_t *st = malloc(sizeof *st);
    st->magic = STREAM;
    *s = st;
    return OK;
}
static CUresult stream_op(const char *call, void *s) {
    CUresult r = need_ctx(call);
    return r != OK ? r : valid_stream(s) ? OK : fail(E_HANDLE, call, "invalid or destroyed stream");
}
CUresult cuStreamDestroy_v2(void *s) {
    CUresult r = stream_op("cuStreamDestroy", s);
    if (r == OK && s != NULL && s != (void *)1 && s != (void *)2) ((stream_t *)s)->magic = DEAD;
    return r;
}
CUresult cuStreamSynchronize(void *s) { return stream_op("cuStreamSynchronize", s); }
CUresult cuStreamQuery(void *s) { return stream_op("cuStreamQuery", s); }
CUresult cuStreamWaitEvent(void *s, event_t *e, unsigned flags) {
    (void)flags;
    CUresult r = stream_op("cuStreamWaitEvent", s);
    return r != OK ? r : e != NULL && e->magic == EVENT ? OK : fail(E_HANDLE, "cuStreamWaitEvent", "invalid event");
}

CUresult cuEventCreate(event_t **e, unsigned flags) {
    CUresult r = need_ctx("cuEventCreate");
    if (r != OK) return r;
    event_t *ev = calloc(1, sizeof *ev);
    ev->magic = EVENT;
    ev->flags = flags;
    *e = ev;
    return OK;
}
static CUresult event_op(const char *call, event_t *e) {
    CUresult r = need_ctx(call);
    return r != OK ? r : e != NULL && e->magic == EVENT ? OK : fail(E_HANDLE, call, "invalid or destroyed event");
}
CUresult cuEventRecord(event_t *e, void *s) {
    CUresult r = event_op("cuEventRecord", e);
    if (r == OK && !valid_stream(s)) return fail(E_HANDLE, "cuEventRecord", "invalid stream");
    if (r == OK) clock_gettime(event_clock, &e->t), e->recorded = 1;
    return r;
}
CUresult cuEventSynchronize(event_t *e) { return event_op("cuEventSynchronize", e); }
CUresult cuEventQuery(event_t *e) { return event_op("cuEventQuery", e); }
CUresult cuEventDestroy_v2(event_t *e) { CUresult r = event_op("cuEventDestroy", e); if (r == OK) e->magic = DEAD; return r; }
CUresult cuEventElapsedTime(float *ms, event_t *a, event_t *b) {
    CUresult r;
    if ((r = event_op("cuEventElapsedTime", a)) != OK || (r = event_op("cuEventElapsedTime", b)) != OK) return r;
    if (!a->recorded || !b->recorded) return fail(E_HANDLE, "cuEventElapsedTime", "an event was never recorded");
    if ((a->flags | b->flags) & 2) return fail(E_HANDLE, "cuEventElapsedTime", "an event was created with CU_EVENT_DISABLE_TIMING");
    *ms = (float)((double)(b->t.tv_sec - a->t.tv_sec) * 1e3 + (double)(b->t.tv_nsec - a->t.tv_nsec) / 1e6);
    return OK;
}

/* ---- modules: PTX text only; its .entry declarations give the kernels and their parameters ---- */
static int ident(char c) { return isalnum((unsigned char)c) || c == '_' || c == '$' || c == '.'; }

static int type_size(const char *t) {
    if (t[0] != '.' || !strchr("usbf", t[1])) return 0;
    int bits = atoi(t + 2);
    return bits == 8 || bits == 16 || bits == 32 || bits == 64 ? bits / 8 : 0;
}

/* one `.param [.align N] .type [.ptr ...] name[[N]]` */
static int parse_param(const char *p, const char *end, param_t *out) {
    char buf[256], *tok, *save, *name = NULL;
    size_t n = (size_t)(end - p) < sizeof buf - 1 ? (size_t)(end - p) : sizeof buf - 1;
    memcpy(buf, p, n);
    buf[n] = 0;
    out->size = 0;
    for (tok = strtok_r(buf, " \t\r\n", &save); tok; tok = strtok_r(NULL, " \t\r\n", &save)) {
        if (out->size == 0 && type_size(tok) > 0) snprintf(out->type, sizeof out->type, "%s", tok + 1), out->size = type_size(tok);
        name = tok;
    }
    char *bracket = name ? strchr(name, '[') : NULL;
    if (out->size > 0 && bracket) {  /* a struct passed by value: .b8 name[N] */
        out->size *= atoi(bracket + 1);
        snprintf(out->type, sizeof out->type, "b8[%d]", out->size);
    }
    return out->size > 0;
}

/* a `.shared [.align N] .type name[N];` declaration at p (just past ".shared"): its name and size */
static int shared_decl(const char *p, char *name, size_t name_cap, int *bytes) {
    const char *semi = strchr(p, ';'), *last = p;
    int elem = 0;
    if (semi == NULL || memchr(p, '\n', (size_t)(semi - p)) != NULL) return 0;
    for (const char *q = p; q < semi; q++) {
        if (*q == '.' && (q == p || isspace((unsigned char)q[-1])) && type_size(q) > 0 && elem == 0) elem = type_size(q);
        if (isspace((unsigned char)*q)) last = q + 1;
    }
    size_t n = 0;
    while (last + n < semi && ident(last[n]) && n + 1 < name_cap) n++;
    memcpy(name, last, n);
    name[n] = 0;
    const char *br = memchr(last, '[', (size_t)(semi - last));
    *bytes = elem * (br ? atoi(br + 1) : 1);
    return n > 0;
}

static const char *word(const char *text, const char *end, const char *w) {  /* w preceded by space, followed by space */
    size_t n = strlen(w);
    for (const char *p = text; p + n <= end && (p = memmem(p, (size_t)(end - p), w, n)) != NULL; p += n) {
        if ((p == text || isspace((unsigned char)p[-1])) && (p + n == end || !ident(p[n]))) return p;
    }
    return NULL;
}

static int has_word(const char *from, const char *to, const char *w) {  /* w as a whole identifier */
    size_t n = strlen(w);
    for (const char *u = from; u + n <= to && (u = memmem(u, (size_t)(to - u), w, n)) != NULL; u++) {
        if ((u == from || !ident(u[-1])) && (u + n == to || !ident(u[n]))) return 1;
    }
    return 0;
}

typedef struct { const char *at; int module_scope, bytes; char name[256]; } shared_t;

/* the kernel declared at p (".entry"); sets *next past its body */
static CUresult parse_entry(const char *p, const char *end, const shared_t *shared, int nshared, func_t *f, const char **next) {
    const char *n = p + 6, *open, *close, *body, *q;
    while (isspace((unsigned char)*n)) n++;
    for (open = n; ident(*open); open++) {}
    f->name = strndup(n, (size_t)(open - n));
    while (isspace((unsigned char)*open)) open++;
    if (*open != '(' || (close = strchr(open, ')')) == NULL || (body = strchr(close, '{')) == NULL)
        return fail(E_PTX, "cuModuleLoadData", "cannot read the declaration of .entry %s", f->name);
    for (const char *s = open + 1; s < close; ) {
        const char *comma = memchr(s, ',', (size_t)(close - s)), *e = comma ? comma : close;
        if (word(s, e, ".param")) {
            f->params = realloc(f->params, (size_t)(f->nparams + 1) * sizeof(param_t));
            if (!parse_param(s, e, &f->params[f->nparams++]))
                return fail(E_PTX, "cuModuleLoadData", "cannot read parameter %d of %s", f->nparams - 1, f->name);
        }
        s = e + 1;
    }
    int x = 1, y = 1, z = 1, depth = 0;
    const char *bounds = word(close, body, ".maxntid") ? word(close, body, ".maxntid") : word(close, body, ".reqntid");
    f->maxntid = bounds && sscanf(bounds + 8, " %d , %d , %d", &x, &y, &z) >= 1 ? x * y * z : 1024;
    for (q = body; q < end; q++) {
        if (*q == '{') depth++;
        if (*q == '}' && --depth == 0) break;
    }
    for (int i = 0; i < nshared; i++) {  /* static shared memory: declared in the body, or at module scope and used */
        if ((shared[i].at > body && shared[i].at < q) || (shared[i].module_scope && has_word(body, q, shared[i].name)))
            f->static_smem += shared[i].bytes;
    }
    f->max_dyn_smem = f->static_smem < SMEM_DEFAULT ? SMEM_DEFAULT - f->static_smem : 0;
    *next = q;
    return OK;
}

static CUresult parse_ptx(const char *ptx, module_t *m) {
    const char *end = ptx + strlen(ptx), *p, *v = word(ptx, end, ".version"), *t = word(ptx, end, ".target");
    if (v == NULL) return fail(E_IMAGE, "cuModuleLoadData", "neither an ELF image nor PTX (no .version)");
    int major = 0, minor = 0, sm = 0, nshared = 0, depth = 0;
    sscanf(v + 8, " %d.%d", &major, &minor);
    if (major * 10 + minor > 90) return fail(E_PTX_VERSION, "cuModuleLoadData", "PTX ISA %d.%d is newer than this driver's 9.0", major, minor);
    if (t == NULL || sscanf(t + 7, " sm_%d", &sm) != 1 || sm > 90)
        return fail(E_PTX, "cuModuleLoadData", "PTX .target is not sm_90 or lower");
    shared_t *shared = NULL, s;
    for (const char *c = ptx; c < end; c++) {  /* every sized `.shared` variable, and whether it is at module scope */
        depth += *c == '{' ? 1 : *c == '}' ? -1 : 0;
        if (*c == '.' && strncmp(c, ".shared", 7) == 0 && (c == ptx || isspace((unsigned char)c[-1])) && !ident(c[7])
                && shared_decl(c + 7, s.name, sizeof s.name, &s.bytes) && s.bytes > 0) {
            s.at = c;
            s.module_scope = depth == 0;
            shared = realloc(shared, (size_t)(nshared + 1) * sizeof s);
            shared[nshared++] = s;
        }
    }
    CUresult r = OK;
    for (p = ptx; r == OK && (p = word(p, end, ".entry")) != NULL; ) {
        func_t *f = calloc(1, sizeof *f);
        f->magic = FUNC;
        f->module = m;
        f->ptx_version = major * 10 + minor;
        m->funcs = realloc(m->funcs, (size_t)(m->nfuncs + 1) * sizeof(func_t *));
        m->funcs[m->nfuncs++] = f;
        r = parse_entry(p, end, shared, nshared, f, &p);
    }
    free(shared);
    return r;
}

static CUresult load(module_t **out, const void *image) {
    CUresult r = need_ctx("cuModuleLoadData");
    if (r != OK) return r;
    if (image == NULL) return fail(E_VALUE, "cuModuleLoadData", "no image");
    const unsigned char *b = image;
    uint32_t magic;
    memcpy(&magic, b, 4);
    if (memcmp(b, "\177ELF", 4) == 0 || magic == 0x466243b1u || magic == 0xba55ed50u)
        return fail(E_NO_BINARY, "cuModuleLoadData", "a cubin or fatbin: the fake driver runs no machine code, load PTX");
    module_t *m = calloc(1, sizeof *m);
    if ((r = parse_ptx(image, m)) != OK) return r;
    m->magic = MODULE;
    modules = realloc(modules, (nmodules + 1) * sizeof(module_t *));
    modules[nmodules++] = m;
    *out = m;
    return OK;
}
CUresult cuModuleLoadData(module_t **out, const void *image) { LOCKED(load(out, image)); }

static CUresult unload(module_t *m) {
    CUresult r = need_ctx("cuModuleUnload");
    if (r != OK) return r;
    if (m == NULL || m->magic != MODULE) return fail(E_HANDLE, "cuModuleUnload", "invalid or unloaded module");
    m->magic = DEAD;
    for (int i = 0; i < m->nfuncs; i++) m->funcs[i]->magic = DEAD;
    return OK;
}
CUresult cuModuleUnload(module_t *m) { LOCKED(unload(m)); }

static CUresult get_function(func_t **f, module_t *m, const char *name) {
    CUresult r = need_ctx("cuModuleGetFunction");
    if (r != OK) return r;
    if (m == NULL || m->magic != MODULE) return fail(E_HANDLE, "cuModuleGetFunction", "invalid or unloaded module");
    for (int i = 0; i < m->nfuncs; i++) {
        if (strcmp(m->funcs[i]->name, name) == 0) return *f = m->funcs[i], OK;
    }
    return fail(E_NOT_FOUND, "cuModuleGetFunction", "no kernel '%s' in the module (%d kernels)", name, m->nfuncs);
}
CUresult cuModuleGetFunction(func_t **f, module_t *m, const char *name) { LOCKED(get_function(f, m, name)); }

static CUresult func_op(const char *call, func_t *f) {
    CUresult r = need_ctx(call);
    return r != OK ? r : f != NULL && f->magic == FUNC ? OK : fail(E_HANDLE, call, "invalid function, or its module is unloaded");
}

/* fixed register (32) and local memory (0) figures: nothing is compiled, so these are not measurements */
CUresult cuFuncGetAttribute(int *v, int attribute, func_t *f) {
    CUresult r = func_op("cuFuncGetAttribute", f);
    if (r != OK) return r;
    switch (attribute) {
        case 0: *v = f->maxntid; return OK;
        case 1: *v = f->static_smem; return OK;
        case 4: *v = 32; return OK;
        case 5: *v = f->ptx_version; return OK;
        case 6: *v = 90; return OK;
        case 8: *v = f->max_dyn_smem; return OK;
        case 9: *v = -1; return OK;
        case 2: case 3: case 7: case 10: case 11: case 12: case 13: case 14: case 15: *v = 0; return OK;
        default: return fail(E_VALUE, "cuFuncGetAttribute", "no function attribute %d", attribute);
    }
}

CUresult cuFuncSetAttribute(func_t *f, int attribute, int value) {
    CUresult r = func_op("cuFuncSetAttribute", f);
    if (r != OK) return r;
    if (attribute == 8) {
        if (value < 0 || value > SMEM_OPTIN - f->static_smem)
            return fail(E_VALUE, "cuFuncSetAttribute", "%s: %d bytes of dynamic shared memory + %d static exceed %d",
                        f->name, value, f->static_smem, SMEM_OPTIN);
        f->max_dyn_smem = value;
        return OK;
    }
    if (attribute == 9) return value >= -1 && value <= 100 ? OK : fail(E_VALUE, "cuFuncSetAttribute", "carveout %d", value);
    return fail(E_VALUE, "cuFuncSetAttribute", "attribute %d is not settable here", attribute);
}

/* ---- launches ---- */
static int safe_read(void *dst, const void *src, size_t n) {  /* copy n host bytes without faulting */
    if (pipefd[0] < 0 || n > 4096) return 0;
    if (write(pipefd[1], src, n) != (ssize_t)n) return 0;
    return read(pipefd[0], dst, n) == (ssize_t)n;
}

/* FAKE_CUDA_VALUE_ARGS="prefix:index,...": 64-bit arguments that are values, not pointers (e.g. a seed), for the
 * kernels whose name starts with prefix; logged as unsigned numbers instead of being checked as pointers. */
static int value_arg(const char *kernel, int i) {
    const char *spec = getenv("FAKE_CUDA_VALUE_ARGS");
    if (spec == NULL) return 0;
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", spec);
    for (char *save = NULL, *tok = strtok_r(buf, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
        char *colon = strrchr(tok, ':');
        if (colon == NULL) continue;
        *colon = 0;
        if (strncmp(kernel, tok, strlen(tok)) == 0 && atoi(colon + 1) == i) return 1;
    }
    return 0;
}

static CUresult argument(const func_t *f, int i, const unsigned char *v, char *out, size_t cap) {
    const param_t *p = &f->params[i];
    uint64_t u = 0;
    memcpy(&u, v, p->size < 8 ? (size_t)p->size : 8);
    if (p->type[0] == 'f' && p->size == 4) {  /* the shortest decimal that reads back as the same float */
        float x;
        memcpy(&x, v, 4);
        for (int digits = 1; digits <= 9; digits++) {
            snprintf(out, cap, "%.*g", digits, x);
            if (strtof(out, NULL) == x) break;
        }
        return OK;
    }
    if (p->type[0] == 'f' && p->size == 8) { double x; memcpy(&x, v, 8); snprintf(out, cap, "%.17g", x); return OK; }
    if (p->size != 4 && (p->size != 8 || strchr(p->type, '['))) { snprintf(out, cap, "%llu", (unsigned long long)u); return OK; }
    if (p->size == 4) { snprintf(out, cap, "%d", (int32_t)u); return OK; }  /* nvcc writes .u32 for int too */
    if (value_arg(f->name, i)) { snprintf(out, cap, "%llu", (unsigned long long)u); return OK; }
    alloc_t *a = find((uintptr_t)u);
    if (a != NULL && a->live) { snprintf(out, cap, "ptr:%ld+%llu", a->id, (unsigned long long)(u - a->base)); return OK; }
    if (a != NULL) return fail(E_VALUE, "cuLaunchKernel", "%s: argument %d (.%s) points into allocation #%ld (%zu bytes), which was freed",
                               f->name, i, p->type, a->id, a->size);
    if (u < INT_LIMIT || u > -INT_LIMIT) { snprintf(out, cap, "%lld", (long long)u); return OK; }  /* a count, or -count */
    return fail(E_VALUE, "cuLaunchKernel", "%s: argument %d (.%s) = 0x%llx is in no live allocation, and too large (|v| >= 2^40) for a count",
                f->name, i, p->type, (unsigned long long)u);
}

static CUresult launch(func_t *f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                       unsigned smem, void *stream, void **params, void **extra) {
    const char *c = "cuLaunchKernel";
    CUresult r = func_op(c, f);
    if (r != OK) return r;
    if (!valid_stream(stream)) return fail(E_HANDLE, c, "%s: invalid or destroyed stream", f->name);
    if (gx < 1 || gy < 1 || gz < 1 || gx > 2147483647u || gy > 65535 || gz > 65535)
        return fail(E_VALUE, c, "%s: grid (%u, %u, %u) outside (2^31-1, 65535, 65535)", f->name, gx, gy, gz);
    unsigned long long threads = (unsigned long long)bx * by * bz;
    if (bx < 1 || by < 1 || bz < 1 || bx > 1024 || by > 1024 || bz > 64 || threads > 1024)
        return fail(E_VALUE, c, "%s: block (%u, %u, %u) outside (1024, 1024, 64) or over 1024 threads", f->name, bx, by, bz);
    if (threads > (unsigned long long)f->maxntid)
        return fail(E_VALUE, c, "%s: block of %llu threads exceeds the kernel's .maxntid %d (__launch_bounds__)", f->name, threads, f->maxntid);
    if (smem > (unsigned)f->max_dyn_smem)
        return fail(E_VALUE, c, "%s: %u bytes of dynamic shared memory exceed the kernel's limit of %d (static %d); raise it with"
                    " cuFuncSetAttribute(MAX_DYNAMIC_SHARED_SIZE_BYTES)", f->name, smem, f->max_dyn_smem, f->static_smem);
    if (extra != NULL) return fail(E_NOT_SUPPORTED, c, "%s: the extra argument buffer is not supported, use kernelParams", f->name);
    if (f->nparams > 0 && params == NULL) return fail(E_VALUE, c, "%s: kernelParams is null, the kernel takes %d", f->name, f->nparams);
    char line[8192], arg[128];
    size_t len = (size_t)snprintf(line, sizeof line, "%s grid=%u,%u,%u block=%u,%u,%u smem=%u args=", f->name, gx, gy, gz, bx, by, bz, smem);
    for (int i = 0; i < f->nparams; i++) {
        void *slot;
        unsigned char value[4096];
        if (!safe_read(&slot, &params[i], sizeof slot) || !safe_read(value, slot, (size_t)f->params[i].size))
            return fail(E_VALUE, c, "%s: kernelParams[%d] is unreadable (the kernel takes %d arguments)", f->name, i, f->nparams);
        if ((r = argument(f, i, value, arg, sizeof arg)) != OK) return r;
        if (len < sizeof line) len += (size_t)snprintf(line + len, sizeof line - len, "%s%s", i ? "," : "", arg);
    }
    if (log_path != NULL && log_file == NULL && (log_file = fopen(log_path, "a")) == NULL)
        return fail(E_VALUE, c, "cannot open FAKE_CUDA_LOG %s: %s", log_path, strerror(errno));
    if (log_file != NULL) fprintf(log_file, "%s\n", line), fflush(log_file);
    return OK;
}
CUresult cuLaunchKernel(func_t *f, unsigned gx, unsigned gy, unsigned gz, unsigned bx, unsigned by, unsigned bz,
                        unsigned smem, void *stream, void **params, void **extra) {
    LOCKED(launch(f, gx, gy, gz, bx, by, bz, smem, stream, params, extra));
}

/* ---- error strings ---- */
static const struct { int code; const char *name, *text; } errors[] = {
    {OK, "CUDA_SUCCESS", "no error"}, {E_VALUE, "CUDA_ERROR_INVALID_VALUE", "invalid argument"},
    {E_OOM, "CUDA_ERROR_OUT_OF_MEMORY", "out of memory"}, {E_NOT_INIT, "CUDA_ERROR_NOT_INITIALIZED", "initialization error"},
    {E_NO_DEVICE, "CUDA_ERROR_NO_DEVICE", "no CUDA-capable device is detected"},
    {E_DEVICE, "CUDA_ERROR_INVALID_DEVICE", "invalid device ordinal"}, {E_IMAGE, "CUDA_ERROR_INVALID_IMAGE", "device kernel image is invalid"},
    {E_CONTEXT, "CUDA_ERROR_INVALID_CONTEXT", "invalid device context"},
    {E_NO_BINARY, "CUDA_ERROR_NO_BINARY_FOR_GPU", "no kernel image is available for execution on the device"},
    {E_PTX, "CUDA_ERROR_INVALID_PTX", "a PTX JIT compilation failed"},
    {E_PTX_VERSION, "CUDA_ERROR_UNSUPPORTED_PTX_VERSION", "the provided PTX was compiled with an unsupported toolchain"},
    {E_HANDLE, "CUDA_ERROR_INVALID_HANDLE", "invalid resource handle"}, {E_NOT_FOUND, "CUDA_ERROR_NOT_FOUND", "named symbol not found"},
    {E_NOT_SUPPORTED, "CUDA_ERROR_NOT_SUPPORTED", "operation not supported"},
};
static CUresult error_string(int code, const char **s, int name) {
    for (size_t i = 0; i < sizeof errors / sizeof errors[0]; i++) {
        if (errors[i].code == code) return *s = name ? errors[i].name : errors[i].text, OK;
    }
    *s = NULL;
    return E_VALUE;
}
CUresult cuGetErrorName(int code, const char **s) { return error_string(code, s, 1); }
CUresult cuGetErrorString(int code, const char **s) { return error_string(code, s, 0); }

/* ---- every other driver function JCuda 12.6.0's libJCudaDriver links: fails, instead of killing the process ---- */
#define NO(f) CUresult f(void) { return fail(E_NOT_SUPPORTED, #f, "not implemented by the fake driver"); }
NO(cuArray3DCreate_v2) NO(cuArray3DGetDescriptor_v2) NO(cuArrayCreate_v2) NO(cuArrayDestroy)
NO(cuArrayGetDescriptor_v2) NO(cuArrayGetMemoryRequirements) NO(cuArrayGetPlane) NO(cuArrayGetSparseProperties)
NO(cuCtxAttach) NO(cuCtxCreate_v2) NO(cuCtxDestroy_v2) NO(cuCtxDetach) NO(cuCtxDisablePeerAccess)
NO(cuCtxEnablePeerAccess) NO(cuCtxGetApiVersion) NO(cuCtxGetCacheConfig) NO(cuCtxGetFlags) NO(cuCtxGetId)
NO(cuCtxGetLimit) NO(cuCtxGetSharedMemConfig) NO(cuCtxGetStreamPriorityRange) NO(cuCtxPopCurrent_v2)
NO(cuCtxPushCurrent_v2) NO(cuCtxSetCacheConfig) NO(cuCtxSetLimit) NO(cuCtxSetSharedMemConfig)
NO(cuDeviceCanAccessPeer) NO(cuDeviceGetByPCIBusId) NO(cuDeviceGetP2PAttribute) NO(cuDeviceGetProperties)
NO(cuDeviceGetTexture1DLinearMaxWidth) NO(cuDevicePrimaryCtxReset_v2) NO(cuDevicePrimaryCtxSetFlags_v2)
NO(cuEventRecordWithFlags) NO(cuFuncGetModule) NO(cuFuncSetBlockShape) NO(cuFuncSetCacheConfig)
NO(cuFuncSetSharedMemConfig) NO(cuFuncSetSharedSize) NO(cuGLCtxCreate_v2) NO(cuGLGetDevices_v2) NO(cuGLInit)
NO(cuGLMapBufferObjectAsync_v2) NO(cuGLMapBufferObject_v2) NO(cuGLRegisterBufferObject)
NO(cuGLSetBufferObjectMapFlags) NO(cuGLUnmapBufferObject) NO(cuGLUnmapBufferObjectAsync)
NO(cuGLUnregisterBufferObject) NO(cuGraphAddChildGraphNode) NO(cuGraphAddDependencies) NO(cuGraphAddEmptyNode)
NO(cuGraphAddEventRecordNode) NO(cuGraphAddEventWaitNode) NO(cuGraphAddHostNode) NO(cuGraphAddKernelNode_v2)
NO(cuGraphAddMemcpyNode) NO(cuGraphAddMemsetNode) NO(cuGraphChildGraphNodeGetGraph) NO(cuGraphClone) NO(cuGraphCreate)
NO(cuGraphDestroy) NO(cuGraphDestroyNode) NO(cuGraphEventRecordNodeGetEvent) NO(cuGraphEventRecordNodeSetEvent)
NO(cuGraphEventWaitNodeGetEvent) NO(cuGraphEventWaitNodeSetEvent) NO(cuGraphExecChildGraphNodeSetParams)
NO(cuGraphExecDestroy) NO(cuGraphExecEventRecordNodeSetEvent) NO(cuGraphExecEventWaitNodeSetEvent)
NO(cuGraphExecHostNodeSetParams) NO(cuGraphExecKernelNodeSetParams_v2) NO(cuGraphExecMemcpyNodeSetParams)
NO(cuGraphExecMemsetNodeSetParams) NO(cuGraphGetEdges) NO(cuGraphGetNodes) NO(cuGraphGetRootNodes)
NO(cuGraphHostNodeGetParams) NO(cuGraphHostNodeSetParams) NO(cuGraphInstantiateWithFlags)
NO(cuGraphKernelNodeCopyAttributes) NO(cuGraphKernelNodeGetAttribute) NO(cuGraphKernelNodeGetParams_v2)
NO(cuGraphKernelNodeSetAttribute) NO(cuGraphKernelNodeSetParams_v2) NO(cuGraphLaunch) NO(cuGraphMemcpyNodeGetParams)
NO(cuGraphMemcpyNodeSetParams) NO(cuGraphMemsetNodeGetParams) NO(cuGraphNodeFindInClone)
NO(cuGraphNodeGetDependencies) NO(cuGraphNodeGetDependentNodes) NO(cuGraphNodeGetType) NO(cuGraphRemoveDependencies)
NO(cuGraphUpload) NO(cuGraphicsGLRegisterBuffer) NO(cuGraphicsGLRegisterImage) NO(cuGraphicsMapResources)
NO(cuGraphicsResourceGetMappedMipmappedArray) NO(cuGraphicsResourceGetMappedPointer_v2)
NO(cuGraphicsResourceSetMapFlags_v2) NO(cuGraphicsSubResourceGetMappedArray) NO(cuGraphicsUnmapResources)
NO(cuGraphicsUnregisterResource) NO(cuIpcCloseMemHandle) NO(cuIpcGetEventHandle) NO(cuIpcGetMemHandle)
NO(cuIpcOpenEventHandle) NO(cuIpcOpenMemHandle_v2) NO(cuLaunch) NO(cuLaunchCooperativeKernel)
NO(cuLaunchCooperativeKernelMultiDevice) NO(cuLaunchGrid) NO(cuLaunchGridAsync) NO(cuLaunchHostFunc)
NO(cuLinkAddData_v2) NO(cuLinkAddFile_v2) NO(cuLinkComplete) NO(cuLinkCreate_v2) NO(cuLinkDestroy)
NO(cuMemAddressFree) NO(cuMemAddressReserve) NO(cuMemAdvise) NO(cuMemAllocAsync) NO(cuMemAllocFromPoolAsync)
NO(cuMemAllocHost_v2) NO(cuMemAllocManaged) NO(cuMemAllocPitch_v2) NO(cuMemCreate) NO(cuMemExportToShareableHandle)
NO(cuMemFreeAsync) NO(cuMemFreeHost) NO(cuMemGetAccess) NO(cuMemGetAddressRange_v2) NO(cuMemGetAllocationGranularity)
NO(cuMemGetAllocationPropertiesFromHandle) NO(cuMemHostAlloc) NO(cuMemHostGetDevicePointer_v2) NO(cuMemHostGetFlags)
NO(cuMemHostRegister_v2) NO(cuMemHostUnregister) NO(cuMemImportFromShareableHandle) NO(cuMemMap) NO(cuMemPoolCreate)
NO(cuMemPoolDestroy) NO(cuMemPoolTrimTo) NO(cuMemPrefetchAsync) NO(cuMemRangeGetAttribute) NO(cuMemRangeGetAttributes)
NO(cuMemRelease) NO(cuMemRetainAllocationHandle) NO(cuMemSetAccess) NO(cuMemUnmap) NO(cuMemcpy) NO(cuMemcpy2DAsync_v2)
NO(cuMemcpy2DUnaligned_v2) NO(cuMemcpy2D_v2) NO(cuMemcpy3DAsync_v2) NO(cuMemcpy3DPeer) NO(cuMemcpy3DPeerAsync)
NO(cuMemcpy3D_v2) NO(cuMemcpyAsync) NO(cuMemcpyAtoA_v2) NO(cuMemcpyAtoD_v2) NO(cuMemcpyAtoHAsync_v2)
NO(cuMemcpyAtoH_v2) NO(cuMemcpyDtoA_v2) NO(cuMemcpyHtoAAsync_v2) NO(cuMemcpyHtoA_v2) NO(cuMemcpyPeer)
NO(cuMemcpyPeerAsync) NO(cuMemsetD2D16Async) NO(cuMemsetD2D16_v2) NO(cuMemsetD2D32Async) NO(cuMemsetD2D32_v2)
NO(cuMemsetD2D8Async) NO(cuMemsetD2D8_v2) NO(cuMipmappedArrayCreate) NO(cuMipmappedArrayDestroy)
NO(cuMipmappedArrayGetLevel) NO(cuMipmappedArrayGetMemoryRequirements) NO(cuMipmappedArrayGetSparseProperties)
NO(cuModuleGetGlobal_v2) NO(cuModuleGetLoadingMode) NO(cuModuleGetSurfRef) NO(cuModuleGetTexRef) NO(cuModuleLoad)
NO(cuModuleLoadDataEx) NO(cuModuleLoadFatBinary) NO(cuOccupancyAvailableDynamicSMemPerBlock)
NO(cuOccupancyMaxActiveBlocksPerMultiprocessor) NO(cuOccupancyMaxActiveBlocksPerMultiprocessorWithFlags)
NO(cuOccupancyMaxPotentialBlockSize) NO(cuOccupancyMaxPotentialBlockSizeWithFlags) NO(cuParamSetSize)
NO(cuParamSetTexRef) NO(cuParamSetf) NO(cuParamSeti) NO(cuParamSetv) NO(cuPointerGetAttribute)
NO(cuPointerGetAttributes) NO(cuPointerSetAttribute) NO(cuProfilerInitialize) NO(cuProfilerStart) NO(cuProfilerStop)
NO(cuStreamAddCallback) NO(cuStreamAttachMemAsync) NO(cuStreamBeginCapture_v2) NO(cuStreamCopyAttributes)
NO(cuStreamCreateWithPriority) NO(cuStreamEndCapture) NO(cuStreamGetAttribute) NO(cuStreamGetCtx) NO(cuStreamGetFlags)
NO(cuStreamGetId) NO(cuStreamGetPriority) NO(cuStreamIsCapturing) NO(cuStreamSetAttribute) NO(cuStreamWaitValue32_v2)
NO(cuStreamWaitValue64_v2) NO(cuStreamWriteValue32_v2) NO(cuStreamWriteValue64_v2) NO(cuSurfObjectCreate)
NO(cuSurfObjectDestroy) NO(cuSurfObjectGetResourceDesc) NO(cuSurfRefGetArray) NO(cuSurfRefSetArray)
NO(cuTexObjectCreate) NO(cuTexObjectDestroy) NO(cuTexObjectGetResourceDesc) NO(cuTexObjectGetResourceViewDesc)
NO(cuTexObjectGetTextureDesc) NO(cuTexRefCreate) NO(cuTexRefDestroy) NO(cuTexRefGetAddressMode)
NO(cuTexRefGetAddress_v2) NO(cuTexRefGetArray) NO(cuTexRefGetBorderColor) NO(cuTexRefGetFilterMode)
NO(cuTexRefGetFlags) NO(cuTexRefGetFormat) NO(cuTexRefGetMaxAnisotropy) NO(cuTexRefGetMipmapFilterMode)
NO(cuTexRefGetMipmapLevelBias) NO(cuTexRefGetMipmapLevelClamp) NO(cuTexRefGetMipmappedArray)
NO(cuTexRefSetAddress2D_v3) NO(cuTexRefSetAddressMode) NO(cuTexRefSetAddress_v2) NO(cuTexRefSetArray)
NO(cuTexRefSetBorderColor) NO(cuTexRefSetFilterMode) NO(cuTexRefSetFlags) NO(cuTexRefSetFormat)
NO(cuTexRefSetMaxAnisotropy) NO(cuTexRefSetMipmapFilterMode) NO(cuTexRefSetMipmapLevelBias)
NO(cuTexRefSetMipmapLevelClamp) NO(cuTexRefSetMipmappedArray) NO(cuThreadExchangeStreamCaptureMode)
