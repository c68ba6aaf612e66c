// Password types of casdoor.md §5.1. Expected values were computed independently: the salted
// digests and PBKDF2 with Python's hashlib, bcrypt from the crypt_blowfish test suite, argon2id
// with the reference libargon2 CLI-equivalent (argon2id_hash_encoded).
#include "idp/password/password.hpp"

#include <gtest/gtest.h>

#include "core/random.hpp"

namespace ward::idp::password {
namespace {

constexpr std::string_view kSalt = "c3f9e0b1a2d4e5f60718";

bool verifies(std::string_view type, std::string_view password, std::string_view hash,
              std::string_view user_salt = {}, std::string_view org_salt = {}) {
    auto r = verify_password(password, {type, hash, user_salt, org_salt});
    EXPECT_TRUE(r.has_value()) << (r ? "" : r.error().to_string());
    return r && *r;
}

std::string malformed_code(std::string_view type, std::string_view hash,
                           std::string_view user_salt = {}) {
    auto r = verify_password("123", {type, hash, user_salt, {}});
    if (r) return "verified-as-" + std::string(*r ? "true" : "false");
    return r.error().code();
}

TEST(PasswordTypeTest, ParsesEveryCasdoorName) {
    for (std::string_view name : {"plain", "salt", "sha512-salt", "md5-salt", "bcrypt",
                                  "pbkdf2-salt", "argon2id", "pbkdf2-django"}) {
        auto t = parse_password_type(name);
        ASSERT_TRUE(t) << name;
        EXPECT_EQ(to_string(*t), name);
    }
    EXPECT_EQ(*parse_password_type(""), PasswordType::kArgon2id);
}

// casdoor.md §5.1: "An unknown type gives unsupported password type: X"; sha256-salt is not a name.
TEST(PasswordTypeTest, RejectsUnknownTypes) {
    for (std::string_view name : {"sha256-salt", "BCRYPT", "md5", "argon2i", " plain"}) {
        auto t = parse_password_type(name);
        ASSERT_FALSE(t) << name;
        EXPECT_EQ(t.error().code(), "unsupported-password-type");
        EXPECT_NE(t.error().message().find("unsupported password type"), std::string::npos);
    }
    EXPECT_EQ(malformed_code("sha256-salt", "x"), "unsupported-password-type");
}

TEST(PasswordPlainTest, VerifiesExactlyTheStoredString) {
    EXPECT_TRUE(verifies("plain", "123", "123"));
    EXPECT_FALSE(verifies("plain", "1234", "123"));
    EXPECT_FALSE(verifies("plain", "12", "123"));
    EXPECT_FALSE(verifies("plain", "", ""));
}

TEST(PasswordSaltTest, KnownVectorsForSha256Sha512Md5) {
    EXPECT_TRUE(verifies(
        "salt", "123", "4e89a10958fdc4164076914b790f51e43ce16fe68dac5ced50f328faafa23941", kSalt));
    EXPECT_TRUE(verifies("sha512-salt", "123",
                         "89cb15d1a4244bba84424433f22b12bbf72225110d7721373d8e72b0df8c10ca51eaa84b"
                         "283f5154ad5ba485df45b7fcb5a5911ab515b491634ba4362d06a613",
                         kSalt));
    EXPECT_TRUE(verifies("md5-salt", "123", "4f185d78da232e3ed6d5d0312a1a8096", kSalt));
    EXPECT_FALSE(verifies(
        "salt", "124", "4e89a10958fdc4164076914b790f51e43ce16fe68dac5ced50f328faafa23941", kSalt));
    EXPECT_FALSE(verifies("md5-salt", "123", "4f185d78da232e3ed6d5d0312a1a8096", "othersalt"));
}

// Casdoor tries the org salt as well as the user salt.
TEST(PasswordSaltTest, FallsBackToTheOrganizationSalt) {
    const std::string_view h = "bab8d81d67b8840bc65c62675a1ce8a1dee7561e25d613a5952273ad18e03e77";
    EXPECT_TRUE(verifies("salt", "s3cret!", h, "user-salt-that-does-not-match", "orgsalt"));
    EXPECT_TRUE(verifies("salt", "s3cret!", h, "", "orgsalt"));
    EXPECT_FALSE(verifies("salt", "s3cret", h, "", "orgsalt"));
}

// casdoor.md §5.1: with an empty salt, hex(sha256(pw)), with a legacy double-hash fallback.
TEST(PasswordSaltTest, EmptySaltAcceptsSingleAndLegacyDoubleHash) {
    EXPECT_TRUE(verifies("salt", "123",
                         "a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3"));
    EXPECT_TRUE(verifies("salt", "123",
                         "173af653133d964edfc16cafe0aba33c8f500a07f3ba3f81943916910c257705"));
    EXPECT_FALSE(verifies("salt", "321",
                          "a665a45920422f9d417e4867efdc4fb8a04a1f3fff1fa07e998e86f7f7a27ae3"));
}

TEST(PasswordBcryptTest, KnownVectorsFor2a2b2y) {
    // crypt_blowfish's test vector ("U*U"); the three prefixes agree on ASCII passwords.
    EXPECT_TRUE(
        verifies("bcrypt", "U*U", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
    EXPECT_TRUE(
        verifies("bcrypt", "U*U", "$2b$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
    EXPECT_TRUE(
        verifies("bcrypt", "U*U", "$2y$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
    EXPECT_TRUE(verifies("bcrypt", "hunter2",
                         "$2b$04$abcdefghijklmnopqrstuuV3duMsC0HpUex6N9qapiuOHHWkwRXVm"));
    EXPECT_FALSE(
        verifies("bcrypt", "U*V", "$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"));
    EXPECT_FALSE(verifies("bcrypt", "hunter3",
                          "$2b$04$abcdefghijklmnopqrstuuV3duMsC0HpUex6N9qapiuOHHWkwRXVm"));
}

TEST(PasswordBcryptTest, EmbeddedNulNeverMatchesThePrefix) {
    std::string pw("hunter2\0xyz", 11);
    EXPECT_FALSE(
        verifies("bcrypt", pw, "$2b$04$abcdefghijklmnopqrstuuV3duMsC0HpUex6N9qapiuOHHWkwRXVm"));
}

TEST(PasswordBcryptTest, MalformedStoredValues) {
    for (std::string_view bad :
         {"", "$2a$05$short", "$1$abcdefgh$abcdefghijklmnopqrstuv",
          "$2x$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
          "$2a$99$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
          "$2a$a5$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
          "$2a$05$!!!!!!!!!!!!!!!!!!!!!.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW", "123"}) {
        EXPECT_EQ(malformed_code("bcrypt", bad), "malformed-password-hash") << bad;
    }
}

TEST(PasswordPbkdf2SaltTest, KeycloakCompatibleVector) {
    const std::string_view h =
        "5zuUXnnfjrS9/yuLhFF/lwfinozLsaK2wjbrcJxocx/3ihvV/+uouc2ziFWa0I7ar6cQN9twKJkX07s4POz8Wg==";
    EXPECT_TRUE(verifies("pbkdf2-salt", "123", h, kSalt));
    EXPECT_FALSE(verifies("pbkdf2-salt", "1234", h, kSalt));
}

TEST(PasswordPbkdf2SaltTest, MalformedStoredValues) {
    EXPECT_EQ(malformed_code("pbkdf2-salt", "abcd", "not base64!"), "malformed-password-hash");
    EXPECT_EQ(malformed_code("pbkdf2-salt", "%%%%", kSalt), "malformed-password-hash");
    EXPECT_EQ(malformed_code("pbkdf2-salt", "abcd", ""), "malformed-password-hash");
    EXPECT_EQ(malformed_code("pbkdf2-salt", "", kSalt), "malformed-password-hash");
}

TEST(PasswordArgon2idTest, VerifiesCasdoorAndOwaspParameterVectors) {
    // alexedwards/argon2id defaults (m=64 MiB, t=1) and Ward's OWASP parameters.
    EXPECT_TRUE(verifies("argon2id", "123",
                         "$argon2id$v=19$m=65536,t=1,p=2$c29tZXNhbHQxNmJ5dGVzIQ$"
                         "S8NBeSxK993A6Iaaaj+3lKbuVgTj6W/UFygkDAMJjQQ"));
    EXPECT_TRUE(verifies("argon2id", "correct horse",
                         "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$"
                         "rk2Mi3E4dgRMg0fHaYaptWVZRKqs//6b6k3/nntqGJk"));
    EXPECT_FALSE(verifies("argon2id", "correct horsE",
                          "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$"
                          "rk2Mi3E4dgRMg0fHaYaptWVZRKqs//6b6k3/nntqGJk"));
}

// Casdoor's argon2id prepends a pepper taken from the salt ("pepper" or "pepper|m=..|t=..").
TEST(PasswordArgon2idTest, CasdoorPepperFromEitherSalt) {
    const std::string_view h =
        "$argon2id$v=19$m=1024,t=1,p=1$cGVwcGVyc2FsdDE2Ynl0ZQ$"
        "q22Pr5+74oJqexiAFaq2mWmPJtHdcb5WrdxK/Aoqt2k";  // argon2id("abcdef0123456789abcd" + "123")
    EXPECT_TRUE(verifies("argon2id", "123", h, "abcdef0123456789abcd"));
    EXPECT_TRUE(verifies("argon2id", "123", h, "abcdef0123456789abcd|m=65536|t=1|p=2"));
    EXPECT_TRUE(verifies("argon2id", "123", h, "", "abcdef0123456789abcd"));
    EXPECT_FALSE(verifies("argon2id", "123", h));
    EXPECT_FALSE(verifies("argon2id", "124", h, "abcdef0123456789abcd"));
    EXPECT_FALSE(verifies("argon2id", "123", h, "|m=65536"));
}

TEST(PasswordArgon2idTest, MalformedAndAbusiveStoredValues) {
    for (std::string_view bad : {
             "",
             "$argon2i$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$rk2Mi3E4dgRMg0fHaYaptWVZ",
             "$argon2id$v=19$m=19456,t=2$MDEyMzQ1Njc4OWFiY2RlZg$rk2Mi3E4dgRMg0fHaYaptWVZRKqs",
             "$argon2id$v=19$m=x,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$rk2Mi3E4dgRMg0fHaYaptWVZRKqs",
             "$argon2id$v=19$m=19456,t=2,p=1$!!!$rk2Mi3E4dgRMg0fHaYaptWVZRKqs",
             "$argon2id$v=19$m=19456,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg",
             // 4 TiB of memory or a million passes: refused before any work is done.
             "$argon2id$v=19$m=4294967295,t=2,p=1$MDEyMzQ1Njc4OWFiY2RlZg$rk2Mi3E4dgRMg0fHaYaptWVZ",
             "$argon2id$v=19$m=19456,t=1000000,p=1$MDEyMzQ1Njc4OWFiY2RlZg$rk2Mi3E4dgRMg0fHaYaptWVZ",
             "$argon2id$v=19$m=19456,t=2,p=1,q=3$MDEyMzQ1Njc4OWFiY2RlZg$rk2Mi3E4dgRMg0fHaYaptWVZ",
         }) {
        EXPECT_EQ(malformed_code("argon2id", bad), "malformed-password-hash") << bad;
    }
}

TEST(PasswordPbkdf2DjangoTest, DjangoFormatVectors) {
    EXPECT_TRUE(verifies("pbkdf2-django", "correct horse",
                         "pbkdf2_sha256$260000$seasalt2024$"
                         "hKjjfyUZeeougdnHX7l4I6XDZSqGCkHYwQsBd/vdlPM="));
    EXPECT_TRUE(verifies("pbkdf2-django", "123",
                         "pbkdf2_sha256$1000$abc$hbpc6Ps9qByxU+m99ZIA5xX3mkSa2VnROILc3ZlQKb8="));
    EXPECT_FALSE(verifies("pbkdf2-django", "124",
                          "pbkdf2_sha256$1000$abc$hbpc6Ps9qByxU+m99ZIA5xX3mkSa2VnROILc3ZlQKb8="));
}

TEST(PasswordPbkdf2DjangoTest, MalformedStoredValues) {
    for (std::string_view bad : {
             "",
             "pbkdf2_sha256$1000$abc",
             "pbkdf2_sha1$1000$abc$hbpc6Ps9qByxU+m99ZIA5xX3mkSa2VnROILc3ZlQKb8=",
             "pbkdf2_sha256$-5$abc$hbpc6Ps9qByxU+m99ZIA5xX3mkSa2VnROILc3ZlQKb8=",
             "pbkdf2_sha256$0$abc$hbpc6Ps9qByxU+m99ZIA5xX3mkSa2VnROILc3ZlQKb8=",
             "pbkdf2_sha256$99999999999$abc$hbpc6Ps9qByxU+m99ZIA5xX3mkSa2VnROILc3ZlQKb8=",
             "pbkdf2_sha256$1000x$abc$hbpc6Ps9qByxU+m99ZIA5xX3mkSa2VnROILc3ZlQKb8=",
             "pbkdf2_sha256$1000$$hbpc6Ps9qByxU+m99ZIA5xX3mkSa2VnROILc3ZlQKb8=",
             "pbkdf2_sha256$1000$abc$not-base64",
             "pbkdf2_sha256$1000$abc$aGVsbG8=",
             "pbkdf2_sha256$1000$abc$hbpc6Ps9qByxU+m99ZIA5xX3mkSa2VnROILc3ZlQKb8=$extra",
         }) {
        EXPECT_EQ(malformed_code("pbkdf2-django", bad), "malformed-password-hash") << bad;
    }
}

TEST(PasswordSaltedMalformedTest, EmptyStoredHashIsAnError) {
    EXPECT_EQ(malformed_code("salt", "", kSalt), "malformed-password-hash");
}

TEST(PasswordVerifyTest, EmptyPasswordNeverMatches) {
    EXPECT_FALSE(verifies("plain", "", "x"));
    EXPECT_FALSE(verifies("md5-salt", "", "d41d8cd98f00b204e9800998ecf8427e"));
}

// Round trips: every type hashes a new password so that it verifies, and only that password.
TEST(PasswordHashTest, EveryTypeRoundTrips) {
    core::SeededRandom random(7);
    for (auto type : {PasswordType::kPlain, PasswordType::kSalt, PasswordType::kSha512Salt,
                      PasswordType::kMd5Salt, PasswordType::kBcrypt, PasswordType::kPbkdf2Salt,
                      PasswordType::kArgon2id, PasswordType::kPbkdf2Django}) {
        auto h = hash_password("Tr0ub4dor&3", type, random);
        ASSERT_TRUE(h) << to_string(type) << ": " << h.error().to_string();
        EXPECT_EQ(h->type, type);
        StoredPassword stored{to_string(type), h->hash, h->salt, {}};
        auto good = verify_password("Tr0ub4dor&3", stored);
        auto bad = verify_password("Tr0ub4dor&4", stored);
        ASSERT_TRUE(good && bad) << to_string(type);
        EXPECT_TRUE(*good) << to_string(type);
        EXPECT_FALSE(*bad) << to_string(type);
    }
}

TEST(PasswordHashTest, FormatsMatchCasdoor) {
    core::SeededRandom random(1);
    auto salted = hash_password("123", PasswordType::kSalt, random);
    ASSERT_TRUE(salted);
    EXPECT_EQ(salted->salt.size(), 20u);  // random 20-hex salt
    EXPECT_EQ(salted->hash.size(), 64u);
    auto b = hash_password("123", PasswordType::kBcrypt, random);
    ASSERT_TRUE(b);
    EXPECT_TRUE(b->hash.starts_with("$2b$10$")) << b->hash;
    EXPECT_EQ(b->hash.size(), 60u);
    auto a = hash_password("123", PasswordType::kArgon2id, random);
    ASSERT_TRUE(a);
    EXPECT_TRUE(a->hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$")) << a->hash;
    auto d = hash_password("123", PasswordType::kPbkdf2Django, random);
    ASSERT_TRUE(d);
    EXPECT_TRUE(d->hash.starts_with("pbkdf2_sha256$260000$")) << d->hash;
    auto p = hash_password("123", PasswordType::kPbkdf2Salt, random);
    ASSERT_TRUE(p);
    EXPECT_EQ(p->hash.size(), 88u);  // base64 of 64 bytes
}

// Casdoor: the org salt is used when set, and then nothing is stored per user.
TEST(PasswordHashTest, UsesTheOrganizationSaltWhenSet) {
    core::SeededRandom random(3);
    auto h = hash_password("s3cret!", PasswordType::kSalt, random, "orgsalt");
    ASSERT_TRUE(h);
    EXPECT_EQ(h->hash, "bab8d81d67b8840bc65c62675a1ce8a1dee7561e25d613a5952273ad18e03e77");
    EXPECT_TRUE(h->salt.empty());
}

TEST(PasswordHashTest, RefusesBadPasswords) {
    core::SeededRandom random(3);
    auto empty = hash_password("", PasswordType::kArgon2id, random);
    ASSERT_FALSE(empty);
    EXPECT_EQ(empty.error().code(), "empty-password");
    EXPECT_EQ(empty.error().message(), "Password cannot be empty");
    auto longpw = hash_password(std::string(73, 'a'), PasswordType::kBcrypt, random);
    ASSERT_FALSE(longpw);
    EXPECT_EQ(longpw.error().code(), "password-too-long");
    auto nul = hash_password(std::string("a\0b", 3), PasswordType::kBcrypt, random);
    ASSERT_FALSE(nul);
    EXPECT_EQ(nul.error().code(), "invalid-password");
    auto bad_org_salt = hash_password("x", PasswordType::kPbkdf2Salt, random, "***");
    ASSERT_FALSE(bad_org_salt);
    EXPECT_EQ(bad_org_salt.error().code(), "invalid-salt");
}

TEST(PasswordRehashTest, UpgradesWhenTheTypeDiffers) {
    EXPECT_TRUE(needs_rehash("plain", "bcrypt"));
    EXPECT_TRUE(needs_rehash("salt", "argon2id"));
    EXPECT_FALSE(needs_rehash("bcrypt", "bcrypt"));
    EXPECT_FALSE(needs_rehash("", "argon2id"));  // both mean the default
    EXPECT_TRUE(needs_rehash("", "bcrypt"));
    EXPECT_TRUE(needs_rehash("nonsense", "bcrypt"));
    EXPECT_FALSE(needs_rehash("bcrypt", "nonsense"));  // nothing valid to upgrade to
}

}  // namespace
}  // namespace ward::idp::password
