#include "core/config.hpp"

#include <gtest/gtest.h>

#include <unistd.h>
#include <cstdio>
#include <fstream>
#include <map>

namespace ward::core {
namespace {

const std::vector<OptionSpec> kSpecs = {
    {.name = "data-dir", .env = "WARD_DATA_DIR", .default_value = "./ward-data", .help = "data"},
    {.name = "idp-port", .env = "WARD_IDP_PORT", .default_value = "8000", .help = "port"},
    {.name = "admin-secret", .env = "HASURA_GRAPHQL_ADMIN_SECRET", .help = "s", .secret = true},
    {.name = "enable-console",
     .env = "HASURA_GRAPHQL_ENABLE_CONSOLE",
     .help = "c",
     .is_switch = true},
};

EnvLookup env_of(std::map<std::string, std::string> m) {
    return [m](std::string_view k) -> std::optional<std::string> {
        auto it = m.find(std::string(k));
        if (it == m.end()) return std::nullopt;
        return it->second;
    };
}

std::string write_temp(const std::string& text) {
    char name[] = "/tmp/ward-config-XXXXXX";
    int fd = mkstemp(name);
    ::close(fd);
    std::ofstream(name) << text;
    return name;
}

TEST(ConfigTest, DefaultsApplyWhenNothingIsSet) {
    auto c = Config::load(kSpecs, {}, env_of({}));
    ASSERT_TRUE(c);
    EXPECT_EQ(c->get("data-dir"), "./ward-data");
    EXPECT_EQ(c->source("data-dir"), ConfigSource::kDefault);
    EXPECT_EQ(c->get("admin-secret"), std::nullopt);
    EXPECT_EQ(*c->get_int("idp-port"), 8000);
    EXPECT_EQ(*c->get_bool("enable-console"), false);
}

TEST(ConfigTest, PrecedenceIsFlagThenEnvThenFileThenDefault) {
    std::string file = write_temp("# comment\nWARD_DATA_DIR=/from/file\nidp-port = 9001\n");
    std::vector<std::string> args = {"--config", file};
    auto c = Config::load(kSpecs, args, env_of({{"WARD_IDP_PORT", "9002"}}));
    ASSERT_TRUE(c) << c.error().to_string();
    EXPECT_EQ(c->get("data-dir"), "/from/file");
    EXPECT_EQ(c->source("data-dir"), ConfigSource::kFile);
    EXPECT_EQ(c->get("idp-port"), "9002");  // env beats file
    EXPECT_EQ(c->source("idp-port"), ConfigSource::kEnv);

    std::vector<std::string> args2 = {"--config=" + file, "--idp-port=9003", "--data-dir", "/flag"};
    auto d = Config::load(kSpecs, args2, env_of({{"WARD_IDP_PORT", "9002"}}));
    ASSERT_TRUE(d);
    EXPECT_EQ(d->get("idp-port"), "9003");
    EXPECT_EQ(d->get("data-dir"), "/flag");
    EXPECT_EQ(d->source("data-dir"), ConfigSource::kFlag);
    std::remove(file.c_str());
}

TEST(ConfigTest, SwitchesAndHelp) {
    std::vector<std::string> args = {"--enable-console", "-h"};
    auto c = Config::load(kSpecs, args, env_of({}));
    ASSERT_TRUE(c);
    EXPECT_TRUE(*c->get_bool("enable-console"));
    EXPECT_TRUE(c->help_requested());
    std::string help = Config::help_text(kSpecs);
    EXPECT_NE(help.find("--data-dir"), std::string::npos);
    EXPECT_NE(help.find("WARD_DATA_DIR"), std::string::npos);
}

TEST(ConfigTest, BadInputGetsClearErrors) {
    std::vector<std::string> unknown = {"--nope", "1"};
    auto a = Config::load(kSpecs, unknown, env_of({}));
    ASSERT_FALSE(a);
    EXPECT_NE(a.error().message().find("unknown option --nope"), std::string::npos);

    std::vector<std::string> missing = {"--data-dir"};
    EXPECT_FALSE(Config::load(kSpecs, missing, env_of({})));

    std::vector<std::string> positional = {"stray"};
    EXPECT_FALSE(Config::load(kSpecs, positional, env_of({})));

    auto c = Config::load(kSpecs, {}, env_of({{"WARD_IDP_PORT", "80x"}}));
    ASSERT_TRUE(c);
    auto port = c->get_int("idp-port");
    ASSERT_FALSE(port);
    EXPECT_NE(port.error().message().find("WARD_IDP_PORT"), std::string::npos);

    auto b = Config::load(kSpecs, {}, env_of({{"HASURA_GRAPHQL_ENABLE_CONSOLE", "maybe"}}));
    ASSERT_TRUE(b);
    EXPECT_FALSE(b->get_bool("enable-console"));

    std::vector<std::string> nofile = {"--config", "/nonexistent/ward.conf"};
    EXPECT_FALSE(Config::load(kSpecs, nofile, env_of({})));

    std::string bad = write_temp("JUST_A_WORD\n");
    std::vector<std::string> badfile = {"--config", bad};
    EXPECT_FALSE(Config::load(kSpecs, badfile, env_of({})));
    std::string unknown_key = write_temp("NOT_AN_OPTION=1\n");
    std::vector<std::string> unkfile = {"--config", unknown_key};
    EXPECT_FALSE(Config::load(kSpecs, unkfile, env_of({})));
    std::remove(bad.c_str());
    std::remove(unknown_key.c_str());
}

TEST(ConfigTest, RedactsSecrets) {
    auto c = Config::load(kSpecs, {}, env_of({{"HASURA_GRAPHQL_ADMIN_SECRET", "hunter2"}}));
    ASSERT_TRUE(c);
    std::string dump = json::serialize(c->to_json_redacted());
    EXPECT_EQ(dump.find("hunter2"), std::string::npos);
    EXPECT_NE(dump.find("<REDACTED>"), std::string::npos);
}

}  // namespace
}  // namespace ward::core
