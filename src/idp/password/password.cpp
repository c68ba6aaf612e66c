#include "idp/password/password.hpp"

#include <argon2.h>
#include <crypt.h>
#include <openssl/evp.h>

#include <array>
#include <charconv>
#include <cstring>
#include <memory>
#include <vector>

#include "core/encoding.hpp"

namespace ward::idp::password {
namespace {

constexpr std::size_t kBcryptMaxBytes = 72;
constexpr std::size_t kArgon2SaltBytes = 16;
constexpr std::size_t kArgon2HashBytes = 32;
constexpr std::size_t kPbkdf2SaltKeyBytes = 64;
constexpr std::size_t kPbkdf2DjangoKeyBytes = 32;

core::Error malformed(std::string_view why) {
    return core::Error::invalid_argument("malformed stored password hash: " + std::string(why),
                                         "malformed-password-hash");
}

core::Error crypto_failure(std::string_view what) {
    return core::Error::internal(std::string(what) + " failed", "password-crypto-failed");
}

// ---- digests ----

core::Result<std::string> digest_hex(const EVP_MD* md, std::string_view data) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
    unsigned int len = 0;
    if (EVP_Digest(data.data(), data.size(), out.data(), &len, md, nullptr) != 1) {
        return crypto_failure("digest");
    }
    return core::hex_encode(std::string_view(reinterpret_cast<const char*>(out.data()), len));
}

// Casdoor's salted construction: hex(H(hex(H(pw)) + salt)).
core::Result<std::string> salted_digest(const EVP_MD* md, std::string_view password,
                                        std::string_view salt) {
    WARD_TRY(std::string inner, digest_hex(md, password));
    return digest_hex(md, inner + std::string(salt));
}

const EVP_MD* digest_of(PasswordType type) {
    switch (type) {
        case PasswordType::kSalt:
            return EVP_sha256();
        case PasswordType::kSha512Salt:
            return EVP_sha512();
        case PasswordType::kMd5Salt:
            return EVP_md5();
        default:
            return nullptr;
    }
}

core::Result<std::string> pbkdf2_sha256(std::string_view password, std::string_view salt,
                                        int iterations, std::size_t key_bytes) {
    std::vector<unsigned char> key(key_bytes);
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                          reinterpret_cast<const unsigned char*>(salt.data()),
                          static_cast<int>(salt.size()), iterations, EVP_sha256(),
                          static_cast<int>(key.size()), key.data()) != 1) {
        return crypto_failure("PBKDF2");
    }
    return std::string(reinterpret_cast<const char*>(key.data()), key.size());
}

std::string random_hex_salt(core::Random& random) { return core::hex_encode(random.bytes(10)); }

// ---- bcrypt (libxcrypt) ----

bool is_bcrypt_hash(std::string_view h) {
    return h.size() == 60 &&
           (h.starts_with("$2a$") || h.starts_with("$2b$") || h.starts_with("$2y$")) && h[6] == '$';
}

// crypt_rn writes a failure token starting with '*' instead of a hash.
core::Result<std::string> run_crypt(const std::string& password, const std::string& setting) {
    auto data = std::make_unique<crypt_data>();
    std::memset(data.get(), 0, sizeof(crypt_data));
    const char* out = crypt_rn(password.c_str(), setting.c_str(), data.get(),
                               static_cast<int>(sizeof(crypt_data)));
    if (out == nullptr || out[0] == '*') return malformed("bcrypt setting rejected");
    return std::string(out);
}

core::Result<std::string> bcrypt_hash(std::string_view password, core::Random& random) {
    if (password.size() > kBcryptMaxBytes) {
        return core::Error::invalid_argument("bcrypt passwords are limited to 72 bytes",
                                             "password-too-long");
    }
    std::string rbytes = random.bytes(16);
    std::array<char, CRYPT_GENSALT_OUTPUT_SIZE> setting{};
    if (crypt_gensalt_rn("$2b$", kBcryptCost, rbytes.data(), static_cast<int>(rbytes.size()),
                         setting.data(), static_cast<int>(setting.size())) == nullptr) {
        return crypto_failure("bcrypt salt generation");
    }
    auto r = run_crypt(std::string(password), std::string(setting.data()));
    if (!r) return crypto_failure("bcrypt");
    return r;
}

core::Result<bool> bcrypt_verify(std::string_view password, std::string_view stored) {
    if (!is_bcrypt_hash(stored)) return malformed("not a $2a$/$2b$/$2y$ bcrypt hash");
    int cost = (stored[4] - '0') * 10 + (stored[5] - '0');
    if (stored[4] < '0' || stored[4] > '9' || stored[5] < '0' || stored[5] > '9' || cost < 4 ||
        cost > 31) {
        return malformed("bad bcrypt cost");
    }
    // crypt() reads C strings: "abc\0x" would otherwise verify as "abc".
    if (password.find('\0') != std::string_view::npos) return false;
    WARD_TRY(std::string computed, run_crypt(std::string(password), std::string(stored)));
    return core::constant_time_equal(computed, stored);
}

// ---- argon2id (libargon2) ----

core::Result<std::string> argon2id_hash(std::string_view password, core::Random& random) {
    std::string salt = random.bytes(kArgon2SaltBytes);
    std::size_t len = argon2_encodedlen(kArgon2Iterations, kArgon2MemoryKiB, kArgon2Parallelism,
                                        kArgon2SaltBytes, kArgon2HashBytes, Argon2_id);
    std::string encoded(len, '\0');
    int rc = argon2id_hash_encoded(kArgon2Iterations, kArgon2MemoryKiB, kArgon2Parallelism,
                                   password.data(), password.size(), salt.data(), salt.size(),
                                   kArgon2HashBytes, encoded.data(), encoded.size());
    if (rc != ARGON2_OK) return crypto_failure("argon2id");
    encoded.resize(std::strlen(encoded.c_str()));
    return encoded;
}

// Reads "m=..,t=..,p=.." from a PHC string to bound the work before libargon2 sees it.
core::Status check_argon2_params(std::string_view stored) {
    // $argon2id$v=19$m=65536,t=1,p=2$salt$hash
    if (!stored.starts_with("$argon2id$")) return malformed("not an $argon2id$ string");
    auto params_at = stored.find("$m=");
    if (params_at == std::string_view::npos) return malformed("argon2id parameters missing");
    std::string_view rest = stored.substr(params_at + 1);
    rest = rest.substr(0, rest.find('$'));
    std::uint64_t m = 0, t = 0, p = 0;
    int seen = 0;
    while (!rest.empty()) {
        auto comma = rest.find(',');
        std::string_view item = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        if (item.size() < 3 || item[1] != '=') return malformed("bad argon2id parameter");
        std::uint64_t value = 0;
        auto [ptr, ec] = std::from_chars(item.data() + 2, item.data() + item.size(), value);
        if (ec != std::errc{} || ptr != item.data() + item.size()) {
            return malformed("bad argon2id parameter");
        }
        switch (item[0]) {
            case 'm':
                m = value;
                break;
            case 't':
                t = value;
                break;
            case 'p':
                p = value;
                break;
            default:
                return malformed("unknown argon2id parameter");
        }
        ++seen;
    }
    if (seen != 3 || m == 0 || t == 0 || p == 0) return malformed("argon2id parameters missing");
    if (m > kMaxArgon2MemoryKiB || t > kMaxArgon2Iterations || p > kMaxArgon2Parallelism) {
        return malformed("argon2id work factor above the limit");
    }
    return core::ok();
}

core::Result<bool> argon2id_check(std::string_view password, std::string_view stored) {
    WARD_TRY_STATUS(check_argon2_params(stored));
    std::string encoded(stored);
    int rc = ::argon2id_verify(encoded.c_str(), password.data(), password.size());
    if (rc == ARGON2_OK) return true;
    if (rc == ARGON2_VERIFY_MISMATCH) return false;
    return malformed(argon2_error_message(rc));
}

// ---- PBKDF2 ----

core::Result<bool> pbkdf2_salt_verify(std::string_view password, std::string_view stored,
                                      std::string_view salt) {
    auto salt_bytes = core::base64_decode(salt);
    if (!salt_bytes) return malformed("pbkdf2-salt salt is not base64");
    if (!core::base64_decode(stored)) return malformed("pbkdf2-salt hash is not base64");
    WARD_TRY(std::string key,
             pbkdf2_sha256(password, *salt_bytes, kPbkdf2SaltIterations, kPbkdf2SaltKeyBytes));
    return core::constant_time_equal(core::base64_encode(key), stored);
}

core::Result<std::string> django_hash(std::string_view password, std::string_view salt,
                                      std::int64_t iterations) {
    WARD_TRY(std::string key,
             pbkdf2_sha256(password, salt, static_cast<int>(iterations), kPbkdf2DjangoKeyBytes));
    return "pbkdf2_sha256$" + std::to_string(iterations) + "$" + std::string(salt) + "$" +
           core::base64_encode(key);
}

core::Result<bool> django_verify(std::string_view password, std::string_view stored) {
    // pbkdf2_sha256$<iterations>$<salt>$<base64 hash>
    std::array<std::string_view, 4> parts;
    std::string_view rest = stored;
    for (std::size_t i = 0; i < parts.size(); ++i) {
        auto dollar = rest.find('$');
        if (i + 1 < parts.size()) {
            if (dollar == std::string_view::npos) return malformed("pbkdf2-django needs 4 parts");
            parts[i] = rest.substr(0, dollar);
            rest = rest.substr(dollar + 1);
        } else {
            if (dollar != std::string_view::npos) return malformed("pbkdf2-django needs 4 parts");
            parts[i] = rest;
        }
    }
    if (parts[0] != "pbkdf2_sha256") return malformed("pbkdf2-django algorithm must be sha256");
    std::int64_t iterations = 0;
    auto [ptr, ec] =
        std::from_chars(parts[1].data(), parts[1].data() + parts[1].size(), iterations);
    if (ec != std::errc{} || ptr != parts[1].data() + parts[1].size() || iterations <= 0 ||
        iterations > kMaxPbkdf2Iterations) {
        return malformed("pbkdf2-django iteration count");
    }
    if (parts[2].empty()) return malformed("pbkdf2-django salt is empty");
    auto expected = core::base64_decode(parts[3]);
    if (!expected || expected->size() != kPbkdf2DjangoKeyBytes) {
        return malformed("pbkdf2-django hash is not a base64 SHA-256 key");
    }
    WARD_TRY(std::string key, pbkdf2_sha256(password, parts[2], static_cast<int>(iterations),
                                            kPbkdf2DjangoKeyBytes));
    return core::constant_time_equal(key, *expected);
}

// ---- salted digests: user salt, then org salt; empty salt has a legacy double-hash form ----

core::Result<bool> salted_verify(PasswordType type, std::string_view password,
                                 const StoredPassword& stored) {
    const EVP_MD* md = digest_of(type);
    bool tried = false;
    for (std::string_view salt : {stored.user_salt, stored.org_salt}) {
        if (salt.empty()) continue;
        tried = true;
        WARD_TRY(std::string computed, salted_digest(md, password, salt));
        if (core::constant_time_equal(computed, stored.hash)) return true;
    }
    if (tried) return false;
    WARD_TRY(std::string single, digest_hex(md, password));
    WARD_TRY(std::string twice, digest_hex(md, single));
    // Evaluate both so the time does not say which form the stored hash has.
    bool a = core::constant_time_equal(single, stored.hash);
    bool b = core::constant_time_equal(twice, stored.hash);
    return a || b;
}

}  // namespace

std::string_view to_string(PasswordType type) {
    switch (type) {
        case PasswordType::kPlain:
            return "plain";
        case PasswordType::kSalt:
            return "salt";
        case PasswordType::kSha512Salt:
            return "sha512-salt";
        case PasswordType::kMd5Salt:
            return "md5-salt";
        case PasswordType::kBcrypt:
            return "bcrypt";
        case PasswordType::kPbkdf2Salt:
            return "pbkdf2-salt";
        case PasswordType::kArgon2id:
            return "argon2id";
        case PasswordType::kPbkdf2Django:
            return "pbkdf2-django";
    }
    return "unknown";
}

core::Result<PasswordType> parse_password_type(std::string_view name) {
    if (name.empty()) return kDefaultType;
    for (auto t : {PasswordType::kPlain, PasswordType::kSalt, PasswordType::kSha512Salt,
                   PasswordType::kMd5Salt, PasswordType::kBcrypt, PasswordType::kPbkdf2Salt,
                   PasswordType::kArgon2id, PasswordType::kPbkdf2Django}) {
        if (to_string(t) == name) return t;
    }
    return core::Error::invalid_argument(
        "unsupported password type: " + std::string(name.substr(0, 64)),
        "unsupported-password-type");
}

core::Result<HashedPassword> hash_password(std::string_view password, PasswordType type,
                                           core::Random& random, std::string_view org_salt) {
    if (password.empty()) {
        return core::Error::invalid_argument("Password cannot be empty", "empty-password");
    }
    switch (type) {
        case PasswordType::kPlain:
            return HashedPassword{type, std::string(password), ""};
        case PasswordType::kSalt:
        case PasswordType::kSha512Salt:
        case PasswordType::kMd5Salt: {
            std::string fresh = org_salt.empty() ? random_hex_salt(random) : "";
            std::string_view salt = org_salt.empty() ? std::string_view(fresh) : org_salt;
            WARD_TRY(std::string h, salted_digest(digest_of(type), password, salt));
            return HashedPassword{type, std::move(h), std::move(fresh)};
        }
        case PasswordType::kBcrypt: {
            if (password.find('\0') != std::string_view::npos) {
                return core::Error::invalid_argument("bcrypt passwords cannot contain NUL",
                                                     "invalid-password");
            }
            WARD_TRY(std::string h, bcrypt_hash(password, random));
            return HashedPassword{type, std::move(h), ""};
        }
        case PasswordType::kPbkdf2Salt: {
            // Casdoor base64-decodes the stored salt; 20 hex characters are valid base64.
            std::string fresh = org_salt.empty() ? random_hex_salt(random) : "";
            std::string_view salt = org_salt.empty() ? std::string_view(fresh) : org_salt;
            auto salt_bytes = core::base64_decode(salt);
            if (!salt_bytes) {
                return core::Error::invalid_argument("the organization salt is not base64",
                                                     "invalid-salt");
            }
            WARD_TRY(std::string key, pbkdf2_sha256(password, *salt_bytes, kPbkdf2SaltIterations,
                                                    kPbkdf2SaltKeyBytes));
            return HashedPassword{type, core::base64_encode(key), std::move(fresh)};
        }
        case PasswordType::kArgon2id: {
            WARD_TRY(std::string h, argon2id_hash(password, random));
            return HashedPassword{type, std::move(h), ""};
        }
        case PasswordType::kPbkdf2Django: {
            WARD_TRY(std::string h,
                     django_hash(password, random.alphanumeric(22), kPbkdf2DjangoIterations));
            return HashedPassword{type, std::move(h), ""};
        }
    }
    return core::Error::invalid_argument("unsupported password type", "unsupported-password-type");
}

core::Result<bool> verify_password(std::string_view password, const StoredPassword& stored) {
    WARD_TRY(PasswordType type, parse_password_type(stored.type));
    if (password.empty()) return false;
    switch (type) {
        case PasswordType::kPlain:
            if (stored.hash.empty()) return false;
            return core::constant_time_equal(password, stored.hash);
        case PasswordType::kSalt:
        case PasswordType::kSha512Salt:
        case PasswordType::kMd5Salt:
            if (stored.hash.empty()) return malformed("empty hash");
            return salted_verify(type, password, stored);
        case PasswordType::kBcrypt:
            return bcrypt_verify(password, stored.hash);
        case PasswordType::kPbkdf2Salt: {
            if (stored.hash.empty()) return malformed("empty hash");
            bool tried = false;
            for (std::string_view salt : {stored.user_salt, stored.org_salt}) {
                if (salt.empty()) continue;
                tried = true;
                WARD_TRY(bool ok, pbkdf2_salt_verify(password, stored.hash, salt));
                if (ok) return true;
            }
            if (!tried) return malformed("pbkdf2-salt needs a salt");
            return false;
        }
        case PasswordType::kArgon2id: {
            WARD_TRY(bool ok, argon2id_check(password, stored.hash));
            if (ok) return true;
            // Casdoor's argon2id reads a salt "pepper|m=..|t=..|p=.." and prepends the pepper to
            // the password; hashes imported from Casdoor may carry one in either salt.
            for (std::string_view salt : {stored.user_salt, stored.org_salt}) {
                std::string_view pepper = salt.substr(0, salt.find('|'));
                if (pepper.empty()) continue;
                WARD_TRY(bool peppered,
                         argon2id_check(std::string(pepper) + std::string(password), stored.hash));
                if (peppered) return true;
            }
            return false;
        }
        case PasswordType::kPbkdf2Django:
            return django_verify(password, stored.hash);
    }
    return malformed("unknown type");
}

bool needs_rehash(std::string_view user_type, std::string_view org_type) {
    auto user = parse_password_type(user_type);
    auto org = parse_password_type(org_type);
    if (!org) return false;  // nothing valid to upgrade to
    return !user || *user != *org;
}

}  // namespace ward::idp::password
