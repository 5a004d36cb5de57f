# Every third-party library comes from Debian bookworm (scripts/install-deps).
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(fmt REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(SQLiteCpp REQUIRED)
find_package(CLI11 REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(date REQUIRED)
# Boost.Asio and Boost.Beast (header-only) carry the HTTP server.
find_package(Boost 1.74 REQUIRED)

if(PINEAL_BUILD_TESTS)
  find_package(GTest REQUIRED)
  find_package(rapidcheck REQUIRED)
  # The integration tests' HTTP client.
  pkg_check_modules(HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
endif()
if(PINEAL_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()
