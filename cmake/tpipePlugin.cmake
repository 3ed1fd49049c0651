# tpipe_add_plugin(<name> SOURCES <files...> [LIBS <libs...>])
#
# Builds <name>.so, a tpipe plugin module: C11, hidden visibility (only
# tp_module_entry is exported, by TP_MODULE), linked against tpipe::tpipe.
# Run it with `tpipe run --plugin-path <build dir> ...` or install it into
# ${TPIPE_PLUGIN_DIR}.
function(tpipe_add_plugin name)
  cmake_parse_arguments(TPA "" "" "SOURCES;LIBS" ${ARGN})
  if(NOT TPA_SOURCES)
    message(FATAL_ERROR "tpipe_add_plugin(${name}): no SOURCES given")
  endif()
  add_library(${name} MODULE ${TPA_SOURCES})
  target_link_libraries(${name} PRIVATE tpipe::tpipe ${TPA_LIBS})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    C_STANDARD 11
    C_STANDARD_REQUIRED ON
    C_VISIBILITY_PRESET hidden)
endfunction()
