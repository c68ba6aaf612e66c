// redirect_uri matching, departure C4 (RFC 9700 §2.1, RFC 8252 §7.3). Casdoor's looser rules
// caused CVE-2026-5467 and issue #4010; each attack shape below must be refused.
#include "idp/oauth/redirect_uri.hpp"

#include <gtest/gtest.h>

#include "core/random.hpp"

namespace ward::idp::oauth {
namespace {

const std::vector<std::string> kRegistered = {
    "https://app.example.com/callback", "http://127.0.0.1:8080/cb",
    "http://localhost:9000/callback",   "http://[::1]/native",
    "com.example.app:/oauth2redirect",  "^https://(www|beta)\\.example\\.org/cb$",
};

bool allowed(std::string_view uri) { return redirect_uri_allowed(uri, kRegistered); }

TEST(OAuthRedirectUriTest, ExactMatches) {
    EXPECT_TRUE(allowed("https://app.example.com/callback"));
    EXPECT_TRUE(allowed("com.example.app:/oauth2redirect"));
    EXPECT_TRUE(check_redirect_uri("https://app.example.com/callback", kRegistered));
}

TEST(OAuthRedirectUriTest, LoopbackMayVaryOnlyThePort) {
    EXPECT_TRUE(allowed("http://127.0.0.1:8080/cb"));
    EXPECT_TRUE(allowed("http://127.0.0.1:51234/cb"));
    EXPECT_TRUE(allowed("http://127.0.0.1/cb"));
    EXPECT_TRUE(allowed("http://localhost:3000/callback"));
    EXPECT_TRUE(allowed("http://LOCALHOST:3000/callback"));
    EXPECT_TRUE(allowed("http://[::1]:4000/native"));
    // Anything but the port differs: refused.
    EXPECT_FALSE(allowed("http://127.0.0.1:51234/cb/extra"));
    EXPECT_FALSE(allowed("http://127.0.0.1:51234/c"));
    EXPECT_FALSE(allowed("http://127.0.0.1:51234/cb?x=1"));
    EXPECT_FALSE(allowed("https://127.0.0.1:8080/cb"));
    EXPECT_FALSE(allowed("http://127.0.0.2:8080/cb"));
    EXPECT_FALSE(allowed("http://localhost:3000/cb"));        // path of the 127.0.0.1 entry
    EXPECT_FALSE(allowed("http://127.0.0.1:3000/callback"));  // host of the localhost entry
    EXPECT_FALSE(allowed("http://user@127.0.0.1:8080/cb"));
}

// Casdoor accepted any localhost URI; Ward only registered ones.
TEST(OAuthRedirectUriTest, UnregisteredLoopbackIsRefused) {
    std::vector<std::string> only_https = {"https://app.example.com/callback"};
    EXPECT_FALSE(redirect_uri_allowed("http://localhost:8000/callback", only_https));
    EXPECT_FALSE(redirect_uri_allowed("http://127.0.0.1:8000/", only_https));
}

TEST(OAuthRedirectUriTest, AttackShapesAreRefused) {
    for (std::string_view attack : {
             "http://localhost.evil.com:9000/callback",
             "http://localhost.evil.com/callback",
             "https://app.example.com.evil.com/callback",
             "https://app.example.com@evil.com/callback",
             "https://evil.com@app.example.com/callback",
             "https://evil.com/?https://app.example.com/callback",
             "https://app.example.com/callback/../../evil",
             "https://app.example.com/callback/extra",
             "https://app.example.com/callbackx",
             "https://app.example.com/callback?next=https://evil.com",
             "https://app.example.com/callback#frag",
             "https://app.example.com:8443/callback",
             "https://sub.app.example.com/callback",
             "http://app.example.com/callback",
             "HTTPS://APP.EXAMPLE.COM/callback",
             "https://app.example.com/CALLBACK",
             "https://app.example.com/callback ",
             " https://app.example.com/callback",
             "https://app.example.com/callback%00",
             "//app.example.com/callback",
             "/callback",
             "",
             "javascript:alert(1)",
             "data:text/html,hi",
             "not a uri",
             "https://www.example.org.evil.com/cb",
             "https://evil.com/https://www.example.org/cb",
             "https://www.example.org@evil.com/cb",
             "https://www.example.org/cb/x",
         }) {
        EXPECT_FALSE(allowed(attack)) << attack;
    }
    auto s = check_redirect_uri("https://app.example.com.evil.com/callback", kRegistered);
    ASSERT_FALSE(s);
    EXPECT_EQ(s.error().code(), "invalid_request");
    EXPECT_EQ(s.error().message(),
              "Redirect URI: https://app.example.com.evil.com/callback doesn't exist in the "
              "allowed Redirect URI list");
}

TEST(OAuthRedirectUriTest, AnchoredRegexMatchesTheWholeUri) {
    EXPECT_TRUE(allowed("https://www.example.org/cb"));
    EXPECT_TRUE(allowed("https://beta.example.org/cb"));
    EXPECT_FALSE(allowed("https://alpha.example.org/cb"));
}

TEST(OAuthRedirectUriTest, UnanchoredOrBrokenRegexIsNotARegex) {
    std::vector<std::string> loose = {"https://.*\\.example\\.org/cb", "^https://a\\.com/.*", ".*$",
                                      "^([a-z]+$", "^(a|$"};
    EXPECT_FALSE(redirect_uri_allowed("https://x.example.org/cb", loose));
    EXPECT_FALSE(redirect_uri_allowed("https://a.com/anything", loose));
    EXPECT_FALSE(redirect_uri_allowed("https://evil.com/", loose));
    // Still usable as an exact entry.
    EXPECT_TRUE(
        redirect_uri_allowed("https://a.com/x", std::vector<std::string>{"https://a.com/x"}));
}

// Even a careless regex cannot admit userinfo tricks.
TEST(OAuthRedirectUriTest, RegexNeverAdmitsUserinfo) {
    std::vector<std::string> careless = {"^https://app\\.example\\.com.*$"};
    EXPECT_TRUE(redirect_uri_allowed("https://app.example.com/cb", careless));
    EXPECT_FALSE(redirect_uri_allowed("https://app.example.com@evil.com/cb", careless));
}

TEST(OAuthRedirectUriTest, OversizedAndEmptyLists) {
    std::string huge = "https://app.example.com/callback?" + std::string(5000, 'a');
    std::vector<std::string> reg = {huge};
    EXPECT_FALSE(redirect_uri_allowed(huge, reg));
    EXPECT_FALSE(redirect_uri_allowed("https://app.example.com/callback", {}));
    std::vector<std::string> empty_entry = {""};
    EXPECT_FALSE(redirect_uri_allowed("https://app.example.com/callback", empty_entry));
}

// Arbitrary bytes (and mutations of a registered URI) never crash and never match by accident.
TEST(OAuthRedirectUriTest, ArbitraryInputIsRefusedSafely) {
    core::SeededRandom random(2026);
    const std::string base = "https://app.example.com/callback";
    for (int i = 0; i < 2000; ++i) {
        std::string junk = random.bytes(random.next_u64() % 96);
        EXPECT_FALSE(allowed(junk));
        std::string mutated = base;
        mutated[random.next_u64() % mutated.size()] = static_cast<char>(random.next_u64() & 0xff);
        if (mutated != base) {
            EXPECT_FALSE(allowed(mutated)) << mutated;
        }
    }
}

}  // namespace
}  // namespace ward::idp::oauth
