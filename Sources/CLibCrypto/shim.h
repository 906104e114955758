#ifndef SYNCRO_FUSION_CLIBCRYPTO_SHIM_H
#define SYNCRO_FUSION_CLIBCRYPTO_SHIM_H

// OpenSSL 3 marks the low-level SHA256_* calls deprecated in favour of EVP. They are still supported, use the
// same assembly (SHA extensions where the CPU has them) and, unlike an EVP context, are a plain value the Swift
// digest can copy; so the deprecation attributes are switched off for this one header.
#define OPENSSL_SUPPRESS_DEPRECATED
#include <openssl/sha.h>

#endif
