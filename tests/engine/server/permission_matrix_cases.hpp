// The permission matrix (issue 4, "Done means"), on both databases (included by
// permission_matrix_test.cpp and permission_matrix_pgtest.cpp): two tables with a relationship
// each way and three roles, and for every operation kind x role what is visible and writable, and
// that no where, order_by, distinct_on, aggregate or relationship path reveals a row or a column
// the role may not see (spec/hasura.md §2.1, §3.3: a hidden field is `validation-failed`).
#pragma once

#include "engine/server/graphql_fixture.hpp"

namespace ward::engine::server::testing {

// projects(id, owner_id, title, secret, public) <- tasks(id, project_id, assignee_id, title, cost)
inline constexpr const char* kMatrixSql = R"sql(
CREATE TABLE projects (id integer PRIMARY KEY, owner_id integer NOT NULL, title text NOT NULL,
                       secret text NOT NULL, public boolean NOT NULL);
CREATE TABLE tasks (id integer PRIMARY KEY, project_id integer NOT NULL REFERENCES projects(id),
                    assignee_id integer NOT NULL, title text NOT NULL, cost integer NOT NULL);
INSERT INTO projects VALUES (1, 1, 'P1', 's1', true), (2, 1, 'P2', 's2', false),
                            (3, 2, 'P3', 's3', true), (4, 2, 'P4', 's4', true);
INSERT INTO tasks VALUES (10, 1, 1, 'T10', 5), (11, 1, 2, 'T11', 7), (12, 3, 2, 'T12', 3),
                         (13, 2, 1, 'T13', 9);
)sql";

class PermissionMatrixFixture : public GraphqlExecFixture {
  protected:
    // Roles:
    //   viewer:  projects only: public rows, columns id and title, limit 2, no aggregations.
    //   member:  projects it owns (id, owner_id, title, public; aggregations); tasks assigned to
    //            it (id, project_id, title; no cost, no aggregations); inserts tasks (id,
    //            project_id, title; assignee preset from the session; only into its own
    //            projects), updates their titles, deletes its own tasks.
    //   auditor: tasks only: every row, columns id and cost, aggregations.
    //   collaborator: tasks only: the tasks of projects it owns, decided by an `_exists` on
    //            projects (id, title; no aggregations), and deletes them, decided by the
    //            `project` relationship; no permission on projects at all.
    void seed_matrix() {
        exec_sql(kMatrixSql);
        track("projects");
        track("tasks");
        ok_metadata(R"({"type":"bulk","args":[
          {"type":"pg_create_object_relationship","args":{"table":$T(tasks),"name":"project",
            "using":{"foreign_key_constraint_on":"project_id"}}},
          {"type":"pg_create_array_relationship","args":{"table":$T(projects),"name":"tasks",
            "using":{"foreign_key_constraint_on":{"table":$T(tasks),"column":"project_id"}}}},
          {"type":"pg_create_select_permission","args":{"table":$T(projects),"role":"viewer",
            "permission":{"columns":["id","title"],"filter":{"public":{"_eq":true}},
              "limit":2,"allow_aggregations":false}}},
          {"type":"pg_create_select_permission","args":{"table":$T(projects),"role":"member",
            "permission":{"columns":["id","owner_id","title","public"],
              "filter":{"owner_id":{"_eq":"X-Hasura-User-Id"}},"allow_aggregations":true}}},
          {"type":"pg_create_select_permission","args":{"table":$T(tasks),"role":"member",
            "permission":{"columns":["id","project_id","title"],
              "filter":{"assignee_id":{"_eq":"X-Hasura-User-Id"}}}}},
          {"type":"pg_create_insert_permission","args":{"table":$T(tasks),"role":"member",
            "permission":{"columns":["id","project_id","title"],
              "check":{"project":{"owner_id":{"_eq":"X-Hasura-User-Id"}}},
              "set":{"assignee_id":"X-Hasura-User-Id","cost":"0"}}}},
          {"type":"pg_create_update_permission","args":{"table":$T(tasks),"role":"member",
            "permission":{"columns":["title"],
              "filter":{"assignee_id":{"_eq":"X-Hasura-User-Id"}},"check":{}}}},
          {"type":"pg_create_delete_permission","args":{"table":$T(tasks),"role":"member",
            "permission":{"filter":{"assignee_id":{"_eq":"X-Hasura-User-Id"}}}}},
          {"type":"pg_create_select_permission","args":{"table":$T(tasks),"role":"auditor",
            "permission":{"columns":["id","cost"],"filter":{},"allow_aggregations":true}}},
          {"type":"pg_create_select_permission","args":{"table":$T(tasks),"role":"collaborator",
            "permission":{"columns":["id","title"],
              "filter":{"_exists":{"_table":$T(projects),"_where":{"_and":[
                {"owner_id":{"_eq":"X-Hasura-User-Id"}},{"id":{"_ceq":["$","project_id"]}}]}}}}}},
          {"type":"pg_create_delete_permission","args":{"table":$T(tasks),"role":"collaborator",
            "permission":{"filter":{"project":{"owner_id":{"_eq":"X-Hasura-User-Id"}}}}}}
        ]})");
    }
    static http::Headers as(const std::string& role, const std::string& user_id = "") {
        http::Headers h = admin();
        h.add("x-hasura-role", role);
        if (!user_id.empty()) h.add("x-hasura-user-id", user_id);
        return h;
    }
    // The answer to `query` as `h`, or the error "code: message" when there is one.
    std::string answer(const std::string& query, http::Headers h) {
        Reply r = gql(query, "", std::move(h));
        if (r.json.is_object() && r.json.as_object().contains("errors")) {
            return code_of(r) + ": " + message_of(r);
        }
        return r.body;
    }
    // The whole tasks table as the admin sees it, to check what a mutation did.
    std::string all_tasks() {
        return gql("{ tasks(order_by: {id: asc}) { id project_id assignee_id title cost } }").body;
    }
};

using PermissionMatrix = PermissionMatrixFixture;

// Select: the rows and columns each role sees; the permission's limit caps the client's.
TEST_P(PermissionMatrix, SelectRowsAndColumnsPerRole) {
    seed_matrix();
    const std::string projects = "{ projects(order_by: {id: asc}) { id title } }";
    EXPECT_EQ(answer(projects, admin()),
              R"({"data":{"projects":[{"id":1,"title":"P1"},{"id":2,"title":"P2"},)"
              R"({"id":3,"title":"P3"},{"id":4,"title":"P4"}]}})");
    // viewer: public rows, at most 2 even when the client asks for more.
    EXPECT_EQ(answer(projects, as("viewer")),
              R"({"data":{"projects":[{"id":1,"title":"P1"},{"id":3,"title":"P3"}]}})");
    EXPECT_EQ(answer("{ projects(order_by: {id: desc}, limit: 10) { id } }", as("viewer")),
              R"({"data":{"projects":[{"id":4},{"id":3}]}})");
    EXPECT_EQ(answer("{ projects(order_by: {id: asc}, limit: 1) { id } }", as("viewer")),
              R"({"data":{"projects":[{"id":1}]}})");
    EXPECT_EQ(answer("{ projects_by_pk(id: 2) { id } }", as("viewer")),
              R"({"data":{"projects_by_pk":null}})");
    EXPECT_EQ(answer("{ projects_by_pk(id: 3) { title } }", as("viewer")),
              R"({"data":{"projects_by_pk":{"title":"P3"}}})");
    // member: own projects and own tasks, per session variable.
    EXPECT_EQ(answer(projects, as("member", "1")),
              R"({"data":{"projects":[{"id":1,"title":"P1"},{"id":2,"title":"P2"}]}})");
    EXPECT_EQ(answer(projects, as("member", "2")),
              R"({"data":{"projects":[{"id":3,"title":"P3"},{"id":4,"title":"P4"}]}})");
    EXPECT_EQ(answer("{ tasks(order_by: {id: asc}) { id project_id title } }", as("member", "1")),
              R"({"data":{"tasks":[{"id":10,"project_id":1,"title":"T10"},)"
              R"({"id":13,"project_id":2,"title":"T13"}]}})");
    EXPECT_EQ(answer("{ tasks_by_pk(id: 11) { id } }", as("member", "1")),
              R"({"data":{"tasks_by_pk":null}})");
    EXPECT_EQ(answer("{ tasks { id } }", as("member")),
              R"(not-found: missing session variables: "x-hasura-user-id")");
    // auditor: every task, only id and cost.
    EXPECT_EQ(answer("{ tasks(order_by: {id: asc}) { id cost } }", as("auditor")),
              R"({"data":{"tasks":[{"id":10,"cost":5},{"id":11,"cost":7},{"id":12,"cost":3},)"
              R"({"id":13,"cost":9}]}})");
}

// A column or table outside the permission is absent from the role's schema, wherever it
// would be named.
TEST_P(PermissionMatrix, HiddenFieldsAreAbsent) {
    seed_matrix();
    struct Case {
        const char* role;
        const char* query;
        const char* error;
    };
    const Case cases[] = {
        {"viewer", "{ projects { secret } }", "field 'secret' not found in type: 'projects'"},
        {"viewer", "{ projects { owner_id } }", "field 'owner_id' not found in type: 'projects'"},
        {"viewer", "{ tasks { id } }", "field 'tasks' not found in type: 'query_root'"},
        {"viewer", "{ projects { tasks { id } } }", "field 'tasks' not found in type: 'projects'"},
        {"viewer", "{ projects_aggregate { aggregate { count } } }",
         "field 'projects_aggregate' not found in type: 'query_root'"},
        {"member", "{ tasks { cost } }", "field 'cost' not found in type: 'tasks'"},
        {"member", "{ tasks { assignee_id } }", "field 'assignee_id' not found in type: 'tasks'"},
        {"member", "{ tasks_aggregate { aggregate { count } } }",
         "field 'tasks_aggregate' not found in type: 'query_root'"},
        {"member", "{ projects { tasks_aggregate { aggregate { count } } } }",
         "field 'tasks_aggregate' not found in type: 'projects'"},
        {"member", "{ projects { secret } }", "field 'secret' not found in type: 'projects'"},
        {"auditor", "{ tasks { title } }", "field 'title' not found in type: 'tasks'"},
        {"auditor", "{ tasks { project { id } } }", "field 'project' not found in type: 'tasks'"},
        {"auditor", "{ projects { id } }", "field 'projects' not found in type: 'query_root'"},
    };
    for (const Case& c : cases) {
        EXPECT_EQ(answer(c.query, as(c.role, "1")), std::string("validation-failed: ") + c.error)
            << c.role << " " << c.query;
        // The same query is valid for the admin: only the permission hides the field.
        EXPECT_TRUE(answer(c.query, admin()).starts_with(R"({"data":)")) << c.query;
    }
}

// where, order_by, distinct_on and aggregate arguments cannot name a hidden column: the input
// types simply lack it, so the request fails validation and runs nothing.
TEST_P(PermissionMatrix, ArgumentsCannotNameHiddenColumns) {
    seed_matrix();
    struct Case {
        const char* role;
        const char* query;
    };
    const Case cases[] = {
        {"viewer", R"({ projects(where: {secret: {_eq: "s2"}}) { id } })"},
        {"viewer", R"({ projects(where: {_not: {owner_id: {_eq: 1}}}) { id } })"},
        {"viewer", R"({ projects(where: {tasks: {cost: {_gt: 0}}}) { id } })"},
        {"viewer", "{ projects(order_by: {secret: asc}) { id } }"},
        {"viewer", "{ projects(order_by: {owner_id: desc}) { id } }"},
        {"viewer", "{ projects(distinct_on: [owner_id]) { id } }"},
        {"member", "{ tasks(where: {cost: {_gt: 4}}) { id } }"},
        {"member", "{ tasks(order_by: {cost: asc}) { id } }"},
        {"member", "{ tasks(distinct_on: [assignee_id]) { id } }"},
        {"member", R"({ tasks(where: {project: {secret: {_eq: "s1"}}}) { id } })"},
        {"member", "{ tasks(order_by: {project: {secret: asc}}) { id } }"},
        {"member", "{ projects_aggregate { aggregate { max { secret } } } }"},
        {"member",
         "{ projects_aggregate(where: {secret: {_eq: \"s1\"}}) { aggregate { count } } }"},
        {"auditor", "{ tasks(where: {assignee_id: {_eq: 1}}) { id } }"},
        {"auditor", "{ tasks(where: {project: {public: {_eq: true}}}) { id } }"},
        {"auditor", "{ tasks_aggregate { aggregate { max { title } } } }"},
        {"auditor", "{ tasks_aggregate { aggregate { count(columns: [title]) } } }"},
    };
    for (const Case& c : cases) {
        Reply r = gql(c.query, "", as(c.role, "1"));
        EXPECT_EQ(code_of(r), "validation-failed") << c.role << " " << c.query << "\n" << r.body;
        EXPECT_TRUE(answer(c.query, admin()).starts_with(R"({"data":)")) << c.query;
    }
}

// `_exists` belongs to permission filters only: as in Hasura, `<table>_bool_exp` has no such
// field, so a `where` using it fails validation with the same answer whether the table it names
// is visible to the role, hidden from it, or not there at all, and runs nothing.
TEST_P(PermissionMatrix, ExistsInWhereIsRefusedAlikeForEveryTable) {
    seed_matrix();
    const std::string before = all_tasks();
    for (const char* role : {"viewer", "member", "auditor", "admin"}) {
        http::Headers h = std::string(role) == "admin" ? admin() : as(role, "1");
        const char* root = std::string(role) == "auditor" ? "tasks" : "projects";
        for (const char* named : {"tasks", "projects", "no_such_table"}) {
            const std::string where =
                std::string(R"({_exists: {_table: ")") + named + R"(", _where: {}}})";
            EXPECT_EQ(answer(std::string("{ ") + root + "(where: " + where + ") { id } }", h),
                      std::string("validation-failed: field '_exists' not found in type: '") +
                          root + "_bool_exp'")
                << role << " " << named;
            // Through a variable: the same refusal, at variable coercion (which echoes the
            // client's own value, nothing else).
            const std::string value =
                std::string(R"({"_exists":{"_table":")") + named + R"(","_where":{}}})";
            Reply r = gql(std::string("query q($w: ") + root + "_bool_exp) { " + root +
                              "(where: $w) { id } }",
                          R"({"w":)" + value + "}", h);
            EXPECT_EQ(code_of(r), "validation-failed") << role << " " << named << r.body;
            EXPECT_EQ(message_of(r), "Variable \"$w\" got invalid value " + value +
                                         "; Field \"_exists\" is not defined by type \"" + root +
                                         "_bool_exp\".")
                << r.body;
        }
        // Nor in a delete's where, the mutation kind whose filter a role controls.
        if (std::string(role) == "member" || std::string(role) == "admin") {
            EXPECT_EQ(
                answer(
                    R"(mutation { delete_tasks(where: {_exists: {_table: "projects", _where: {}}}) { affected_rows } })",
                    h),
                "validation-failed: field '_exists' not found in type: 'tasks_bool_exp'");
        }
    }
    EXPECT_EQ(all_tasks(), before);
}

// A permission filter may read a table the role has no permission on (`_exists`, or a
// relationship to it): the admin wrote it, and Hasura evaluates it without the role's
// permissions there. The role still sees nothing of that table: no root field, no relationship
// field, nothing to name in where/order_by, and the answers do not change with its hidden
// columns.
TEST_P(PermissionMatrix, PermissionFiltersReachTablesTheRoleCannotRead) {
    seed_matrix();
    const std::string tasks = "{ tasks(order_by: {id: asc}) { id title } }";
    // Projects 1 and 2 belong to user 1, 3 and 4 to user 2.
    EXPECT_EQ(answer(tasks, as("collaborator", "1")),
              R"({"data":{"tasks":[{"id":10,"title":"T10"},{"id":11,"title":"T11"},)"
              R"({"id":13,"title":"T13"}]}})");
    EXPECT_EQ(answer(tasks, as("collaborator", "2")),
              R"({"data":{"tasks":[{"id":12,"title":"T12"}]}})");
    EXPECT_EQ(answer(tasks, as("collaborator", "3")), R"({"data":{"tasks":[]}})");
    EXPECT_EQ(answer("{ tasks_by_pk(id: 12) { id } }", as("collaborator", "1")),
              R"({"data":{"tasks_by_pk":null}})");

    struct Case {
        const char* query;
        const char* error;
    };
    const Case hidden[] = {
        {"{ projects { id } }", "field 'projects' not found in type: 'query_root'"},
        {"{ projects_by_pk(id: 1) { id } }",
         "field 'projects_by_pk' not found in type: 'query_root'"},
        {"{ tasks { project { id } } }", "field 'project' not found in type: 'tasks'"},
        {"{ tasks { project_id } }", "field 'project_id' not found in type: 'tasks'"},
        {"{ tasks { cost } }", "field 'cost' not found in type: 'tasks'"},
        {R"({ tasks(where: {project: {secret: {_eq: "s1"}}}) { id } })",
         "field 'project' not found in type: 'tasks_bool_exp'"},
        {"{ tasks(order_by: {project: {secret: asc}}) { id } }",
         "field 'project' not found in type: 'tasks_order_by'"},
        {"{ tasks(distinct_on: [project_id]) { id } }", nullptr},
        {"{ tasks_aggregate { aggregate { count } } }",
         "field 'tasks_aggregate' not found in type: 'query_root'"},
        {R"({ tasks(where: {_exists: {_table: "projects", _where: {}}}) { id } })",
         "field '_exists' not found in type: 'tasks_bool_exp'"},
    };
    for (const Case& c : hidden) {
        Reply r = gql(c.query, "", as("collaborator", "1"));
        EXPECT_EQ(code_of(r), "validation-failed") << c.query << "\n" << r.body;
        if (c.error != nullptr) {
            EXPECT_EQ(message_of(r), c.error) << c.query;
        }
    }

    // The hidden columns of projects do not show through the answers: changing every secret
    // and title of the projects changes nothing the collaborator sees.
    const std::string before = answer(tasks, as("collaborator", "1"));
    Reply changed = gql(R"(mutation { update_projects(where: {}, _set: {secret: "other",
                                                             title: "other"}) { affected_rows } })");
    ASSERT_EQ(changed.body, R"({"data":{"update_projects":{"affected_rows":4}}})");
    EXPECT_EQ(answer(tasks, as("collaborator", "1")), before);

    // The delete filter goes through the `project` relationship: collaborator 2 removes only
    // task 12 (project 3); the tasks of user 1's projects stay.
    EXPECT_EQ(
        answer("mutation { delete_tasks(where: {}) { affected_rows } }", as("collaborator", "2")),
        R"({"data":{"delete_tasks":{"affected_rows":1}}})");
    EXPECT_EQ(answer("mutation { delete_tasks_by_pk(id: 10) { id } }", as("collaborator", "2")),
              R"({"data":{"delete_tasks_by_pk":null}})");
    EXPECT_EQ(
        all_tasks(),
        R"({"data":{"tasks":[{"id":10,"project_id":1,"assignee_id":1,"title":"T10","cost":5},)"
        R"({"id":11,"project_id":1,"assignee_id":2,"title":"T11","cost":7},)"
        R"({"id":13,"project_id":2,"assignee_id":1,"title":"T13","cost":9}]}})");
}

// Relationships: each side under its own permission, in selections, filters and ordering; an
// aggregate counts only the visible rows.
TEST_P(PermissionMatrix, RelationshipsAndAggregatesRevealNoHiddenRow) {
    seed_matrix();
    // The array relationship lists only the tasks member 1 may see (not 11, assigned to 2).
    EXPECT_EQ(
        answer("{ projects(order_by: {id: asc}) { id tasks(order_by: {id: asc}) { id } } }",
               as("member", "1")),
        R"({"data":{"projects":[{"id":1,"tasks":[{"id":10}]},{"id":2,"tasks":[{"id":13}]}]}})");
    // The object relationship is null where the project is not visible (task 11's project 1
    // belongs to member 1, not 2).
    EXPECT_EQ(
        answer("{ tasks(order_by: {id: asc}) { id project { title } } }", as("member", "2")),
        R"({"data":{"tasks":[{"id":11,"project":null},{"id":12,"project":{"title":"P3"}}]}})");
    // A filter through a relationship sees only the target's visible rows.
    EXPECT_EQ(
        answer(R"({ tasks(where: {project: {title: {_eq: "P1"}}}) { id } })", as("member", "2")),
        R"({"data":{"tasks":[]}})");
    EXPECT_EQ(
        answer(R"({ tasks(where: {project: {title: {_eq: "P3"}}}) { id } })", as("member", "2")),
        R"({"data":{"tasks":[{"id":12}]}})");
    EXPECT_EQ(answer(R"({ projects(where: {tasks: {id: {_eq: 11}}}) { id } })", as("member", "1")),
              R"({"data":{"projects":[]}})");
    // Aggregates count the visible rows only.
    EXPECT_EQ(answer("{ projects_aggregate { aggregate { count } } }", as("member", "1")),
              R"({"data":{"projects_aggregate":{"aggregate":{"count":2}}}})");
    EXPECT_EQ(answer("{ tasks_aggregate { aggregate { count sum { cost } max { cost } } } }",
                     as("auditor")),
              R"({"data":{"tasks_aggregate":{"aggregate":{"count":4,"sum":{"cost":24},)"
              R"("max":{"cost":9}}}}})");
    // distinct_on over visible columns and rows.
    EXPECT_EQ(answer("{ projects(distinct_on: [public], order_by: [{public: asc}, {id: asc}]) "
                     "{ id public } }",
                     as("member", "1")),
              R"({"data":{"projects":[{"id":2,"public":false},{"id":1,"public":true}]}})");
}

// Mutations: which roles have them at all, and what member may write.
TEST_P(PermissionMatrix, WritesPerRole) {
    seed_matrix();
    const std::string before = all_tasks();
    for (const char* role : {"viewer", "auditor"}) {
        EXPECT_EQ(answer("mutation { delete_tasks(where: {}) { affected_rows } }", as(role, "1")),
                  "validation-failed: no mutations exist")
            << role;
    }
    struct Case {
        const char* query;
        const char* error;
    };
    const Case refused[] = {
        {"mutation { insert_projects_one(object: {id: 9}) { id } }",
         "field 'insert_projects_one' not found in type: 'mutation_root'"},
        {"mutation { delete_projects(where: {}) { affected_rows } }",
         "field 'delete_projects' not found in type: 'mutation_root'"},
        {"mutation { update_projects(where: {}, _set: {title: \"x\"}) { affected_rows } }",
         "field 'update_projects' not found in type: 'mutation_root'"},
        {R"(mutation { insert_tasks_one(object: {id: 20, project_id: 1, title: "x", cost: 1}) { id } })",
         "field 'cost' not found in type: 'tasks_insert_input'"},
        {R"(mutation { insert_tasks_one(object: {id: 20, project_id: 1, title: "x", assignee_id: 2}) { id } })",
         "field 'assignee_id' not found in type: 'tasks_insert_input'"},
        {R"(mutation { insert_tasks_one(object: {id: 20, project_id: 1, title: "x"}) { cost } })",
         "field 'cost' not found in type: 'tasks'"},
        {"mutation { update_tasks(where: {}, _set: {cost: 1}) { affected_rows } }",
         "field 'cost' not found in type: 'tasks_set_input'"},
        {"mutation { update_tasks(where: {}, _set: {project_id: 3}) { affected_rows } }",
         "field 'project_id' not found in type: 'tasks_set_input'"},
    };
    for (const Case& c : refused) {
        EXPECT_EQ(answer(c.query, as("member", "1")), std::string("validation-failed: ") + c.error)
            << c.query;
    }
    // Filters on hidden columns are refused in mutations too.
    for (const char* q : {"mutation { delete_tasks(where: {cost: {_gt: 0}}) { affected_rows } }",
                          "mutation { update_tasks(where: {assignee_id: {_eq: 2}}, "
                          "_set: {title: \"x\"}) { affected_rows } }"}) {
        Reply r = gql(q, "", as("member", "1"));
        EXPECT_EQ(code_of(r), "validation-failed") << q << "\n" << r.body;
    }
    // Inserting into a project member 1 does not own fails the check and writes nothing.
    EXPECT_EQ(answer(R"(mutation { insert_tasks(objects: [{id: 20, project_id: 1, title: "ok"},
                                                          {id: 21, project_id: 3, title: "no"}])
                                   { affected_rows } })",
                     as("member", "1")),
              "permission-error: check constraint of an insert permission has failed");
    EXPECT_EQ(all_tasks(), before);

    // Insert into an own project: the presets fill assignee_id and cost.
    EXPECT_EQ(answer(R"(mutation { insert_tasks_one(object: {id: 20, project_id: 2, title: "new"})
                                   { id title } })",
                     as("member", "1")),
              R"({"data":{"insert_tasks_one":{"id":20,"title":"new"}}})");
    // Update and delete reach only the tasks assigned to member 1 (10, 13, 20).
    EXPECT_EQ(
        answer(R"(mutation { update_tasks(where: {}, _set: {title: "mine"}) { affected_rows } })",
               as("member", "1")),
        R"({"data":{"update_tasks":{"affected_rows":3}}})");
    EXPECT_EQ(
        answer(
            R"(mutation { update_tasks_by_pk(pk_columns: {id: 11}, _set: {title: "x"}) { id } })",
            as("member", "1")),
        R"({"data":{"update_tasks_by_pk":null}})");
    EXPECT_EQ(answer("mutation { delete_tasks_by_pk(id: 12) { id } }", as("member", "1")),
              R"({"data":{"delete_tasks_by_pk":null}})");
    EXPECT_EQ(
        answer("mutation { delete_tasks(where: {id: {_in: [10, 11, 12]}}) { affected_rows } }",
               as("member", "1")),
        R"({"data":{"delete_tasks":{"affected_rows":1}}})");
    EXPECT_EQ(
        all_tasks(),
        R"({"data":{"tasks":[{"id":11,"project_id":1,"assignee_id":2,"title":"T11","cost":7},)"
        R"({"id":12,"project_id":3,"assignee_id":2,"title":"T12","cost":3},)"
        R"({"id":13,"project_id":2,"assignee_id":1,"title":"mine","cost":9},)"
        R"({"id":20,"project_id":2,"assignee_id":1,"title":"mine","cost":0}]}})");
}

}  // namespace ward::engine::server::testing
