# cmake -DIN=file -DOUT=file.c -DNAME=identifier -P embed_text.cmake
# Writes `const char NAME[]` holding IN's bytes as hex, so no character of
# the file can break the C source.
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE ${OUT} "/* generated from ${IN}; do not edit */\nconst char ${NAME}[] = {${bytes} 0x00};\n")
