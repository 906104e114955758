#ifndef SYNCRO_FUSION_CLIBXML2_SHIM_H
#define SYNCRO_FUSION_CLIBXML2_SHIM_H

#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; its headers would then pull in the system ICU, which clashes with the ICU that
// Foundation bundles ("'UErrorCode' has different definitions in different modules"). Nothing here needs ICU.
#undef LIBXML_ICU_ENABLED

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlwriter.h>
#include <libxml/xmlerror.h>

// `xmlFree` is a mutable global function pointer, which Swift 6 refuses to call; this wrapper is a plain function.
static inline void cxml_free(void *pointer) { xmlFree(pointer); }

#endif
