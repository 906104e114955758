#ifndef SYNCRO_FUSION_CPREFETCH_SHIM_H
#define SYNCRO_FUSION_CPREFETCH_SHIM_H

// The compiler's prefetch hint, which Swift has no spelling for: asks the processor to start loading the cache
// line at `address` (for writing) without waiting for it. A hint only: it never faults and changes no result.
// Header only: nothing to link, no package to install.
static inline void syncro_fusion_prefetch_for_write(const void *address) {
    __builtin_prefetch(address, 1, 3);
}

#endif
