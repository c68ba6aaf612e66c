#include <gtest/gtest.h>

#include "sql/test_support.hpp"

#define OIDC_BACKEND sql::testing::Backend::kSqliteMemory
#include "idp/oidc/flow_cases.hpp"
