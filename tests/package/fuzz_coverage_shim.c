/* Coverage glue for libFuzzer with g++-built code (run_fuzz_package.sh).
 * clang 14 cannot compile this C++23 code base (libstdc++'s std::expected needs P0848), so the
 * target is compiled by g++ with -fsanitize-coverage=trace-pc,trace-cmp and linked with clang's
 * libFuzzer runtime. libFuzzer takes g++'s integer comparison hooks as they are, but its own
 * trace-pc hook refuses to run, so the script renames g++'s calls to sanaq_cov_trace_pc, and
 * this shim turns each call site into an edge counter (AFL style) in a table registered with
 * libFuzzer as 8-bit counters. The floating-point comparison hooks g++ emits are no-ops. */
#include <stddef.h>
#include <stdint.h>

#define SHIM_COUNTERS (1u << 16)
static uint8_t shim_counters[SHIM_COUNTERS];
static uintptr_t shim_pcs[SHIM_COUNTERS * 2];   /* (pc, flags) pairs: one pseudo-PC per counter */
static __thread uintptr_t shim_previous;

void __sanitizer_cov_8bit_counters_init(uint8_t* begin, uint8_t* end);
void __sanitizer_cov_pcs_init(const uintptr_t* begin, const uintptr_t* end);

__attribute__((constructor)) static void shim_register(void) {
    for (size_t i = 0; i < SHIM_COUNTERS; ++i) shim_pcs[2 * i] = i + 1;
    __sanitizer_cov_8bit_counters_init(shim_counters, shim_counters + SHIM_COUNTERS);
    __sanitizer_cov_pcs_init(shim_pcs, shim_pcs + 2 * SHIM_COUNTERS);
}

void sanaq_cov_trace_pc(void) {
    uintptr_t pc = (uintptr_t)__builtin_return_address(0);
    uintptr_t here = (pc ^ (pc >> 16)) & (SHIM_COUNTERS - 1);
    shim_counters[here ^ shim_previous]++;
    shim_previous = here >> 1;
}

void __sanitizer_cov_trace_cmpf(float a, float b) { (void)a; (void)b; }
void __sanitizer_cov_trace_cmpd(double a, double b) { (void)a; (void)b; }
