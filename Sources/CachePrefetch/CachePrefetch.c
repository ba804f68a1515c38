// The prefetch hint is inline in the header; this file gives the target its one translation unit.
#include "CachePrefetch.h"
