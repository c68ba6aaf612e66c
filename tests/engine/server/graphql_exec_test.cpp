// GraphQL execution through the Service on SQLite: the shared cases of graphql_exec_cases.hpp,
// plus what only SQLite answers differently (operators the dialect lacks).
#include "engine/server/graphql_exec_cases.hpp"
#include "engine/server/graphql_mutation_cases.hpp"

namespace ward::engine::server::testing {

INSTANTIATE_TEST_SUITE_P(Sqlite, GraphqlExec, ::testing::Values(Backend::kSqlite), backend_name);

INSTANTIATE_TEST_SUITE_P(Sqlite, GraphqlMutationTest, ::testing::Values(Backend::kSqlite),
                         backend_name);

}  // namespace ward::engine::server::testing
