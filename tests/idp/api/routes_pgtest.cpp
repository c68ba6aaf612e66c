#include <gtest/gtest.h>

#include "sql/test_support.hpp"

#define API_BACKEND sql::testing::Backend::kPostgres
#include "idp/api/routes_cases.hpp"
