#ifndef KADSIM_CACHE_PREFETCH_H
#define KADSIM_CACHE_PREFETCH_H

/// Asks the processor to start loading the cache line at `address` for a coming write, without waiting for it.
/// A hint only: it changes no value, and an address that is never used costs a wasted load.
static inline void kadsim_prefetch(const void *address) { __builtin_prefetch(address, 1, 3); }

#endif
