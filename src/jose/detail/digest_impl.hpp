// Shared, pre-fetched OpenSSL digests for the jose implementation files.
#pragma once

#include <openssl/evp.h>

#include "jose/algorithm.hpp"
#include "jose/digest.hpp"

namespace ward::jose::detail {

// Never null (a missing digest in the default provider is a broken invariant). Shared and
// immutable; safe to use from any thread.
const EVP_MD* fetched_md(DigestAlg alg);
DigestAlg digest_for(HashAlg hash);

}  // namespace ward::jose::detail
