#ifndef KADSIM_ALLOCATION_COUNTER_H
#define KADSIM_ALLOCATION_COUNTER_H

#include <stdint.h>

/// Heap allocations (malloc, calloc, realloc of a new block, aligned allocations) made by the whole process so far.
/// Counted by the interposed allocator functions in AllocationCounter.c; 0 where they are not interposed.
uint64_t kadsim_heap_allocations(void);

#endif
