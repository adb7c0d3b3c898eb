/*
 * A fake NVML (libnvidia-ml.so.1) with scripted values, for the tests of dev.scalebench.measure.nvml and of the
 * sweeps and doctor checks that read the GPU through it. It implements the functions the binding calls
 * (measure/nvml/NvmlLibrary.java) and nothing else.
 *
 * Every value is a key of a small table. A key holds a comma-separated list: each read of the key takes the next
 * element and stays on the last one, so "throttle=0x1,0x4" reads idle first and software power cap after. Keys:
 *
 *   count                     devices (default 1); every device reads the same keys
 *   energy.mj                 the total energy counter, mJ (default 1000000)
 *   energy.step.mj            added to energy.mj at every read of the counter (default 0): read k gives
 *                             energy.mj[k] + k * energy.step.mj, k counting from 0
 *   power.mw, power.limit.mw  power usage and enforced power limit, mW
 *   sm.mhz, mem.mhz           current SM and memory clocks
 *   app.sm.mhz, app.mem.mhz   application clocks; default.app.sm.mhz, default.app.mem.mhz their defaults
 *   max.sm.mhz, max.mem.mhz   the highest clocks
 *   throttle                  the current clock throttle (event) reason bits
 *   temp.c                    temperature; mem.used.bytes, mem.total.bytes memory
 *   persistence, ecc, mig     0 or 1 (ecc and mig: the current mode; the pending mode reads the same)
 *   name, uuid, driver        strings (uuid gets the device index appended)
 *   init.error                nvmlInit_v2 returns this code
 *   <key>.error               the getter of <key> returns this NVML code (3: NOT_SUPPORTED) instead of a value
 *
 * Values come from FAKE_NVML_SCRIPT (a file of key=value lines, read by nvmlInit_v2 when set: for child JVMs) or
 * from fake_nvml_set(key, value) (called by a test through JNA); fake_nvml_reset() forgets every value and read.
 * fake_nvml_inits() tells how many nvmlInit_v2 calls have no nvmlShutdown yet.
 *
 * Built by harness/src/test/java/dev/scalebench/measure/nvml/FakeNvml.java (gcc -shared -fPIC).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_KEYS 64
#define MAX_TEXT 256
#define MAX_DEVICES 8

typedef struct {
    char key[64];
    char value[MAX_TEXT];
    unsigned long long reads;
} entry_t;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static entry_t table[MAX_KEYS];
static int entries;
static int inits;
static unsigned long long energy_reads; /* reads of the energy counter since energy.* or a reset was set */
static int devices[MAX_DEVICES]; /* a handle is a pointer to one of these */

static entry_t *find(const char *key) {
    for (int i = 0; i < entries; i++) {
        if (strcmp(table[i].key, key) == 0) {
            return &table[i];
        }
    }
    return NULL;
}

static void put(const char *key, const char *value) {
    entry_t *e = find(key);
    if (e == NULL) {
        if (entries == MAX_KEYS) {
            fprintf(stderr, "fake libnvidia-ml: more than %d keys; '%s' dropped\n", MAX_KEYS, key);
            return;
        }
        e = &table[entries++];
        snprintf(e->key, sizeof e->key, "%s", key);
    }
    snprintf(e->value, sizeof e->value, "%s", value);
    e->reads = 0;
    if (strncmp(key, "energy.", 7) == 0) {
        energy_reads = 0;
    }
}

void fake_nvml_set(const char *key, const char *value) {
    pthread_mutex_lock(&lock);
    put(key, value);
    pthread_mutex_unlock(&lock);
}

void fake_nvml_reset(void) {
    pthread_mutex_lock(&lock);
    entries = 0;
    energy_reads = 0;
    pthread_mutex_unlock(&lock);
}

int fake_nvml_inits(void) {
    return inits;
}

static void read_script(const char *path) {
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "fake libnvidia-ml: cannot read FAKE_NVML_SCRIPT %s\n", path);
        return;
    }
    char line[MAX_TEXT + 64];
    while (fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\r\n")] = 0;
        char *eq = strchr(line, '=');
        if (line[0] == '#' || eq == NULL) {
            continue;
        }
        *eq = 0;
        put(line, eq + 1);
    }
    fclose(f);
}

/* The next element of key's list (the last one once the list is used up), or NULL when the key is not set. */
static int next_text(const char *key, char *out, size_t size, unsigned long long *index) {
    entry_t *e = find(key);
    if (e == NULL) {
        return 0;
    }
    const char *p = e->value;
    for (unsigned long long i = 0; i < e->reads; i++) {
        const char *comma = strchr(p, ',');
        if (comma == NULL) {
            break;
        }
        p = comma + 1;
    }
    size_t n = strcspn(p, ",");
    snprintf(out, size, "%.*s", (int) (n < size ? n : size - 1), p);
    if (index != NULL) {
        *index = e->reads;
    }
    e->reads++;
    return 1;
}

static int error_of(const char *key) {
    char name[96];
    char text[32];
    snprintf(name, sizeof name, "%s.error", key);
    return next_text(name, text, sizeof text, NULL) ? (int) strtol(text, NULL, 0) : 0;
}

/* Reads key as a number (its default when not set); returns the NVML code of the read (0: success). */
static int number(const char *key, unsigned long long fallback, unsigned long long *out) {
    pthread_mutex_lock(&lock);
    int err = error_of(key);
    if (err == 0) {
        char text[MAX_TEXT];
        *out = next_text(key, text, sizeof text, NULL) ? strtoull(text, NULL, 0) : fallback;
    }
    pthread_mutex_unlock(&lock);
    return err;
}

static int uint_value(const char *key, unsigned int fallback, unsigned int *out) {
    if (out == NULL) {
        return 2;
    }
    unsigned long long v;
    int err = number(key, fallback, &v);
    if (err == 0) {
        *out = (unsigned int) v;
    }
    return err;
}

static int text_value(const char *key, const char *fallback, char *out, unsigned int length) {
    if (out == NULL) {
        return 2;
    }
    pthread_mutex_lock(&lock);
    int err = error_of(key);
    char text[MAX_TEXT];
    if (err == 0 && !next_text(key, text, sizeof text, NULL)) {
        snprintf(text, sizeof text, "%s", fallback);
    }
    pthread_mutex_unlock(&lock);
    if (err != 0) {
        return err;
    }
    if (strlen(text) + 1 > length) {
        return 7; /* NVML_ERROR_INSUFFICIENT_SIZE */
    }
    strcpy(out, text);
    return 0;
}

static int device_count(void) {
    unsigned long long n;
    number("count", 1, &n);
    return n > MAX_DEVICES ? MAX_DEVICES : (int) n;
}

static int check(void *device) {
    if (inits == 0) {
        return 1; /* NVML_ERROR_UNINITIALIZED */
    }
    int *d = (int *) device;
    return d >= devices && d < devices + device_count() ? 0 : 2;
}

const char *nvmlErrorString(int result) {
    switch (result) {
        case 0: return "Success";
        case 1: return "Uninitialized";
        case 2: return "Invalid Argument";
        case 3: return "Not Supported";
        case 4: return "Insufficient Permissions";
        case 6: return "Not Found";
        case 7: return "Insufficient Size";
        case 9: return "Driver Not Loaded";
        case 15: return "GPU is lost";
        default: return "Unknown Error";
    }
}

int nvmlInit_v2(void) {
    pthread_mutex_lock(&lock);
    const char *script = getenv("FAKE_NVML_SCRIPT");
    if (inits == 0 && script != NULL && script[0] != 0) {
        read_script(script);
    }
    pthread_mutex_unlock(&lock);
    unsigned long long err;
    number("init.error", 0, &err);
    if (err != 0) {
        return (int) err;
    }
    inits++;
    return 0;
}

int nvmlShutdown(void) {
    if (inits == 0) {
        return 1;
    }
    inits--;
    return 0;
}

int nvmlSystemGetDriverVersion(char *version, unsigned int length) {
    return inits == 0 ? 1 : text_value("driver", "550.54.15", version, length);
}

int nvmlDeviceGetCount_v2(unsigned int *count) {
    if (inits == 0) {
        return 1;
    }
    *count = (unsigned int) device_count();
    return 0;
}

int nvmlDeviceGetHandleByIndex_v2(unsigned int index, void **device) {
    if (inits == 0) {
        return 1;
    }
    if ((int) index >= device_count() || device == NULL) {
        return 2;
    }
    *device = &devices[index];
    return 0;
}

int nvmlDeviceGetName(void *device, char *name, unsigned int length) {
    int err = check(device);
    return err != 0 ? err : text_value("name", "NVIDIA H100 80GB HBM3", name, length);
}

int nvmlDeviceGetUUID(void *device, char *uuid, unsigned int length) {
    int err = check(device);
    if (err != 0) {
        return err;
    }
    char base[MAX_TEXT];
    err = text_value("uuid", "GPU-fa4e0000-0000-0000-0000-00000000000", base, sizeof base);
    if (err != 0) {
        return err;
    }
    if (strlen(base) + 3 > length) {
        return 7;
    }
    snprintf(uuid, length, "%s%d", base, (int) ((int *) device - devices));
    return 0;
}

int nvmlDeviceGetHandleByUUID(const char *uuid, void **device) {
    if (inits == 0) {
        return 1;
    }
    for (int i = 0; i < device_count(); i++) {
        char mine[MAX_TEXT];
        if (nvmlDeviceGetUUID(&devices[i], mine, sizeof mine) == 0 && strcmp(mine, uuid) == 0) {
            *device = &devices[i];
            return 0;
        }
    }
    return 6; /* NVML_ERROR_NOT_FOUND */
}

int nvmlDeviceGetTotalEnergyConsumption(void *device, unsigned long long *energy) {
    int err = check(device);
    if (err != 0) {
        return err;
    }
    pthread_mutex_lock(&lock);
    err = error_of("energy");
    if (err == 0) {
        char text[MAX_TEXT];
        unsigned long long base = next_text("energy.mj", text, sizeof text, NULL) ? strtoull(text, NULL, 0)
                : 1000000ULL;
        unsigned long long step = next_text("energy.step.mj", text, sizeof text, NULL) ? strtoull(text, NULL, 0)
                : 0;
        *energy = base + energy_reads * step;
        energy_reads++;
    }
    pthread_mutex_unlock(&lock);
    return err;
}

int nvmlDeviceGetPowerUsage(void *device, unsigned int *power) {
    int err = check(device);
    return err != 0 ? err : uint_value("power.mw", 100000, power);
}

int nvmlDeviceGetEnforcedPowerLimit(void *device, unsigned int *limit) {
    int err = check(device);
    return err != 0 ? err : uint_value("power.limit.mw", 700000, limit);
}

/* nvmlClockType_t: 0 graphics, 1 SM, 2 memory, 3 video. */
static int clock_of(void *device, int type, const char *sm, const char *mem, unsigned int fallbackSm,
        unsigned int fallbackMem, unsigned int *mhz) {
    int err = check(device);
    if (err != 0) {
        return err;
    }
    switch (type) {
        case 0:
        case 1: return uint_value(sm, fallbackSm, mhz);
        case 2: return uint_value(mem, fallbackMem, mhz);
        default: return 3;
    }
}

int nvmlDeviceGetClockInfo(void *device, int type, unsigned int *mhz) {
    return clock_of(device, type, "sm.mhz", "mem.mhz", 1980, 2619, mhz);
}

int nvmlDeviceGetApplicationsClock(void *device, int type, unsigned int *mhz) {
    return clock_of(device, type, "app.sm.mhz", "app.mem.mhz", 1755, 2619, mhz);
}

int nvmlDeviceGetDefaultApplicationsClock(void *device, int type, unsigned int *mhz) {
    return clock_of(device, type, "default.app.sm.mhz", "default.app.mem.mhz", 1755, 2619, mhz);
}

int nvmlDeviceGetMaxClockInfo(void *device, int type, unsigned int *mhz) {
    return clock_of(device, type, "max.sm.mhz", "max.mem.mhz", 1980, 2619, mhz);
}

static int reasons(void *device, unsigned long long *out) {
    int err = check(device);
    return err != 0 ? err : number("throttle", 0x1, out);
}

int nvmlDeviceGetCurrentClocksEventReasons(void *device, unsigned long long *out) {
    return reasons(device, out);
}

int nvmlDeviceGetCurrentClocksThrottleReasons(void *device, unsigned long long *out) {
    return reasons(device, out);
}

int nvmlDeviceGetTemperature(void *device, int sensor, unsigned int *temp) {
    int err = check(device);
    if (err != 0) {
        return err;
    }
    return sensor != 0 ? 2 : uint_value("temp.c", 40, temp);
}

typedef struct {
    unsigned long long total;
    unsigned long long free;
    unsigned long long used;
} nvml_memory_t;

int nvmlDeviceGetMemoryInfo(void *device, nvml_memory_t *memory) {
    int err = check(device);
    if (err != 0) {
        return err;
    }
    unsigned long long total;
    unsigned long long used;
    err = number("mem.total.bytes", 85899345920ULL, &total);
    if (err == 0) {
        err = number("mem.used.bytes", 1073741824ULL, &used);
    }
    if (err == 0) {
        memory->total = total;
        memory->used = used;
        memory->free = total - used;
    }
    return err;
}

int nvmlDeviceGetPersistenceMode(void *device, int *mode) {
    int err = check(device);
    return err != 0 ? err : uint_value("persistence", 1, (unsigned int *) mode);
}

static int mode_pair(void *device, const char *key, unsigned int fallback, unsigned int *current,
        unsigned int *pending) {
    int err = check(device);
    if (err != 0 || current == NULL || pending == NULL) {
        return err != 0 ? err : 2;
    }
    err = uint_value(key, fallback, current);
    if (err == 0) {
        *pending = *current;
    }
    return err;
}

int nvmlDeviceGetEccMode(void *device, unsigned int *current, unsigned int *pending) {
    return mode_pair(device, "ecc", 1, current, pending);
}

int nvmlDeviceGetMigMode(void *device, unsigned int *current, unsigned int *pending) {
    return mode_pair(device, "mig", 0, current, pending);
}
