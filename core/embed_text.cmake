# cmake -DIN=file -DOUT=file.c -P embed_text.cmake
# Writes `const char quarry_default_ini[]` holding IN's bytes as hex, so no
# character of the INI file can break the C source.
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE ${OUT} "/* generated from ${IN}; do not edit */\nconst char quarry_default_ini[] = {${bytes} 0x00};\n")
