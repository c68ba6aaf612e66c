// The permission matrix of permission_matrix_cases.hpp on SQLite.
#include "engine/server/permission_matrix_cases.hpp"

namespace ward::engine::server::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, PermissionMatrix, ::testing::Values(Backend::kSqlite),
                         backend_name);

}  // namespace ward::engine::server::testing
