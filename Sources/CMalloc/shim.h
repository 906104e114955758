#ifndef SYNCRO_FUSION_CMALLOC_SHIM_H
#define SYNCRO_FUSION_CMALLOC_SHIM_H

// glibc's malloc extensions (malloc_trim), which the Glibc module does not export. Part of the C library: nothing
// to link, no package to install.
#ifdef __linux__
#include <malloc.h>
#endif

#endif
