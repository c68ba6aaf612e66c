// Password hashing and verification for every Casdoor password type (casdoor.md §5.1): new
// passwords are hashed with the organization's type, stored hashes of any type are verified in
// constant time, and needs_rehash tells the login path when to upgrade a user to the org's type.
// Pure apart from CPU: no I/O; randomness comes from the given core::Random.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/random.hpp"
#include "core/result.hpp"

namespace ward::idp::password {

enum class PasswordType {
    kPlain,         // "plain": stored as is
    kSalt,          // "salt": hex(sha256(hex(sha256(pw)) + salt))
    kSha512Salt,    // "sha512-salt": the same with SHA-512
    kMd5Salt,       // "md5-salt": the same with MD5
    kBcrypt,        // "bcrypt": $2a$/$2b$/$2y$, cost 10 when hashing
    kPbkdf2Salt,    // "pbkdf2-salt": base64(PBKDF2-HMAC-SHA256(pw, b64dec(salt), 27500, 64))
    kArgon2id,      // "argon2id": PHC string $argon2id$v=19$m=..,t=..,p=..$salt$hash; a
                    // Casdoor salt "pepper|m=..|..." prefixes the pepper to the password
    kPbkdf2Django,  // "pbkdf2-django": pbkdf2_sha256$<iterations>$<salt>$<b64 hash>
};

// The type used when neither the user nor the organization names one.
inline constexpr PasswordType kDefaultType = PasswordType::kArgon2id;

// Parameters for new hashes. Argon2id follows OWASP's Password Storage Cheat Sheet (19 MiB, 2
// passes, 1 lane); the others are Casdoor's.
inline constexpr std::uint32_t kArgon2MemoryKiB = 19456;
inline constexpr std::uint32_t kArgon2Iterations = 2;
inline constexpr std::uint32_t kArgon2Parallelism = 1;
inline constexpr int kBcryptCost = 10;
inline constexpr int kPbkdf2SaltIterations = 27500;
inline constexpr int kPbkdf2DjangoIterations = 260000;

// Stored hashes are untrusted input: verification refuses work factors above these (a crafted
// hash must not make one login cost seconds or gigabytes).
inline constexpr std::uint32_t kMaxArgon2MemoryKiB = 256 * 1024;
inline constexpr std::uint32_t kMaxArgon2Iterations = 16;
inline constexpr std::uint32_t kMaxArgon2Parallelism = 16;
inline constexpr std::int64_t kMaxPbkdf2Iterations = 10'000'000;

std::string_view to_string(PasswordType type);

// Parses Casdoor's type name. "" gives kDefaultType. Failure: kInvalidArgument,
// code "unsupported-password-type", message "unsupported password type: <x>".
core::Result<PasswordType> parse_password_type(std::string_view name);

struct HashedPassword {
    PasswordType type;
    std::string hash;  // goes to user.password
    std::string
        salt;  // goes to user.passwordSalt; empty when the org salt or an embedded one is used
};

// Hashes a new password. For the salted types the organization's salt is used when non-empty,
// else a fresh 20-hex-character salt is drawn from `random` and returned.
// Failures (kInvalidArgument): "empty-password" ("Password cannot be empty"), "password-too-long"
// (bcrypt: over 72 bytes), "invalid-password" (bcrypt: contains a NUL byte); kInternal if the
// crypto library fails.
core::Result<HashedPassword> hash_password(std::string_view password, PasswordType type,
                                           core::Random& random, std::string_view org_salt = {});

struct StoredPassword {
    std::string_view type;       // user.passwordType, else the org's ("" means kDefaultType)
    std::string_view hash;       // user.password
    std::string_view user_salt;  // user.passwordSalt
    std::string_view org_salt;   // organization.passwordSalt
};

// Checks `password` against a stored hash. Returns true on a match and false on a mismatch
// (including an empty password). Salted types try the user salt, then the org salt, as Casdoor
// does. Failures (kInvalidArgument): "unsupported-password-type"; "malformed-password-hash" when
// the stored value cannot be read or its work factor exceeds the limits above.
core::Result<bool> verify_password(std::string_view password, const StoredPassword& stored);

// True when a user whose hash is of type `user_type` should be re-hashed with `org_type` after a
// successful login (transparent upgrade). Empty names mean kDefaultType.
bool needs_rehash(std::string_view user_type, std::string_view org_type);

}  // namespace ward::idp::password
