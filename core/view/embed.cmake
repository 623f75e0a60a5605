# cmake -DIN=file -DOUT=file.c -DNAME=symbol -P embed.cmake
# Writes `const char NAME[]` holding IN's bytes as hex and a final NUL, so
# the HTML view's CSS and JavaScript stay ordinary files in the source tree
# and no character of them can break the C source.
file(READ ${IN} hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
file(WRITE ${OUT} "/* generated from ${IN}; do not edit */\nextern const char ${NAME}[];\nconst char ${NAME}[] = {${bytes} 0x00};\n")
