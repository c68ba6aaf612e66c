# Helpers shared by every module: warnings, sanitizers, and ward_module()/ward_test().

# Designated initializers that rely on member defaults are idiomatic here.
set(WARD_WARNINGS -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers)
if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    list(APPEND WARD_WARNINGS -Wthread-safety)
endif()
# g++ 12 at -O2/-O3 reports a false -Wrestrict inside std::string's operator+ (GCC bug 105329):
# the release build would otherwise not be warning-free.
# Two more of its false positives fire in every C++20 coroutine frame (Asio awaitables, ours):
# -Wmismatched-new-delete pairs the frame's allocation with its sized delete (GCC bug 109224), and
# -Wmaybe-uninitialized flags std::vector / std::function members moved out of the frame. The
# clang 14 build (preset `clang`) stays the check for real uninitialised reads.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    list(APPEND WARD_WARNINGS -Wno-restrict -Wno-mismatched-new-delete -Wno-maybe-uninitialized)
endif()

if(WARD_SANITIZE)
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

# Several engineers work in one tree at once: a source listed but not yet written must not stop
# everyone else's configure. Outside CI it is skipped with a warning; in CI it is an error.
function(ward_existing_sources out)
    set(found)
    foreach(src ${ARGN})
        if(IS_ABSOLUTE "${src}")
            set(path "${src}")
        else()
            set(path "${CMAKE_CURRENT_SOURCE_DIR}/${src}")
        endif()
        if(EXISTS "${path}")
            list(APPEND found "${src}")
        elseif(DEFINED ENV{CI})
            message(FATAL_ERROR "missing source file: ${path}")
        else()
            message(WARNING "missing source file skipped: ${path}")
        endif()
    endforeach()
    set(${out} ${found} PARENT_SCOPE)
endfunction()

# ward_module(NAME SOURCES a.cpp b.cpp DEPS ward_core ...)
# One static library per module; include paths are rooted at src/.
function(ward_module name)
    cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
    ward_existing_sources(sources ${ARG_SOURCES})
    if(NOT sources)
        add_library(${name} INTERFACE)
        return()
    endif()
    add_library(${name} STATIC ${sources})
    target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_compile_options(${name} PRIVATE ${WARD_WARNINGS})
    target_link_libraries(${name} PUBLIC ${ARG_DEPS})
endfunction()

# ward_test(NAME SOURCES x_test.cpp DEPS ward_core [LABELS pg])
# One GoogleTest binary per module, discovered by ctest.
function(ward_test name)
    cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
    ward_existing_sources(sources ${ARG_SOURCES})
    if(NOT sources)
        message(WARNING "test ${name} has no sources yet; skipped")
        return()
    endif()
    add_executable(${name} ${sources})
    target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
    target_compile_options(${name} PRIVATE ${WARD_WARNINGS})
    target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gtest_main)
    if("pg" IN_LIST ARG_LABELS)
        # PostgreSQL tests share one server and may share a database and table names: ctest -j
        # runs them one at a time, beside the other tests.
        gtest_discover_tests(${name} PROPERTIES LABELS "${ARG_LABELS}" RESOURCE_LOCK postgres
                             DISCOVERY_TIMEOUT 60)
    elseif(ARG_LABELS)
        gtest_discover_tests(${name} PROPERTIES LABELS "${ARG_LABELS}" DISCOVERY_TIMEOUT 60)
    else()
        gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60)
    endif()
endfunction()
