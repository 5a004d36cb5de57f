# Writes a C++ source that embeds every migrations/<engine>/NNNN_*.sql file.
# Run with -DSQL_DIR=... -DOUT=... -DFUNCTION=...
file(GLOB files "${SQL_DIR}/*.sql")
list(SORT files)
set(body "")
foreach(f ${files})
  get_filename_component(name "${f}" NAME_WE)
  string(SUBSTRING "${name}" 0 4 number)
  math(EXPR version "${number}")
  file(READ "${f}" sql)
  string(APPEND body "  {${version}, \"${name}\", R\"pineal_sql(${sql})pineal_sql\"},\n")
endforeach()
file(WRITE "${OUT}.tmp"
"// Generated from ${SQL_DIR} by embed_migrations.cmake; do not edit.\n"
"#include \"pineal/store/migration.h\"\n\n"
"namespace pineal::store {\n"
"namespace {\nconstexpr Migration kMigrations[] = {\n${body}};\n}  // namespace\n\n"
"std::span<const Migration> ${FUNCTION}() { return kMigrations; }\n\n"
"}  // namespace pineal::store\n")
execute_process(COMMAND ${CMAKE_COMMAND} -E copy_if_different "${OUT}.tmp" "${OUT}")
