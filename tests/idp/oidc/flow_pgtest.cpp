#include <gtest/gtest.h>

#include "sql/test_support.hpp"

#define OIDC_BACKEND sql::testing::Backend::kPostgres
#include "idp/oidc/flow_cases.hpp"
