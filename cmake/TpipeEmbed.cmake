# tpipe_embed_file(<out_c> <input> <symbol>)
# Generates <out_c> defining `const char <symbol>[]` (NUL-terminated) and
# `const unsigned long <symbol>_len` with the bytes of <input>, regenerated
# when the input changes. Used to compile word lists into plugins.
function(tpipe_embed_file out_c input symbol)
  add_custom_command(
    OUTPUT ${out_c}
    COMMAND ${CMAKE_COMMAND} -DINPUT=${input} -DOUTPUT=${out_c} -DSYMBOL=${symbol}
            -P ${TPIPE_CMAKE_DIR}/TpipeEmbedRun.cmake
    DEPENDS ${input} ${TPIPE_CMAKE_DIR}/TpipeEmbedRun.cmake
    COMMENT "Embedding ${input}"
    VERBATIM)
endfunction()
